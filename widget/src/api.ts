/**
 * A small fetch wrapper for the Pakta HTTP API (docs/http-api.md): sends `Accept-Language`, turns
 * `application/problem+json` (and network failures) into `ApiError { code, message }`, and books with an
 * `Idempotency-Key` that stays the same for every retry of one attempt.
 */
import type { Availability, Booking, BookingCreated, BookingRequest, BookingView, Lang, TenantConfig } from './types';
import type { Challenge } from './pow';

/** Alphabet of an Idempotency-Key (docs: 8–128 of `A-Za-z0-9_-.:`). */
const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 22 random characters (132 bits); `getRandomValues` works on plain-http sites too, unlike `randomUUID`. */
export function newIdempotencyKey(random: (a: Uint8Array) => Uint8Array = (a) => crypto.getRandomValues(a)): string {
  return Array.from(random(new Uint8Array(22)), (b) => KEY_CHARS[b & 63]).join('');
}

export interface Attempt {
  key: string;
  body: string;
}

/**
 * The booking attempt to send: the previous one (same key) when the body is unchanged, so a retry after a
 * timeout, a lost connection or a 429 can never book twice; a fresh key when the citizen changed anything.
 */
export function attemptFor(prev: Attempt | null, req: BookingRequest, makeKey: () => string = newIdempotencyKey): Attempt {
  const body = JSON.stringify(req);
  return prev && prev.body === body ? prev : { key: makeKey(), body };
}

export interface FieldError {
  path: string;
  message: string;
}

/**
 * `code` is the API's stable code, or `network` when no answer came (offline, DNS, CORS, timeout), or
 * `http_<status>` for an answer that is not problem+json. `message` is the server's plain-language detail, if any.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    /** Seconds to wait, from `Retry-After` (429, 503) when the API sends it. */
    readonly retryAfter?: number,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

/** Seconds from a `Retry-After` header: delta-seconds or an HTTP date. */
export function parseRetryAfter(v: string | null, now = Date.now()): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.ceil((t - now) / 1000));
}

export interface ClientOptions {
  /** The API's base URL, ending with `/`. */
  base: string;
  lang: () => Lang;
  /** Milliseconds before a request is given up as a network failure (it may still have reached the server). */
  timeout?: number;
  fetch?: typeof fetch;
}

export type Client = ReturnType<typeof createClient>;

export function createClient(o: ClientOptions) {
  const doFetch = o.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function call<T>(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': o.lang(), ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), o.timeout ?? 20_000);
    let res: Response;
    try {
      res = await doFetch(new URL(path, o.base), { method, headers, body: init.body, signal: ctl.signal, credentials: 'omit', mode: 'cors' });
    } catch (e) {
      throw new ApiError('network', e instanceof Error ? e.message : String(e));
    } finally {
      clearTimeout(timer);
    }
    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      // an empty or non-JSON answer (a proxy's error page)
    }
    if (res.ok && data !== null) return data as T;
    const p = (data ?? {}) as { code?: unknown; detail?: unknown; title?: unknown; errors?: unknown; retryAfter?: unknown };
    const retryAfter = parseRetryAfter(res.headers.get('Retry-After')) ?? (typeof p.retryAfter === 'number' ? p.retryAfter : undefined);
    throw new ApiError(
      typeof p.code === 'string' ? p.code : res.ok ? 'malformed_response' : `http_${res.status}`,
      typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : res.statusText,
      res.status,
      retryAfter,
      Array.isArray(p.errors) ? (p.errors as FieldError[]) : [],
    );
  }

  const t = (tenant: string) => `v1/tenants/${encodeURIComponent(tenant)}`;
  const b = (id: string) => `v1/bookings/${encodeURIComponent(id)}`;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  return {
    base: o.base,
    tenant: (tenant: string, lang: Lang) => call<TenantConfig>('GET', `${t(tenant)}?lang=${lang}`),
    availability: (tenant: string, service: string, days: number, from?: string) =>
      call<Availability>(
        'GET',
        `${t(tenant)}/availability?service=${encodeURIComponent(service)}&days=${days}${from ? `&from=${from}` : ''}`,
      ),
    /** A proof-of-work challenge, for a rush service's booking. */
    challenge: (tenant: string) => call<Challenge>('GET', `${t(tenant)}/challenge`),
    /** One HTTP attempt with the attempt's key; send the same attempt again to retry safely. */
    book: (tenant: string, a: Attempt) => call<BookingCreated>('POST', `${t(tenant)}/bookings`, { body: a.body, headers: { 'Idempotency-Key': a.key } }),
    booking: (id: string, token: string) => call<BookingView>('GET', b(id), { headers: auth(token) }),
    cancel: (id: string, token: string) => call<{ booking: Booking }>('POST', `${b(id)}/cancel`, { body: '{}', headers: auth(token) }),
  };
}

/**
 * Books `req`, retrying by itself while the server says the same key is still in flight or the
 * connection dropped, always with the same key. Returns the attempt so a manual retry can reuse it.
 */
export class Booker {
  attempt: Attempt | null = null;

  constructor(
    private readonly client: Client,
    private readonly tenant: string,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Forget the attempt: the next `book` gets a new key even for the same body (after a definite refusal). */
  reset(): void {
    this.attempt = null;
  }

  async book(req: BookingRequest): Promise<BookingCreated> {
    const a = (this.attempt = attemptFor(this.attempt, req));
    for (let inFlight = 0, net = 0; ; ) {
      try {
        return await this.client.book(this.tenant, a);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        // the outcome is unknown or the server is busy with this very key: ask again with the same key
        if (e.code === 'idempotency_in_flight' && inFlight++ < 5) await this.wait(1000 * inFlight);
        else if ((e.code === 'network' || e.status === 502 || e.status === 503) && net++ < 1) await this.wait(1500);
        else {
          // a definite refusal (slot full, pact changed…): the next try is a new attempt with a new key
          if (e.status >= 400 && e.status < 500 && e.code !== 'rate_limited' && e.code !== 'idempotency_in_flight') this.reset();
          throw e;
        }
      }
    }
  }
}

/** The API base from the script's own URL: `…/widget.js` or `…/widget/v1.2.3/widget.classic.js` → `…/`. */
export function apiBaseFromScript(src: string): string {
  const u = new URL(src);
  u.search = '';
  u.hash = '';
  u.pathname = u.pathname.replace(/widget(?:\.classic)?\.js$/, '').replace(/widget\/v[^/]+\/$/, '');
  return u.href;
}

/** `api` attribute → a base URL ending with `/`, resolved against the page. */
export function normaliseBase(api: string, page: string): string {
  const u = new URL(api, page);
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u.href;
}
