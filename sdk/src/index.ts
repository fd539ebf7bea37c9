/**
 * Verify Pakta pact certificates: the signed proof that a citizen agreed to a tenant's integrity pact before taking a
 * queue number (a tenant: a public service hall, Mal Pelayanan Publik). Web Crypto only; runs in Node.js 20+, browsers,
 * Cloudflare Workers and Deno.
 *
 * @example
 *
 * ```ts
 * import { createVerifier } from '@pakta/sdk'
 *
 * const verifier = createVerifier({ issuers: ['https://pakta.example/t/badung'] })
 * const { certificate, status } = await verifier.verifyAndCheck('https://pakta.example/c/#eyJhbGciOiJFUzI1NiIs…')
 * ```
 *
 * And call the API with types taken from its own schemas: `createClient({ baseUrl, tenant })`. The protocol itself (problem
 * codes, schemas, rules, certificate claims) is `@pakta/sdk/protocol`.
 *
 * @packageDocumentation
 */

export type {
  Availability,
  Booking,
  BookingAttempt,
  BookingCancelled,
  BookingCreated,
  BookingRequest,
  BookingView,
  BookOptions,
  ClientErrorCode,
  ClientOptions,
  Language,
  PaktaApiErrorCode,
  PaktaClient,
  ProblemCode,
  ProblemDocument,
  ProofOfWorkChallenge,
  RetryPolicy,
  TenantConfig,
} from './client.js';
export { createClient, newIdempotencyKey, outcomeUnknown, PaktaApiError } from './client.js';
export type { PaktaErrorCode } from './errors.js';
export { PaktaError } from './errors.js';
export type {
  CertificateStatus,
  Expectations,
  PactCertificate,
  PublicJwk,
  SavedKeys,
  Verifier,
  VerifierOptions,
} from './types.js';
export { parseCertificateUrl } from './url.js';
export { createVerifier } from './verify.js';
