/**
 * Reads a JSON request body strictly: at most 32 KB, declared as JSON, valid UTF-8, valid JSON. The raw bytes are
 * kept because idempotency compares a retry with the original byte for byte.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';

export const MAX_BODY_BYTES = 32 * 1024;
/** One decoder for every request: `decode` without `stream` starts afresh each call, and building one is not free. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export async function readJsonBody(c: Context<AppEnv>): Promise<{ json: unknown; bytes: Uint8Array }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new Problem('unsupported_media_type');
  const length = c.req.header('content-length');
  const declared = Number(length ?? 0);
  if (declared > MAX_BODY_BYTES) throw new Problem('payload_too_large');
  // With a declared length the HTTP parser already holds the body to it, so read it whole: on Node this skips
  // building a web stream per request. Without one (chunked), count as the bytes arrive.
  const bytes =
    c.get('deps').bufferedBody?.(c) ??
    (length !== undefined ? new Uint8Array(await c.req.arrayBuffer()) : await readLimited(c.req.raw, MAX_BODY_BYTES));
  if (bytes.byteLength > MAX_BODY_BYTES) throw new Problem('payload_too_large');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Problem('malformed_json');
  }
  try {
    return { json: JSON.parse(text), bytes };
  } catch {
    throw new Problem('malformed_json');
  }
}

/** The body's bytes, refusing as soon as more than `limit` arrive (a lying or absent Content-Length included). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Problem('payload_too_large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
