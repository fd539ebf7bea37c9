/**
 * Every refusal the API makes is a problem (RFC 9457) with a stable `code`: clients switch on the code, people read
 * the localised `detail`. The table below is the one list of codes, each with its HTTP status and English title, so
 * that one code always means one status. The API answers with it, the SDK's `PaktaApiError.code` and the widget's
 * messages are typed by it, and a test holds docs/http-api.md's table to it.
 */

export const PROBLEMS = {
  validation_failed: { status: 400, title: 'Validation failed' },
  malformed_json: { status: 400, title: 'Malformed JSON' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  not_found: { status: 404, title: 'Not found' },
  unknown_service: { status: 404, title: 'Unknown service' },
  unknown_channel: { status: 422, title: 'Channel not offered' },
  unknown_slot: { status: 422, title: 'Unknown slot' },
  date_closed: { status: 422, title: 'Hall closed' },
  outside_window: { status: 422, title: 'Outside booking window' },
  pact_not_accepted: { status: 422, title: 'Pact not accepted' },
  pact_outdated: { status: 409, title: 'Pact outdated' },
  pact_mismatch: { status: 422, title: 'Pact text mismatch' },
  invalid_nik: { status: 400, title: 'Invalid NIK' },
  invalid_phone: { status: 400, title: 'Invalid phone number' },
  nik_required: { status: 400, title: 'NIK required' },
  quota_exhausted: { status: 409, title: 'Quota exhausted' },
  already_booked: { status: 409, title: 'Already booked' },
  idempotency_key_invalid: { status: 400, title: 'Invalid Idempotency-Key' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused' },
  idempotency_in_flight: { status: 409, title: 'Request in flight' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  already_cancelled: { status: 409, title: 'Already cancelled' },
  rate_limited: { status: 429, title: 'Too many requests' },
  proof_required: { status: 400, title: 'Proof of work required' },
  proof_invalid: { status: 400, title: 'Invalid proof of work' },
  proof_reused: { status: 409, title: 'Proof of work already spent' },
  origin_not_allowed: { status: 403, title: 'Origin not allowed' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  internal: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable problem code, e.g. `quota_exhausted`. */
export type ProblemCode = keyof typeof PROBLEMS;

/** Every problem code, in the table's order. */
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(PROBLEMS, value);
}

/** The problem document's `type`: a URN, not a URL, as there is no page to dereference. */
export const problemType = (code: ProblemCode): string => `urn:pakta:problem:${code}`;

/** One field's complaint in a `validation_failed` problem: the path (`citizen.phone`) and a localised message. */
export interface FieldError {
  path: string;
  message: string;
}
