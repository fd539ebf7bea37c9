/**
 * The tenant's rate limits applied to booking attempts: per client address before the body is read, per citizen
 * once their identity is known. Refusals are `rate_limited` problems with `Retry-After`.
 */
import type { AppDeps } from './context.js';
import { Problem } from './errors.js';
import type { TenantDefinition } from './tenants/schema.js';

export async function enforceRateLimit(
  deps: Pick<AppDeps, 'rateLimiter' | 'clock'>,
  tenant: TenantDefinition,
  kind: 'perAddress' | 'perCitizen',
  subject: string | undefined,
): Promise<void> {
  const limits = tenant.rateLimits;
  if (!limits.enabled || subject === undefined) return;
  const { limit, windowSeconds } = limits[kind];
  const decision = await deps.rateLimiter.consume(
    `${tenant.id}|${kind}|${subject}`,
    limit,
    windowSeconds * 1000,
    deps.clock(),
  );
  if (!decision.allowed) {
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw new Problem('rate_limited', { params: { seconds }, headers: { 'Retry-After': String(seconds) } });
  }
}
