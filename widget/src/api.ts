/**
 * What the first script needs from the API: where it is, and the tenant. Every later call (availability, the proof-of-work
 * challenge, booking with its Idempotency-Key, viewing and cancelling) goes through the SDK's typed client in the lazy
 * flow chunk (`booking.ts`).
 */
import type { PaktaApiError, PaktaApiErrorCode, ProblemCode } from '@pakta/sdk';
import type { Language, ProblemDocument, TenantConfig } from './types';

/** What the widget reads of a failed call: a `PaktaApiError` from the SDK, or the same fields from `fetchTenant`. */
export type ApiFailure = Pick<PaktaApiError, 'code' | 'status' | 'detail' | 'retryAfter'>;

export const isApiFailure = (e: unknown): e is ApiFailure =>
  typeof (e as Partial<ApiFailure> | null)?.code === 'string';

/**
 * `GET /v1/tenants/{tenant}` in `lang`, for the first step. A bare fetch rather than the SDK client: the client in the
 * first script would take it over its 16 KB gzip budget, and waiting for the flow chunk would delay the first step by
 * a round trip. Fails like the client: `network`, the problem's `code` and `detail`, else `http_{status}` (or
 * `malformed_response`); `Retry-After` in seconds.
 */
export async function fetchTenant(base: string, tenant: string, lang: Language): Promise<TenantConfig> {
  const url = new URL(`v1/tenants/${encodeURIComponent(tenant)}?lang=${lang}`, base);
  let res: Response | undefined;
  let data: Partial<TenantConfig & ProblemDocument> | null = null;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/json', 'accept-language': lang },
      credentials: 'omit',
      signal: AbortSignal.timeout(20_000),
    });
    data = await res.json();
  } catch {
    // no answer, or one that is not JSON (a proxy's error page)
  }
  if (res?.ok && data?.tenant) return data as TenantConfig;
  // A problem's code is taken as one this version knows without checking it against the protocol's table, which would
  // cost the first script its bytes: `problemText` shows the API's detail for any code it has no message for.
  const code: PaktaApiErrorCode = !res
    ? 'network'
    : typeof data?.code === 'string'
      ? (data.code as ProblemCode)
      : res.ok
        ? 'malformed_response'
        : `http_${res.status}`;
  const failure: ApiFailure = {
    code,
    status: res?.status ?? 0,
    detail: String(data?.detail ?? ''),
    retryAfter: Number(res?.headers.get('retry-after')) || undefined,
  };
  throw Object.assign(new Error(`GET ${url.pathname}: ${code}`), failure);
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
