import * as v from 'valibot';

export const LocalTextSchema = v.object({ id: v.string(), en: v.string() });
export const LanguageSchema = v.picklist(['id', 'en']);
export const DateSchema = v.pipe(v.string(), v.isoDate('a date YYYY-MM-DD'));
export const SlotIdSchema = v.pipe(v.string(), v.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'a slot start HH:MM'));
export const IdSchema = v.pipe(v.string(), v.maxLength(64), v.regex(/^[a-z0-9-]+$/, 'a lowercase id'));
export const ChannelSchema = v.pipe(v.string(), v.maxLength(32), v.regex(/^[a-z]+$/, 'a channel such as counter'));
export const BookingIdSchema = v.pipe(v.string(), v.regex(/^bk_[A-Za-z0-9_-]{16,40}$/, 'a booking id'));
