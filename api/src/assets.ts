/**
 * Which static file answers which path, and how long it may be cached: the same layout on every runtime
 * (files from disk on Node, the assets binding on Workers).
 *
 * - `/widget.js`, `/widget.classic.js`, `/widget-chunks/…`: the widget, cached briefly so fixes reach sites;
 * - `/widget/v{version}/…`: the same files under a versioned, immutable URL for webmasters who pin with SRI;
 * - `/demo/…`: the demo agency site;
 * - `/c/` (the certificate page) and `/demo/counter/` (the counter page): the SDK's pages, built into
 *   `sdk/pages/dist`, with their hashed scripts, styles and icon under `/pages/assets/…` (immutable).
 */

export interface AssetMatch {
  /** `widget` → the widget build folder; `demo` → the demo folder; `pages` → the SDK's pages build folder. */
  root: 'widget' | 'demo' | 'pages';
  /** Path inside that root, no leading slash. */
  file: string;
  cacheControl: string;
}

const SHORT = 'public, max-age=300';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const HTML = 'no-cache';

export function matchAsset(path: string, widgetVersion: string): AssetMatch | undefined {
  if (path.includes('..') || path.includes('\\') || path.includes('\0')) return undefined;
  if (path === '/c' || path === '/c/') return { root: 'pages', file: 'certificate/index.html', cacheControl: HTML };
  if (path === '/demo/counter' || path === '/demo/counter/')
    return { root: 'pages', file: 'counter/index.html', cacheControl: HTML };
  if (/^\/pages\/assets\/[\w.-]+\.(?:js|css|svg)$/.test(path))
    return { root: 'pages', file: path.slice('/pages/'.length), cacheControl: IMMUTABLE };
  const pinned = /^\/widget\/v([^/]+)\/(.+)$/.exec(path);
  if (pinned)
    return pinned[1] === widgetVersion ? { root: 'widget', file: pinned[2]!, cacheControl: IMMUTABLE } : undefined;
  if (/^\/(?:widget(?:\.classic)?\.js|widget-chunks\/[\w.-]+\.js|manifest\.json)$/.test(path))
    return { root: 'widget', file: path.slice(1), cacheControl: SHORT };
  if (path === '/demo') return undefined;
  if (path.startsWith('/demo/')) {
    const file = path.slice('/demo/'.length);
    return { root: 'demo', file: file === '' || file.endsWith('/') ? `${file}index.html` : file, cacheControl: HTML };
  }
  return undefined;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  webmanifest: 'application/manifest+json',
};

export function contentType(file: string): string {
  return TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/**
 * The policy for HTML the API serves: scripts and styles from itself only, no inline code, and no framing by
 * other sites (a counter page in a hostile frame could be overlaid).
 */
export const HTML_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
