/**
 * A typed client for the Pakta HTTP API (docs/http-api.md). Request and answer types, problem codes and the
 * Idempotency-Key rule come from the protocol (`@pakta/sdk/protocol`), whose schemas the API validates with, so the
 * client and the server cannot drift.
 */
import { IDEMPOTENCY_KEY } from './protocol/idempotency.js';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from './protocol/language.js';
import { isProblemCode, type ProblemCode } from './protocol/problems.js';
import type {
  Availability,
  Booking,
  BookingCancelled,
  BookingCreated,
  BookingRequest,
  BookingView,
  ProblemDocument,
  TenantConfig,
} from './protocol/schemas.js';

export type {
  Availability,
  Booking,
  BookingCancelled,
  BookingCreated,
  BookingRequest,
  BookingView,
  Language,
  ProblemCode,
  ProblemDocument,
  TenantConfig,
};

export interface ClientOptions {
  /** The API's base URL, e.g. `https://pakta.example` (a path prefix is kept: `https://host/pakta/`). */
  baseUrl: string;
  /** The tenant's id, e.g. `badung`. */
  tenant: string;
  /** The `fetch` to use. Default: the global `fetch`, looked up at call time. */
  fetch?: typeof fetch;
  /** Language of problem details and of the pact text (`Accept-Language`). Default `id`. */
  lang?: Language;
  /** Milliseconds before a request is given up as `network` (it may still have reached the server). Default 20 000. */
  timeout?: number;
  /** Lets `book` send a booking again by itself while its outcome is unknown; see {@link RetryPolicy}. Default: no re-sends. */
  retry?: RetryPolicy;
}

/**
 * How often `book` sends the same booking again, with the same `Idempotency-Key`, before it gives up and throws (the
 * attempt is then still remembered for the caller's own retry, as without a policy). Only outcomes that may change by
 * waiting are retried; a definite answer (slot full, pact changed, `rate_limited` with its `Retry-After`) is thrown at once.
 */
export interface RetryPolicy {
  /** Re-sends while the server is still busy with the key (`idempotency_in_flight`), waiting 1 s, 2 s, … Default 5. */
  inFlight?: number;
  /** Re-sends after no answer or a failed gateway (`network`, 502, 503), each after 1.5 s. Default 1. */
  unanswered?: number;
  /** How to wait `ms` milliseconds; tests pass one that does not. */
  wait?: (ms: number) => Promise<void>;
}

/**
 * One booking, sent with one `Idempotency-Key` however often it is sent. The body is serialised when the attempt is made,
 * so changing the request object afterwards cannot change what a retry sends.
 */
export interface BookingAttempt {
  /** The key sent with every `send()`; 8–128 of `A-Za-z0-9_-.:`. Persist it to retry after a restart. */
  readonly idempotencyKey: string;
  /**
   * Sends the booking. After a failure whose outcome is unknown (`network`, a 5xx, `idempotency_in_flight`) call it again:
   * the server answers a repeat of the same key and body with the booking it already made, never a second one.
   */
  send(): Promise<BookingCreated>;
}

/**
 * A proof-of-work challenge (ALTCHA) for a rush service's booking: find `number` (0 to `maxnumber`) with
 * SHA-256(`salt` + `number`) = `challenge`, then send base64 of `{ algorithm, challenge, number, salt, signature }` as the
 * booking's `proof`. Valid for 10 minutes; spent by one booking attempt (a retry with the same key may send it again).
 */
export interface ProofOfWorkChallenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

export interface BookOptions {
  /** Use this key instead of a new one, e.g. one saved from an earlier attempt (`PaktaApiError.idempotencyKey`). */
  idempotencyKey?: string;
}

export interface PaktaClient {
  /** `GET /v1/tenants/{tenant}`: the tenant, its services, channels and the pact text in `lang` (default: the client's). */
  tenant(options?: { lang?: Language }): Promise<TenantConfig>;
  /** `GET /v1/tenants/{tenant}/availability`: slots and remaining places per channel; `days` 1–31 (default 7). */
  availability(query: { service: string; from?: string; days?: number }): Promise<Availability>;
  /** `GET /v1/tenants/{tenant}/challenge`: a fresh challenge to solve for the `proof` of a rush service's booking. */
  challenge(): Promise<ProofOfWorkChallenge>;
  /**
   * Books with an `Idempotency-Key`. Without `idempotencyKey`, a request equal to one whose previous `book` ended with an
   * unknown outcome (`network`, 5xx, `idempotency_in_flight`, `rate_limited`) is sent again with that attempt's key, so
   * retrying the same call cannot book twice; otherwise a new key is made. For explicit control use `bookingAttempt`.
   */
  book(request: BookingRequest, options?: BookOptions): Promise<BookingCreated>;
  /** A booking attempt whose `send()` can be repeated safely; see {@link BookingAttempt}. */
  bookingAttempt(request: BookingRequest, options?: BookOptions): BookingAttempt;
  /** `GET /v1/bookings/{id}` with the booking's manage token: the booking and its current certificate. */
  booking(id: string, manageToken: string): Promise<BookingView>;
  /** `POST /v1/bookings/{id}/cancel`: frees the place and revokes the certificate; answers the booking, now `cancelled`. */
  cancel(id: string, manageToken: string): Promise<BookingCancelled>;
}

