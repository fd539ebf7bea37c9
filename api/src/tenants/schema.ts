/**
 * The tenant file: one JSON document per tenant (Mal Pelayanan Publik), validated on start.
 *
 * Times of day are `HH:MM` in the tenant's own IANA zone; dates are `YYYY-MM-DD` in that zone.
 * The format is documented for operators in `docs/tenants.md`.
 */
import * as v from 'valibot';

const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'a lowercase slug: a-z, 0-9 and -'));
const TimeOfDay = v.pipe(v.string(), v.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM'));
const IsoDate = v.pipe(
  v.string(),
  v.isoDate('a date YYYY-MM-DD'),
  v.check((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real calendar date YYYY-MM-DD'),
);
/** `08:00-12:00`: one opening period. */
const Period = v.pipe(
  v.string(),
  v.regex(
    /^(?:[01]\d|2[0-3]):[0-5]\d-(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/,
    'an opening period HH:MM-HH:MM, ending by 24:00',
  ),
  v.check((p) => p.slice(0, 5) < p.slice(6), 'an opening period that ends after it starts'),
);
/** A weekday's periods, in order and not overlapping, so no two slots of a day overlap or share an id. */
const Day = v.pipe(
  v.array(Period),
  v.check(
    (ps) => ps.every((p, i) => i === 0 || ps[i - 1]!.slice(6) <= p.slice(0, 5)),
    'opening periods in order, not overlapping',
  ),
);
const Text = v.object({ id: v.pipe(v.string(), v.minLength(1)), en: v.pipe(v.string(), v.minLength(1)) });
const ChannelId = v.picklist(['counter', 'video', 'whatsapp', 'phone', 'delivery']);

const TimeZone = v.pipe(
  v.string(),
  v.check((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Makassar'),
);

const Origin = v.pipe(
  v.string(),
  v.check((o) => {
    try {
      return new URL(o).origin === o;
    } catch {
      return false;
    }
  }, 'an origin such as https://mpp.example.go.id (scheme, host, optional port, no path)'),
);

const RateLimit = v.object({
  limit: v.pipe(v.number(), v.integer(), v.minValue(1)),
  windowSeconds: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(86_400)),
});

export const WeekdaySchema = v.picklist(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const ServiceSchema = v.object({
  id: Slug,
  name: Text,
  /** Letters printed before the number: `PAS` → `PAS-007`. */
  ticketPrefix: v.pipe(v.string(), v.regex(/^[A-Z]{1,4}$/, 'one to four capital letters')),
  /** Quota per slot for each channel offered; a channel not listed is not offered. */
  quotaPerSlot: v.pipe(
    v.record(ChannelId, v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999))),
    v.check((q) => Object.keys(q).length > 0, 'at least one channel'),
  ),
  slotMinutes: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(240)),
  requirements: v.array(Text),
  nikRequired: v.boolean(),
  /** Rush services ask the widget to solve a proof-of-work challenge before booking. */
  proofOfWork: v.optional(v.boolean(), false),
});

export const AgencySchema = v.object({
  id: Slug,
  name: Text,
  services: v.pipe(v.array(ServiceSchema), v.minLength(1)),
});

export const TenantSchema = v.pipe(
  v.object({
    id: Slug,
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    timeZone: TimeZone,
    allowedOrigins: v.array(Origin),
    pact: v.object({
      version: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{1,32}$/, 'a short version label such as 2026.1')),
      text: Text,
    }),
    /** The tenant's channels (its Meta-Channel), each with the explanation the citizen reads. */
    channels: v.record(ChannelId, v.object({ name: Text, description: Text })),
    openingHours: v.object({
      mon: Day,
      tue: Day,
      wed: Day,
      thu: Day,
      fri: Day,
      sat: v.optional(Day, []),
      sun: v.optional(Day, []),
    }),
    closedDates: v.optional(v.array(v.object({ date: IsoDate, reason: Text })), []),
    bookingWindow: v.object({
      /** How many days ahead a citizen may book (0 = today only). */
      daysAhead: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(90)),
      /** Booking closes this many minutes before a slot starts. */
      minutesBefore: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1440)),
      /** A day's quota is released at this local time, `daysAhead` days before it. */
      releaseTime: TimeOfDay,
    }),
    /** Booking attempts allowed per client address and per citizen (NIK, else phone) in a window. */
    rateLimits: v.optional(
      v.object({
        enabled: v.optional(v.boolean(), true),
        perAddress: v.optional(RateLimit, { limit: 60, windowSeconds: 60 }),
        perCitizen: v.optional(RateLimit, { limit: 6, windowSeconds: 600 }),
      }),
      {},
    ),
    /** Days after the booking date when a booking's personal data is deleted. */
    retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)), 30),
    agencies: v.pipe(v.array(AgencySchema), v.minLength(1)),
  }),
  v.check((t) => {
    const ids = t.agencies.flatMap((a) => a.services.map((s) => s.id));
    return new Set(ids).size === ids.length;
  }, 'service ids unique across the tenant'),
  v.check(
    (t) => t.agencies.every((a) => a.services.every((s) => Object.keys(s.quotaPerSlot).every((c) => c in t.channels))),
    'every channel a service offers described in the tenant’s channels',
  ),
);

export type TenantDefinition = v.InferOutput<typeof TenantSchema>;
export type Agency = v.InferOutput<typeof AgencySchema>;
export type Service = v.InferOutput<typeof ServiceSchema>;
export type ChannelId = v.InferOutput<typeof ChannelId>;
export type Weekday = v.InferOutput<typeof WeekdaySchema>;
export type LocalText = v.InferOutput<typeof Text>;
