/**
 * The API after the first step, through the SDK's typed client (`@pakta/sdk`); loaded with the flow chunk. A booking is
 * one SDK booking attempt: one Idempotency-Key however often it is sent, so a retry can never book twice. The retry
 * policy is the SDK client's (`RetryPolicy`): the widget has none of its own.
 */
import { createClient, outcomeUnknown, PaktaApiError, type PaktaClient, type RetryPolicy } from '@pakta/sdk';
import type { Language } from './types';

export { outcomeUnknown, PaktaApiError };

/**
 * The client for one tenant, in `lang` (`Accept-Language`: problem details in the citizen's language); sends no cookies.
 * A booking is sent again by itself while the API is still busy with its key (up to 5 times) and once after no answer
 * came or the gateway failed. While its outcome stays unknown (also after a 429) the client remembers the attempt, so
 * the citizen's "try again" with an unchanged booking reuses its key; a changed booking, a success or a definite refusal
 * (slot full, pact changed…) makes the next booking a new attempt with a new key. Keep one client per tenant and language
 * for that memory to work.
 */
export function apiClient(baseUrl: string, tenant: string, lang: Language, wait?: RetryPolicy['wait']): PaktaClient {
  return createClient({
    baseUrl,
    tenant,
    lang,
    fetch: (input, init) => fetch(input, { ...init, credentials: 'omit' }),
    retry: { inFlight: 5, unanswered: 1, ...(wait ? { wait } : {}) },
  });
}