/**
 * Why a call failed when the API did not say: no answer (`network`), an error answer that is not a problem document
 * of a code this version knows (`http_{status}`, e.g. a proxy's `http_502`), or a success that is not a JSON object.
 */
export type ClientErrorCode = 'network' | 'malformed_response' | `http_${number}`;

/** The `code` of a {@link PaktaApiError}: the API's problem code, or the client's own. */
export type PaktaApiErrorCode = ProblemCode | ClientErrorCode;

/**
 * A failed API call. `code` is the API's stable problem code (`quota_exhausted`, `already_booked`, `rate_limited`, … — see
 * docs/http-api.md), or one of the client's own:
 *
 * | code | when |
 * | --- | --- |
 * | `network` | no answer came (offline, DNS, CORS, timeout): the request may or may not have reached the server |
 * | `http_{status}` | an error answer that is not a problem document (a proxy's error page), e.g. `http_502`, or one whose code this version does not know (the document is still in `problem`) |
 * | `malformed_response` | a success status whose body is not a JSON object |
 *
 * Distinct from {@link PaktaError}, which is about verifying certificates.
 */
export class PaktaApiError extends Error {
  /** The stable reason; switch on it. */
  readonly code: PaktaApiErrorCode;
  /** The HTTP status, or 0 when no answer came. */
  readonly status: number;
  /** The server's plain-language explanation in the client's language (the problem's `detail`), if any. */
  readonly detail: string;
  /** Seconds to wait before trying again, from `Retry-After` (sent with `rate_limited`). */
  readonly retryAfter: number | undefined;
  /** Per-field messages, on `validation_failed`. */
  readonly errors: ReadonlyArray<{ path: string; message: string }>;
  /** The problem document as received, when the answer was one. */
  readonly problem: ProblemDocument | undefined;
  /** For a booking: the attempt's key, to retry with `book(request, { idempotencyKey })` after a restart. */
  readonly idempotencyKey: string | undefined;

  constructor(
    code: PaktaApiErrorCode,
    message: string,
    fields: {
      status?: number;
      detail?: string;
      retryAfter?: number;
      problem?: ProblemDocument;
      idempotencyKey?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'PaktaApiError';
    this.code = code;
    this.status = fields.status ?? 0;
    this.detail = fields.detail ?? '';
    this.retryAfter = fields.retryAfter;
    this.problem = fields.problem;
    this.errors = fields.problem?.errors ?? [];
    this.idempotencyKey = fields.idempotencyKey;
  }
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Attempts with an unknown outcome remembered by `book` for a retry; the oldest is forgotten beyond this. */
const REMEMBERED_ATTEMPTS = 32;

/** 22 random characters of `A-Za-z0-9-_` (132 bits). `getRandomValues` works on plain-http pages, unlike `randomUUID`. */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(22)), (b) => KEY_ALPHABET[b & 63]).join('');
}

/**
 * Creates a client for one tenant.
 *
 * @example
 *
 * ```ts
 * const client = createClient({ baseUrl: 'https://pakta.example', tenant: 'badung' })
 * const config = await client.tenant()
 * const attempt = client.bookingAttempt({ service: 'paspor-baru', channel: 'counter', date, slot, citizen,
 *   pact: { version: config.pact.version, hash: config.pact.hash, accepted: true, locale: config.pact.lang } })
 * const created = await attempt.send().catch((err) => attempt.send()) // a retry replays, never books twice
 * ```
 *
 * @throws {TypeError} When `baseUrl` is not an http(s) URL or `tenant` is empty.
 */
