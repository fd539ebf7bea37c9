import type { Context } from 'hono';
import type { KeyRing } from './certificates/keys.js';
import type { Mac } from './crypto.js';
import type { Language } from './locales/index.js';
import type { BookingStore, ChallengeStore, RateLimiter } from './store/store.js';
import type { TenantRegistry } from './tenants/registry.js';

/** Everything the app needs from its runtime. Each runtime's entry file builds one and hands it to `createApp`. */
export interface AppDeps {
  store: BookingStore;
  keys: KeyRing;
  tenants: TenantRegistry;
  /** Public base URL without trailing slash; issuers are `{publicUrl}/t/{tenant}`. */
  publicUrl: string;
  /** Epoch milliseconds; injected so tests can stand at any moment of a tenant's calendar. */
  clock: () => number;
  /** HMAC for citizen identifiers (NIK, phone) and request fingerprints. */
  citizenMac: Mac;
  /** HMAC from which each booking's manage token is derived. */
  manageMac: Mac;
  rateLimiter: RateLimiter;
  challenges: ChallengeStore;
  /** HMAC key that signs proof-of-work challenges. */
  proofKey: string;
  /** The client's network address as the runtime knows it (socket, or a trusted proxy's header). */
  clientAddress: (c: Context) => string | undefined;
  /**
   * The request's whole body when the runtime already holds all of it and can hand it over at once (Node, once its
   * HTTP parser has seen the end of the message); `undefined` to read it as a stream.
   */
  bufferedBody?: (c: Context) => Uint8Array | undefined;
}

export type AppEnv = { Variables: { lang: Language; deps: AppDeps } };
