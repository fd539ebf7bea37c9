import type { ApiMessages } from './id.js';

/** API messages in English, for foreign citizens (e.g. at immigration). */
export const en: ApiMessages = {
  problems: {
    validation_failed: 'Some of the data sent is missing or invalid. Check the fields listed.',
    malformed_json: 'The request body could not be read (not valid UTF-8 JSON).',
    payload_too_large: 'The request body is too large (32 KB at most).',
    unsupported_media_type: 'The request body must be application/json.',
    not_found: 'Nothing was found here.',
    unknown_service: 'This service is not offered at this public service hall.',
    unknown_channel: 'This service is not offered through the chosen channel.',
    unknown_slot: 'The chosen time is not offered on that date.',
    date_closed: 'The public service hall is closed on that date.',
    outside_window:
      'This date or time cannot be booked now: it has passed, is too far ahead, or its quota is not released yet.',
    pact_not_accepted: 'You need to agree to the integrity pact before taking a queue number.',
    pact_outdated: 'The integrity pact has been updated. Please read and agree to the latest version.',
    pact_mismatch: 'The pact text you agreed to differs from the official text. Reload the page and try again.',
    invalid_nik: 'The NIK must be the 16 digits on your ID card.',
    invalid_phone: 'The WhatsApp number must be an Indonesian mobile number, e.g. 0812-3456-7890.',
    nik_required: 'This service requires a NIK.',
    quota_exhausted: 'The quota for this time is used up. Please choose another time or date.',
    already_booked: 'You already hold a queue number for this service on that date.',
    idempotency_key_invalid: 'The Idempotency-Key header is invalid (8–128 letters, digits, _ - . :).',
    idempotency_key_reused: 'This Idempotency-Key was already used for a different request.',
    idempotency_in_flight: 'The same request is still being processed. Try again in a moment.',
    unauthorized: 'The manage token is missing or wrong.',
    already_cancelled: 'This booking was already cancelled.',
    rate_limited: 'Too many requests. Try again in {seconds} seconds.',
    proof_required: 'This service is busy: your device must complete an automatic check first. Reload and try again.',
    proof_invalid: 'The automatic check is invalid or has expired. Reload and try again.',
    proof_reused: 'This automatic check was already used. Reload and try again.',
    origin_not_allowed: 'This site is not registered to book at this public service hall.',
    method_not_allowed: 'This HTTP method is not supported at this address.',
    internal: 'Something went wrong on our side. Nothing was saved; please try again.',
  },
  fields: {
    required: 'is required',
    invalid: 'is invalid',
  },
};
