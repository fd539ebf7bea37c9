import * as v from 'valibot';
import { ChannelSchema, DateSchema, IdSchema, LanguageSchema, SlotIdSchema } from './common.js';

/** A citizen's name as on their ID card: letters, marks, spaces and the punctuation of names and titles. */
const NameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(2, 'at least 2 characters'),
  v.maxLength(100, 'at most 100 characters'),
  v.regex(/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u, 'letters, spaces and . , \' - only'),
);

export const CitizenSchema = v.object({
  name: NameSchema,
  /** Indonesian mobile number in any common form; stored as E.164. */
  phone: v.pipe(v.string(), v.maxLength(32, 'at most 32 characters')),
  /** 16-digit NIK, when the service requires it. */
  nik: v.optional(v.pipe(v.string(), v.maxLength(32, 'at most 32 characters'))),
});

export const PactAgreementSchema = v.object({
  version: v.pipe(v.string(), v.maxLength(32)),
  hash: v.pipe(v.string(), v.regex(/^[0-9a-fA-F]{64}$/, 'a SHA-256 hex digest')),
  accepted: v.boolean(),
  locale: LanguageSchema,
});

export const BookingRequestSchema = v.object({
  service: IdSchema,
  channel: ChannelSchema,
  date: DateSchema,
  slot: SlotIdSchema,
  citizen: CitizenSchema,
  pact: PactAgreementSchema,
  /** ALTCHA solution (base64 JSON), required by rush services. */
  proof: v.optional(v.pipe(v.string(), v.maxLength(2048))),
});
export type BookingRequest = v.InferOutput<typeof BookingRequestSchema>;

export const BookingStatusSchema = v.picklist(['active', 'cancelled']);

export const BookingSchema = v.object({
  id: v.string(),
  ticket: v.string(),
  service: v.string(),
  agency: v.string(),
  channel: v.string(),
  date: v.string(),
  slot: v.string(),
  start: v.string(),
  end: v.string(),
  status: BookingStatusSchema,
});
export type Booking = v.InferOutput<typeof BookingSchema>;

export const BookingCreatedSchema = v.object({
  booking: BookingSchema,
  certificate: v.string(),
  certificateUrl: v.string(),
  manageToken: v.string(),
});
export type BookingCreated = v.InferOutput<typeof BookingCreatedSchema>;

export const BookingViewSchema = v.object({ booking: BookingSchema, certificate: v.string(), certificateUrl: v.string() });
export type BookingView = v.InferOutput<typeof BookingViewSchema>;

export const BookingCancelledSchema = v.object({ booking: BookingSchema });

export const IdempotencyKeySchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{8,128}$/));
