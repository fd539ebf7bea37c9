/**
 * The integrity pact a citizen agrees to. Its hash is the SHA-256 of the exact UTF-8 text shown, so a
 * certificate proves which words were agreed to, and a booking sent against an older or altered text is refused.
 */
import type { Language } from '@pakta/sdk/protocol';
import type { TenantDefinition } from '../tenants/schema.js';

export interface PactVersion {
  version: string;
  language: Language;
  text: string;
  /** Lowercase hex SHA-256 of `text` as UTF-8. */
  hash: string;
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text`. */
export async function pactHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The current pact of a tenant in one language, with its hash. */
export async function currentPact(tenant: Pick<TenantDefinition, 'pact'>, language: Language): Promise<PactVersion> {
  const text = tenant.pact.text[language];
  return { version: tenant.pact.version, language, text, hash: await pactHash(text) };
}

export type PactRefusal = 'pact_not_accepted' | 'pact_outdated' | 'pact_mismatch';

/** Why an agreement sent with a booking does not match the current pact; `undefined` when it does. */
export function checkPactAgreement(
  current: PactVersion,
  sent: { version: string; hash: string; accepted: boolean },
): PactRefusal | undefined {
  if (sent.accepted !== true) return 'pact_not_accepted';
  if (sent.version !== current.version) return 'pact_outdated';
  if (sent.hash.toLowerCase() !== current.hash) return 'pact_mismatch';
  return undefined;
}
