/**
 * Verify Pakta pact certificates: the signed proof that a citizen agreed to a public service hall's integrity pact before
 * taking a queue number. Web Crypto only; runs in Node.js 20+, browsers, Cloudflare Workers and Deno.
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
 * @packageDocumentation
 */
export { createVerifier } from './verify.js'
export { parseCertificateUrl } from './url.js'
export { PaktaError } from './errors.js'
export type { PaktaErrorCode } from './errors.js'
export type {
  CertificateStatus,
  Expectations,
  PactCertificate,
  PublicJwk,
  SavedKeys,
  Verifier,
  VerifierOptions,
} from './types.js'
