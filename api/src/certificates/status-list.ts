/**
 * Revocation, in the manner of the IETF OAuth Token Status List draft: each certificate owns one bit of a list
 * its issuer publishes; a cancelled booking sets its bit. A verifier fetches one small token for many
 * certificates, and the issuer learns nothing about which certificate is being checked.
 */
import { STATUS_LIST_TYPE, type StatusListClaims } from '@pakta/sdk/protocol';
import { base64url } from 'jose';
import { signJws } from './jws.js';
import type { SigningKey } from './keys.js';

/** Bits per list: 16 KB raw, a few hundred bytes deflated for a typical tenant. */
export const STATUS_LIST_SIZE = 131_072;

/** Which list and which bit a tenant-wide status index falls on. */
export function statusPosition(statusIndex: number): { list: number; idx: number } {
  return { list: Math.floor(statusIndex / STATUS_LIST_SIZE), idx: statusIndex % STATUS_LIST_SIZE };
}

/** The bit array of one list with the given (list-relative) indexes set, least significant bit first. */
export function statusBits(revoked: Iterable<number>, size = STATUS_LIST_SIZE): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(size / 8));
  for (const i of revoked) bytes[i >> 3]! |= 1 << (i & 7);
  return bytes;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function signStatusList(
  key: SigningKey,
  options: { iss: string; uri: string; now: number; ttl: number; bits: Uint8Array },
): Promise<string> {
  const iat = Math.floor(options.now / 1000);
  const claims: StatusListClaims = {
    iss: options.iss,
    sub: options.uri,
    iat,
    exp: iat + 24 * 3600,
    ttl: options.ttl,
    status_list: { bits: 1, lst: base64url.encode(await deflate(options.bits)) },
  };
  return signJws(key, STATUS_LIST_TYPE, claims);
}
