/** What the citizen reads for each failure, and which failures offer the same attempt again. */

import { PROBLEM_CODES, type ProblemCode } from '@pakta/sdk/protocol';
import { describe, expect, it } from 'vitest';
import en from './locales/en';
import id from './locales/id';
import { isRetryable, problemText } from './problems';

describe('problem messages', () => {
  it('has, in each language, a message or an explicit null for every problem code', () => {
    for (const m of [id, en]) {
      for (const code of PROBLEM_CODES)
        expect(m.errors[code] === null || typeof m.errors[code] === 'string').toBe(true);
      expect(Object.keys(m.errors).sort()).toEqual([...PROBLEM_CODES, 'network', 'load', 'generic'].sort());
    }
  });

  it('shows its own message, else the API’s detail, else a generic one', () => {
    expect(problemText(id.errors, 'quota_exhausted', 'Kuota habis (API).')).toBe(id.errors.quota_exhausted);
    expect(problemText(id.errors, 'invalid_phone', 'Nomor WhatsApp harus … (API)')).toBe(
      'Nomor WhatsApp harus … (API)',
    );
    expect(problemText(id.errors, 'invalid_phone', '')).toBe(id.errors.generic);
    expect(problemText(en.errors, 'network', '')).toBe(en.errors.network);
    expect(problemText(en.errors, 'http_502', 'Bad gateway')).toBe(en.errors.internal);
    expect(problemText(en.errors, 'http_404', 'Not here')).toBe('Not here');
    expect(problemText(en.errors, 'malformed_response', '')).toBe(en.errors.generic);
    // a code from a newer API, not known here: its detail
    expect(problemText(en.errors, 'a_new_code' as ProblemCode, 'New detail')).toBe('New detail');
  });

  it('offers a retry where the same attempt may succeed, and not where the citizen must change something', () => {
    for (const code of [
      'network',
      'malformed_response',
      'rate_limited',
      'internal',
      'idempotency_in_flight',
      'proof_invalid',
      'proof_reused',
      'proof_required',
      'http_503',
    ] as const) {
      expect(isRetryable(code)).toBe(true);
    }
    for (const code of [
      'quota_exhausted',
      'already_booked',
      'validation_failed',
      'pact_outdated',
      'http_404',
    ] as const) {
      expect(isRetryable(code)).toBe(false);
    }
  });
});
