/**
 * Every refusal the API makes is a `Problem` with a stable `code`; clients switch on the code, people read the
 * localised `detail`. Statuses and titles live here so that one code always means one status everywhere.
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

export type ProblemCode = keyof typeof PROBLEMS;

export interface FieldError {
  path: string;
  message: string;
}

/** A refusal with a stable code; thrown anywhere in a request, rendered by the app's error handler. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  /** Values interpolated into the localised message, e.g. `{ seconds: 30 }`. */
  readonly params: Record<string, string | number>;
  readonly headers: Record<string, string>;

  constructor(
    code: ProblemCode,
    options: { errors?: FieldError[]; params?: Record<string, string | number>; headers?: Record<string, string> } = {},
  ) {
    // A refusal is an answer, not a fault: its stack is never shown or logged, and capturing one through the
    // async frames of a request costs more than the rest of a quota_exhausted answer together (most of a rush).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = limit;
    this.name = 'Problem';
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.errors = options.errors;
    this.params = options.params ?? {};
    this.headers = options.headers ?? {};
  }
}

export const problemType = (code: ProblemCode) => `urn:pakta:problem:${code}`;
