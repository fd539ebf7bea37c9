import * as v from 'valibot';
import { ChannelSchema, DateSchema, IdSchema, LanguageSchema, LocalTextSchema } from './common.js';

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
  pact: v.object({ version: v.string(), lang: LanguageSchema, text: v.string(), hash: v.string() }),
});
export type TenantConfig = v.InferOutput<typeof TenantConfigSchema>;

export const TenantQuerySchema = v.object({ lang: v.optional(LanguageSchema) });

export const AvailabilityQuerySchema = v.object({
  service: IdSchema,
  from: v.optional(DateSchema),
  days: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,2}$/, 'a whole number of days'), v.transform(Number), v.minValue(1), v.maxValue(31)),
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
        v.object({ id: v.string(), start: v.string(), end: v.string(), remaining: v.record(ChannelSchema, v.number()) }),
      ),
    }),
  ),
});
export type Availability = v.InferOutput<typeof AvailabilitySchema>;
