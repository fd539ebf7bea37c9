/**
 * Static files on Workers: the same paths, cache headers and HTML policy as the Node runtime (`assets.ts`
 * decides), read through the assets binding from `dist/worker-assets/{widget,demo,pages}/`, which
 * `api/scripts/worker-assets.ts` assembles from `widget/dist`, `demo/` and `sdk/pages/dist` before `wrangler dev` or `deploy`.
 * The Worker runs first for every path (`run_worker_first`), so the assets are reachable only as mapped here.
 */
import type { Hono } from 'hono';
import { contentType, HTML_CSP, matchAsset } from '../../assets.js';
import type { AppEnv } from '../../context.js';

export function serveWorkerAssets(app: Hono<AppEnv>, assets: Fetcher): void {
  let version: string | undefined;
  /** The widget build's version, for its pinned `/widget/v{version}/` URLs: read once per isolate. */
  const widgetVersion = async (origin: string): Promise<string> => {
    if (version !== undefined) return version;
    const res = await assets.fetch(new URL('/widget/manifest.json', origin));
    version = res.ok ? String(((await res.json()) as { version?: string }).version) : '0';
    return version;
  };

  app.get('/', (c) => c.redirect('/demo/'));
  app.get('/demo', (c) => c.redirect('/demo/'));
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const asset = matchAsset(c.req.path, await widgetVersion(c.req.url));
    if (!asset) return next();
    const res = await assets.fetch(new URL(`/${asset.root}/${asset.file}`, c.req.url));
    if (!res.ok || !res.body) return next();
    const type = contentType(asset.file);
    c.header('Content-Type', type);
    c.header('Cache-Control', asset.cacheControl);
    if (type.startsWith('text/html')) c.header('Content-Security-Policy', HTML_CSP);
    return c.body(res.body);
  });
}
