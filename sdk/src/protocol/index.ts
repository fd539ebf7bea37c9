/**
 * The Pakta protocol: what the API, the SDK and the widget must agree on, in one place. Problem codes and their
 * statuses, the languages, the Idempotency-Key, name, phone and NIK rules, the request and answer schemas, and the
 * claims of the signed tokens. Runtime-neutral (no Node, no DOM) and dependent on valibot only; the rule files
 * (`problems`, `language`, `idempotency`, `name`, `phone`, `nik`) do not even need valibot, so a bundle that takes a
 * rule does not take a schema.
 *
 * @example
 *
 * ```ts
 * import { PROBLEMS, type ProblemCode } from '@pakta/sdk/protocol'
 *
 * const status = PROBLEMS.quota_exhausted.status // 409
 * ```
 *
 * @packageDocumentation
 */

export * from './claims.js';
export * from './idempotency.js';
export * from './language.js';
export * from './name.js';
export * from './nik.js';
export * from './phone.js';
export * from './problems.js';
export * from './schemas.js';
