/**
 * The API's shapes as the widget reads them: taken from the protocol's valibot schemas (`@pakta/sdk/protocol`, types
 * only, nothing at runtime), which the API validates with, so the widget, the SDK and the API cannot drift.
 */
import type { Availability, TenantConfig } from '@pakta/sdk/protocol';

/** `Language`: the languages the API speaks, and the widget has messages for each (`locales/`). */
export type {
  Availability,
  Booking,
  BookingCreated,
  BookingRequest,
  BookingView,
  Language,
  ProblemDocument,
  TenantConfig,
} from '@pakta/sdk/protocol';

export type AgencyInfo = TenantConfig['agencies'][number];
export type ServiceInfo = TenantConfig['services'][number];
export type Day = Availability['days'][number];
