/**
 * Shapes of the Pakta HTTP API as the widget reads them (see docs/http-api.md).
 * Only the fields the widget uses are required; the rest are optional so that a newer API does not break it.
 */
export type Lang = 'id' | 'en';
export type LocalText = Record<Lang, string>;
export type ChannelId = string;

export interface TenantInfo {
  id: string;
  name: string;
  timeZone: string;
}

export interface ChannelInfo {
  name: LocalText;
  description: LocalText;
}

export interface AgencyInfo {
  id: string;
  name: LocalText;
}

export interface ServiceInfo {
  id: string;
  agencyId: string;
  name: LocalText;
  ticketPrefix: string;
  channels: ChannelId[];
  slotMinutes: number;
  requirements: LocalText[];
  nikRequired: boolean;
  proofOfWork?: boolean;
}

export interface PactInfo {
  version: string;
  lang: Lang;
  text: string;
  hash: string;
}

export interface TenantResponse {
  tenant: TenantInfo;
  channels: Record<ChannelId, ChannelInfo>;
  agencies: AgencyInfo[];
  services: ServiceInfo[];
  bookingWindow: { daysAhead: number; minutesBefore: number; releaseTime: string };
  pact: PactInfo;
  /** Days after the booking date when personal data is deleted, when the API tells. */
  retentionDays?: number;
}

export interface Slot {
  id: string;
  start: string;
  end: string;
  remaining: Record<ChannelId, number>;
}

export type ClosedReason = 'weekend' | 'holiday' | 'past' | 'beyond_window' | 'not_released';

export interface Day {
  date: string;
  open: boolean;
  reason?: ClosedReason | string;
  note?: LocalText;
  releasesAt?: string;
  slots: Slot[];
}

export interface AvailabilityResponse {
  service: string;
  timeZone: string;
  days: Day[];
}

export interface Citizen {
  name: string;
  phone: string;
  nik?: string;
}

export interface BookingRequest {
  service: string;
  channel: ChannelId;
  date: string;
  slot: string;
  citizen: Citizen;
  pact: { version: string; hash: string; accepted: true; locale: Lang };
  /** A solved proof-of-work challenge (ALTCHA payload), for services with `proofOfWork`. */
  proof?: string;
}

export interface Booking {
  id: string;
  ticket: string;
  service: string;
  agency: string;
  channel: ChannelId;
  date: string;
  slot: string;
  start: string;
  end: string;
  status: 'active' | 'cancelled' | string;
}

export interface BookingResponse {
  booking: Booking;
  certificate: string;
  certificateUrl: string;
  manageToken?: string;
}
