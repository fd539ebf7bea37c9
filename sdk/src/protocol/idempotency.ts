/**
 * The `Idempotency-Key` request header of a booking: the client's name for one booking attempt, so that a retry with
 * the same key and body gets the same booking. The API refuses any other key with `idempotency_key_invalid`; the SDK
 * refuses to send one; the OpenAPI document publishes the same pattern.
 */

/** 8–128 of `A-Za-z0-9_.:-`, as a JSON Schema / OpenAPI `pattern`. */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_.:-]{8,128}$';

export const IDEMPOTENCY_KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value);
}