export function createClient(options: ClientOptions): PaktaClient {
  const base = parseBase(options?.baseUrl);
  if (typeof options.tenant !== 'string' || options.tenant === '')
    throw new TypeError('tenant: a tenant id is required');
  const lang: Language = options.lang ?? DEFAULT_LANGUAGE;
  if (!isLanguage(lang)) throw new TypeError(`lang must be one of ${LANGUAGES.map((l) => `"${l}"`).join(', ')}`);
  const timeout = options.timeout ?? 20_000;
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const tenantPath = `v1/tenants/${encodeURIComponent(options.tenant)}`;
  const bookingPath = (id: string) => `v1/bookings/${encodeURIComponent(id)}`;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /** Attempts whose outcome is unknown, by body, so that retrying the same `book` call reuses the key. */
  const unresolved = new Map<string, BookingAttempt>();
  const retry = options.retry;
  const wait = retry?.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** Sends `attempt` until it succeeds, fails definitely, or the retry policy is spent. */
  async function sendWithRetry(attempt: BookingAttempt): Promise<BookingCreated> {
    for (let inFlight = 0, unanswered = 0; ; ) {
      try {
        return await attempt.send();
      } catch (err) {
        if (!retry || !(err instanceof PaktaApiError)) throw err;
        if (err.code === 'idempotency_in_flight' && inFlight < (retry.inFlight ?? 5)) await wait(1000 * ++inFlight);
        else if (
          (err.status === 0 || err.status === 502 || err.status === 503) &&
          unanswered++ < (retry.unanswered ?? 1)
        )
          await wait(1500);
        else throw err;
      }
    }
  }

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    init: { body?: string; headers?: Record<string, string>; idempotencyKey?: string } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': lang, ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const url = new URL(path, base);
    let response: Response;
    try {
      response = await fetchImpl(url, { method, headers, body: init.body, signal: AbortSignal.timeout(timeout) });
    } catch (err) {
      const reason =
        err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${timeout} ms` : String(err);
      throw new PaktaApiError(
        'network',
        `${method} ${url.pathname}: ${reason}`,
        withKey({ cause: err }, init.idempotencyKey),
      );
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      data = undefined; // empty or not JSON: a proxy's error page
    }
    const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
    if (response.ok) {
      if (isObject) return data as T;
      throw new PaktaApiError(
        'malformed_response',
        `${method} ${url.pathname}: ${response.status} without a JSON object`,
        {
          status: response.status,
        },
      );
    }
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const problem =
      isObject && typeof (data as ProblemDocument).code === 'string' ? (data as ProblemDocument) : undefined;
    const problemCode = problem?.code;
    const code: PaktaApiErrorCode = isProblemCode(problemCode) ? problemCode : `http_${response.status}`;
    const detail = typeof problem?.detail === 'string' ? problem.detail : '';
    throw new PaktaApiError(
      code,
      `${method} ${url.pathname}: ${response.status} ${code}${detail ? ` — ${detail}` : ''}`,
      withKey(
        {
          status: response.status,
          detail,
          ...(retryAfter === undefined ? {} : { retryAfter }),
          ...(problem ? { problem } : {}),
        },
        init.idempotencyKey,
      ),
    );
  }

  function bookingAttempt(request: BookingRequest, opts: BookOptions = {}): BookingAttempt {
    const idempotencyKey = opts.idempotencyKey ?? newIdempotencyKey();
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) throw new TypeError('idempotencyKey: 8–128 of A-Za-z0-9_-.:');
    const body = JSON.stringify(request);
    return {
      idempotencyKey,
      send: () =>
        call<BookingCreated>('POST', `${tenantPath}/bookings`, {
          body,
          headers: { 'idempotency-key': idempotencyKey },
          idempotencyKey,
        }),
    };
  }

  return {
    tenant: (opts = {}) => call<TenantConfig>('GET', `${tenantPath}?lang=${opts.lang ?? lang}`),
    availability: ({ service, from, days }) => {
      const query = new URLSearchParams({ service });
      if (from !== undefined) query.set('from', from);
      if (days !== undefined) query.set('days', String(days));
      return call<Availability>('GET', `${tenantPath}/availability?${query}`);
    },
    challenge: () => call<ProofOfWorkChallenge>('GET', `${tenantPath}/challenge`),
    bookingAttempt,
    async book(request, opts = {}) {
      const body = JSON.stringify(request);
      const previous = opts.idempotencyKey === undefined ? unresolved.get(body) : undefined;
      const attempt = previous ?? bookingAttempt(request, opts);
      try {
        const created = await sendWithRetry(attempt);
        unresolved.delete(body);
        return created;
      } catch (err) {
        if (err instanceof PaktaApiError && outcomeUnknown(err)) {
          unresolved.delete(body);
          unresolved.set(body, attempt);
          if (unresolved.size > REMEMBERED_ATTEMPTS) unresolved.delete(unresolved.keys().next().value as string);
        } else {
          unresolved.delete(body); // a definite answer: the next try is a new booking
        }
        throw err;
      }
    },
    booking: (id, manageToken) => call<BookingView>('GET', bookingPath(id), { headers: bearer(manageToken) }),
    cancel: (id, manageToken) =>
      call<BookingCancelled>('POST', `${bookingPath(id)}/cancel`, { body: '{}', headers: bearer(manageToken) }),
  };
}

/**
 * No answer, a server fault, the same key still in flight, rate limited before processing, or a success we could
 * not read (a proxy mangled it; the booking may exist): retry with the same key. After any other failure the booking
 * was definitely not made, and what it spent (a proof of work) is spent.
 */
export function outcomeUnknown(err: PaktaApiError): boolean {
  return (
    err.status === 0 ||
    err.status >= 500 ||
    err.code === 'idempotency_in_flight' ||
    err.code === 'rate_limited' ||
    err.code === 'malformed_response'
  );
}

function withKey<T extends object>(fields: T, idempotencyKey: string | undefined): T & { idempotencyKey?: string } {
  return idempotencyKey === undefined ? fields : { ...fields, idempotencyKey };
}

/** Seconds from a `Retry-After` header: delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function parseBase(baseUrl: unknown): URL {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw new TypeError(`baseUrl: ${String(baseUrl)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('baseUrl must be http: or https:');
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
