/**
 * GET `url` and return the body as text, refusing bodies over `maxBytes`. Any failure (network, timeout, HTTP status other
 * than 2xx, oversized body) rejects with a plain `Error`; callers decide what an unreachable resource means.
 *
 * @internal
 */
export async function fetchText(
  fetchImpl: typeof fetch,
  url: string,
  options: { accept: string; timeout: number; maxBytes: number },
): Promise<string> {
  const response = await fetchImpl(url, {
    method: 'GET',
    headers: { accept: options.accept },
    signal: AbortSignal.timeout(options.timeout),
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`GET ${url} answered ${response.status}`);
  }
  const length = Number(response.headers.get('content-length'));
  if (length > options.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`GET ${url} answered ${length} bytes, more than ${options.maxBytes}`);
  }
  if (response.body === null) return '';
  const bytes = await readAll(response.body, options.maxBytes);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Reads a byte stream to its end, cancelling it and rejecting once it exceeds `maxBytes`.
 *
 * @internal
 */
export async function readAll(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new Error(`more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
