/**
 * The HTTP API's requests and answers as valibot schemas (docs/http-api.md). The API validates requests with them
 * and generates its OpenAPI document from them; the SDK client and the widget take their types from them. Field
 * messages (`'a date YYYY-MM-DD'`) are part of the answer to a bad request, so they stay as they are.
 */
import * as v from 'valibot';
import { IDEMPOTENCY_KEY } from './idempotency.js';
import { LANGUAGES } from './language.js';
import { NAME_CHARACTERS, NAME_MAX_LENGTH, NAME_MIN_LENGTH } from './name.js';

/* ---------- shared pieces ---------- */

export const LocalTextSchema = v.object({ id: v.string(), en: v.string() });
export const LanguageSchema = v.picklist(LANGUAGES);
export const DateSchema = v.pipe(v.string(), v.isoDate('a date YYYY-MM-DD'));
export const SlotIdSchema = v.pipe(v.string(), v.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'a slot start HH:MM'));
export const IdSchema = v.pipe(v.string(), v.maxLength(64), v.regex(/^[a-z0-9-]+$/, 'a lowercase id'));
export const ChannelSchema = v.pipe(v.string(), v.maxLength(32), v.regex(/^[a-z]+$/, 'a channel such as counter'));
export const BookingIdSchema = v.pipe(v.string(), v.regex(/^bk_[A-Za-z0-9_-]{16,40}$/, 'a booking id'));

/* ---------- booking ---------- */

/** A citizen's name as on their ID card (the rule: `name.ts`). */
export const NameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(NAME_MIN_LENGTH, `at least ${NAME_MIN_LENGTH} characters`),
  v.maxLength(NAME_MAX_LENGTH, `at most ${NAME_MAX_LENGTH} characters`),
  v.regex(NAME_CHARACTERS, "letters, spaces and . , ' - only"),
);

export const CitizenSchema = v.object({
  name: NameSchema,
  /** Indonesian mobile number in any common form; stored as E.164. */
  phone: v.pipe(v.string(), v.maxLength(32, 'at most 32 characters')),
  /** 16-digit NIK, when the service requires it. */
  nik: v.optional(v.pipe(v.string(), v.maxLength(32, 'at most 32 characters'))),
});

/** The citizen's agreement as sent: the pact's `version` and `hash` as received, and its language as `locale`. */
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

export const BookingViewSchema = v.object({
  booking: BookingSchema,
  certificate: v.string(),
  certificateUrl: v.string(),
});
export type BookingView = v.InferOutput<typeof BookingViewSchema>;

export const BookingCancelledSchema = v.object({ booking: BookingSchema });
export type BookingCancelled = v.InferOutput<typeof BookingCancelledSchema>;

/** The `Idempotency-Key` header (the rule: `idempotency.ts`). */
export const IdempotencyKeySchema = v.pipe(v.string(), v.regex(IDEMPOTENCY_KEY));

/* ---------- tenant and availability ---------- */

export const TenantConfigSchema = v.object({
  tenant: v.object({ id: v.string(), name: v.string(), timeZone: v.string() }),
  channels: v.record(v.string(), v.object({ name: LocalTextSchema, description: LocalTextSchema })),
  agencies: v.array(v.object({ id: v.string(), name: LocalTextSchema })),
  services: v.array(
    v.object({
      id: v.string(),
      agencyId: v.string(),
      name: LocalTextSchema,
      ticketPrefix: v.string(),
      channels: v.array(v.string()),
      slotMinutes: v.number(),
      requirements: v.array(LocalTextSchema),
      nikRequired: v.boolean(),
      proofOfWork: v.boolean(),
    }),
  ),
  bookingWindow: v.object({ daysAhead: v.number(), minutesBefore: v.number(), releaseTime: v.string() }),
  /** Days after the booking date when the citizen's personal data is erased; shown to them before they book. */
  retentionDays: v.number(),
  /** The current pact in the answer's language: `lang` is that language. */
  pact: v.object({ version: v.string(), lang: LanguageSchema, text: v.string(), hash: v.string() }),
});
export type TenantConfig = v.InferOutput<typeof TenantConfigSchema>;

export const TenantQuerySchema = v.object({ lang: v.optional(LanguageSchema) });

export const AvailabilityQuerySchema = v.object({
  service: IdSchema,
  from: v.optional(DateSchema),
  days: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,2}$/, 'a whole number of days'),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(31),
    ),
    '7',
  ),
});

export const AvailabilitySchema = v.object({
  service: v.string(),
  timeZone: v.string(),
  days: v.array(
    v.object({
      date: v.string(),
      open: v.boolean(),
      reason: v.optional(v.picklist(['weekend', 'holiday', 'past', 'beyond_window', 'not_released'])),
      note: v.optional(LocalTextSchema),
      releasesAt: v.optional(v.string()),
      slots: v.array(
        v.object({
          id: v.string(),
          start: v.string(),
          end: v.string(),
          remaining: v.record(ChannelSchema, v.number()),
        }),
      ),
    }),
  ),
});
export type Availability = v.InferOutput<typeof AvailabilitySchema>;

/* ---------- problems ---------- */

/**
 * A problem document. `code` is any string here, as received: a newer server may send a code this version does not
 * know. The codes this version knows, with their statuses: `PROBLEMS` (problems.ts).
 */
export const ProblemSchema = v.object({
  type: v.string(),
  code: v.string(),
  title: v.string(),
  status: v.number(),
  detail: v.string(),
  errors: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
});
export type ProblemDocument = v.InferOutput<typeof ProblemSchema>;
