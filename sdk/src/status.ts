import { base64url } from 'jose';
import * as v from 'valibot';
import { PaktaError } from './errors.js';
import { fetchText, readAll } from './fetch.js';
import type { KeySetCache } from './keys.js';
import { StatusListPayload } from './schema.js';
import { verifyToken } from './token.js';
import type { CertificateStatus, PactCertificate } from './types.js';

const STATUS_LIST_TYP = 'statuslist+jwt';
/** Largest status-list token read. */
const MAX_TOKEN_BYTES = 1024 * 1024;
/** Largest decompressed list: 64 Mbit, i.e. 67 million certificates per list. */
const MAX_LIST_BYTES = 8 * 1024 * 1024;
/** Lists kept in memory at most; the oldest is dropped first. */
const MAX_CACHED_LISTS = 256;

/** @internal */
export interface StatusCheckerOptions {
  issuers: ReadonlySet<string>;
  keys: KeySetCache;
  fetch: typeof fetch;
  timeout: number;
  clockTolerance: number;
}

interface CachedList {
  issuer: string;
  bits: Uint8Array;
  /** Epoch ms until which the list is used without asking again (`iat`-independent: fetch time + `ttl`, at most `exp`). */
  freshUntil: number;
  /** Epoch ms of `exp`: after it the list is dropped. */
  expiresAt: number;
}

/**
 * Looks certificates up in their issuer's status list (IETF OAuth Token Status List, `bits: 1`). Each list is cached for
 * its `ttl` (bounded by its `exp`); a stale list that has not expired is used when the network fails; with nothing usable
 * cached and no network the answer is `unknown`. A list that arrives but does not verify is an error, never `unknown`.
 *
 * @internal
 */
export function createStatusChecker(
  options: StatusCheckerOptions,
): (certificate: PactCertificate) => Promise<CertificateStatus> {
  const cache = new Map<string, CachedList>();
  const inflight = new Map<string, Promise<CachedList | undefined>>();

  async function load(uri: string, issuer: string): Promise<CachedList | undefined> {
    let jws: string;
    try {
      jws = (
        await fetchText(options.fetch, uri, {
          accept: 'application/statuslist+jwt',
          timeout: options.timeout,
          maxBytes: MAX_TOKEN_BYTES,
        })
      ).trim();
    } catch {
      return undefined; // unreachable
    }
    let payload: unknown;
    try {
      payload = await verifyToken(jws, {
        typ: STATUS_LIST_TYP,
        clockTolerance: options.clockTolerance,
        keysOf: (iss) => {
          if (iss !== issuer) throw new PaktaError('malformed', "the status list is not from the certificate's issuer");
          return options.keys.keysOf(issuer);
        },
      });
    } catch (err) {
      if (err instanceof PaktaError && err.code === 'keys_unreachable') return undefined;
      throw err;
    }
    const parsed = v.safeParse(StatusListPayload, payload);
    if (!parsed.success)
      throw new PaktaError(
        'malformed',
        `the status list does not have the expected shape: ${v.summarize(parsed.issues)}`,
      );
    const list = parsed.output;
    if (list.sub !== uri) throw new PaktaError('malformed', `the status list's sub is not its URL ${uri}`);
    if (list.status_list.bits !== 1) throw new PaktaError('malformed', 'only status lists with bits: 1 are supported');
    let bits: Uint8Array;
    try {
      bits = await inflate(base64url.decode(list.status_list.lst));
    } catch (cause) {
      throw new PaktaError('malformed', 'the status list is not zlib-deflated data', { cause });
    }
    const now = Date.now();
    const expiresAt = list.exp * 1000;
    const freshUntil = Math.min(list.ttl === undefined ? expiresAt : now + list.ttl * 1000, expiresAt);
    return { issuer, bits, freshUntil, expiresAt };
  }

  function loadOnce(uri: string, issuer: string): Promise<CachedList | undefined> {
    const key = `${issuer} ${uri}`;
    let request = inflight.get(key);
    if (!request) {
      request = load(uri, issuer).finally(() => inflight.delete(key));
      inflight.set(key, request);
    }
    return request;
  }

  return async function checkStatus(certificate) {
    const { issuer, status } = certificate;
    if (!options.issuers.has(issuer)) throw new PaktaError('unknown_issuer', `issuer ${issuer} is not trusted`);
    const { index, uri } = status;
    if (!Number.isSafeInteger(index) || index < 0)
      throw new PaktaError('malformed', 'status index must be a non-negative integer');
    if (!sameOrigin(uri, issuer)) throw new PaktaError('malformed', "the status list must be on the issuer's origin");

    let list = cache.get(uri);
    if (list && (list.issuer !== issuer || Date.now() >= list.expiresAt)) {
      cache.delete(uri);
      list = undefined;
    }
    if (!list || Date.now() >= list.freshUntil) {
      const fresh = await loadOnce(uri, issuer);
      if (fresh) {
        cache.delete(uri);
        cache.set(uri, fresh);
        if (cache.size > MAX_CACHED_LISTS) cache.delete(cache.keys().next().value as string);
        list = fresh;
      }
    }
    if (!list) return 'unknown';
    if (index >= list.bits.length * 8) {
      throw new PaktaError('malformed', `status index ${index} is outside the list (${list.bits.length * 8} entries)`);
    }
    const bit = ((list.bits[index >> 3] ?? 0) >> (index & 7)) & 1;
    return bit === 1 ? 'revoked' : 'valid';
  };
}

function sameOrigin(uri: string, issuer: string): boolean {
  try {
    return new URL(uri).origin === new URL(issuer).origin;
  } catch {
    return false;
  }
}

/** zlib inflate with the Compression Streams API (Node ≥ 18, browsers, Workers, Deno), bounded in size. */
async function inflate(compressed: Uint8Array): Promise<Uint8Array> {
  const source = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(new Uint8Array(compressed));
      controller.close();
    },
  });
  return readAll(source.pipeThrough(new DecompressionStream('deflate')), MAX_LIST_BYTES);
}
