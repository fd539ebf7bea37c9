/**
 * Node's shortcut to a request body. A booking arrives in one packet with its headers, and its handler starts a
 * turn later (see `turns.ts`), by which time the HTTP parser has pushed the whole body into the
 * `IncomingMessage` and marked it complete. Taking those bytes straight from its buffer costs a fraction of reading
 * them through a web stream and the next turns of the loop, which in a rush is a good part of each refusal.
 */
import type { IncomingMessage } from 'node:http';

/**
 * The whole body, when `incoming` has received all of it and nobody has read from it yet; otherwise `undefined`,
 * and the caller reads it the usual way (nothing has been consumed).
 */
export function bufferedBody(incoming: IncomingMessage | undefined): Uint8Array | undefined {
  // Text decoding set on the stream would hand over strings; the caller needs the exact bytes.
  if (!incoming?.complete || incoming.readableDidRead || incoming.readableEncoding !== null || incoming.errored)
    return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for (let chunk: Buffer | null; (chunk = incoming.read() as Buffer | null) !== null; ) {
    chunks.push(chunk);
    size += chunk.length;
  }
  if (chunks.length === 1) return chunks[0]!;
  return Buffer.concat(chunks, size);
}
