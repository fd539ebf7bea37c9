/**
 * What the first script asks of the API itself: where the API is, and the tenant (the one call not made through the SDK's
 * client, which is in the flow chunk; see booking.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiBaseFromScript, fetchTenant, isApiFailure, normaliseBase } from './api';

const base = 'https://api.example.go.id/pakta/';
let seen: { url: string; init: RequestInit }[] = [];

/** Every fetch answers `answer` (or fails with it: no answer). */
function answer(make: () => Response | Error): void {
  vi.stubGlobal('fetch', async (url: URL, init: RequestInit) => {
    seen.push({ url: String(url), init });
    const r = make();
    if (r instanceof Error) throw r;
    return r;
  });
}

const problem = (status: number, code: string, detail: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `urn:pakta:problem:${code}`, code, title: code, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

afterEach(() => {
  vi.unstubAllGlobals();
  seen = [];
});

describe('fetchTenant', () => {
  it('asks for the tenant in the language shown, with Accept-Language and without cookies', async () => {
    answer(() => Response.json({ tenant: { id: 'demo', name: 'MPP', timeZone: 'Asia/Makassar' } }));
    expect((await fetchTenant(base, 'demo tenant', 'en')).tenant.id).toBe('demo');
    expect(seen[0]!.url).toBe('https://api.example.go.id/pakta/v1/tenants/demo%20tenant?lang=en');
    expect(seen[0]!.init.headers).toMatchObject({ accept: 'application/json', 'accept-language': 'en' });
    expect(seen[0]!.init.credentials).toBe('omit');
  });

  it('fails like the SDK client: the problem code and detail, Retry-After, http_{status}, network', async () => {
    const failure = (make: () => Response | Error) => {
      answer(make);
      return fetchTenant(base, 'demo', 'id').then(
        () => expect.unreachable(),
        (e: unknown) => e,
      );
    };
    const limited = await failure(() => problem(429, 'rate_limited', 'Tunggu.', { 'Retry-After': '7' }));
    expect(isApiFailure(limited)).toBe(true);
    expect(limited).toMatchObject({ code: 'rate_limited', status: 429, detail: 'Tunggu.', retryAfter: 7 });
    expect(await failure(() => problem(404, 'not_found', 'Tidak ada.'))).toMatchObject({
      code: 'not_found',
      status: 404,
      retryAfter: undefined,
    });
    expect(await failure(() => new Response('<h1>Bad gateway</h1>', { status: 502 }))).toMatchObject({
      code: 'http_502',
      status: 502,
      detail: '',
    });
    expect(await failure(() => new Response('[]', { status: 200 }))).toMatchObject({
      code: 'malformed_response',
      status: 200,
    });
    expect(await failure(() => new TypeError('Failed to fetch'))).toMatchObject({ code: 'network', status: 0 });
    expect(isApiFailure(new TypeError('x'))).toBe(false);
  });
});

describe('API base', () => {
  it.each([
    ['https://mpp.example.go.id/widget.js', 'https://mpp.example.go.id/'],
    ['https://mpp.example.go.id/widget.classic.js', 'https://mpp.example.go.id/'],
    ['https://mpp.example.go.id/widget/v0.1.0/widget.js', 'https://mpp.example.go.id/'],
    ['https://mpp.example.go.id/widget/v1.2.3-rc.1/widget.classic.js?x=1#y', 'https://mpp.example.go.id/'],
    ['https://example.go.id/pakta/widget.js', 'https://example.go.id/pakta/'],
    ['https://example.go.id/pakta/widget/v0.1.0/widget.js', 'https://example.go.id/pakta/'],
    ['http://localhost:8787/widget.js', 'http://localhost:8787/'],
  ])('%s → %s', (src, expected) => expect(apiBaseFromScript(src)).toBe(expected));

  it('takes the api attribute relative to the page, always ending with /', () => {
    expect(normaliseBase('https://api.example.go.id', 'https://site.example/')).toBe('https://api.example.go.id/');
    expect(normaliseBase('/pakta', 'https://site.example/a/b')).toBe('https://site.example/pakta/');
    expect(normaliseBase('https://x.example/api/', 'https://site.example/')).toBe('https://x.example/api/');
  });
});
