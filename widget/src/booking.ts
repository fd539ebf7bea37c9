/**
 * The API after the first step, through the SDK's typed client (`@pakta/sdk`); loaded with the flow chunk. A booking is
 * one SDK booking attempt: one Idempotency-Key however often it is sent, so a retry can never book twice.
 */
import { createClient, PaktaApiError, type BookingAttempt, type BookingCreated, type BookingRequest, type PaktaClient } from '@pakta/sdk';
import type { Language } from './types';

export { PaktaApiError };

/** The client for one hall, in `lang` (`Accept-Language`: problem details in the citizen's language); sends no cookies. */
export function apiClient(baseUrl: string, tenant: string, lang: Language): PaktaClient {
  return createClient({ baseUrl, tenant, lang, fetch: (input, init) => fetch(input, { ...init, credentials: 'omit' }) });
}

/**
 * Books, sending the attempt again by itself while the API is still busy with its key (up to 5 times) and once after no
 * answer came or the gateway failed. The attempt is kept while its outcome is unknown (also after a 429), so the
 * citizen's "try again" with an unchanged booking reuses its key; a changed booking, a success or a definite refusal
 * (slot full, pact changed…) makes the next booking a new attempt with a new key.
 */
export class Booker {
  private pending: { body: string; attempt: BookingAttempt } | null = null;

  constructor(private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms))) {}

  /** The attempt a retry would send again, with its key (and its proof of work), if any. */
  get attempt(): BookingAttempt | null {
    return this.pending?.attempt ?? null;
  }

  async book(client: PaktaClient, req: BookingRequest): Promise<BookingCreated> {
    const body = JSON.stringify(req);
    if (this.pending?.body !== body) this.pending = { body, attempt: client.bookingAttempt(req) };
    const { attempt } = this.pending;
    for (let inFlight = 0, net = 0; ; ) {
      try {
        const created = await attempt.send();
        this.pending = null;
        return created;
      } catch (e) {
        if (!(e instanceof PaktaApiError)) throw e;
        if (e.code === 'idempotency_in_flight' && inFlight++ < 5) await this.wait(1000 * inFlight);
        else if ((e.code === 'network' || e.status === 502 || e.status === 503) && net++ < 1) await this.wait(1500);
        else {
          if (e.status >= 400 && e.status < 500 && e.code !== 'rate_limited' && e.code !== 'idempotency_in_flight') this.pending = null;
          throw e;
        }
      }
    }
  }
}
