/**
 * Turns a tenant file's text into a `Tenant`, or an error an operator can act on: the file, the field path and
 * what was expected — the server refuses to start on a bad file rather than serve a half-configured tenant.
 */
import * as v from 'valibot';
import { type TenantDefinition, TenantSchema } from './schema.js';

export class TenantFileError extends Error {
  readonly code = 'invalid_tenant_file';
  constructor(
    readonly file: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`Invalid tenant file ${file}:\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'TenantFileError';
  }
}

/** A valibot issue's path as `agencies[3].services[0].quotaPerSlot.counter`. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (issue.received === 'undefined' && issue.kind === 'schema') return 'missing: this field is required';
  const expected =
    issue.message && !issue.message.startsWith('Invalid')
      ? issue.message
      : `expected ${issue.expected ?? 'a valid value'}`;
  return `${expected}, received ${issue.received}`;
}

export function parseTenant(text: string, file: string): TenantDefinition {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TenantFileError(file, [{ path: '', message: `not valid JSON (${(e as Error).message})` }]);
  }
  const result = v.safeParse(TenantSchema, json);
  if (!result.success) {
    throw new TenantFileError(
      file,
      result.issues.map((i) => ({ path: issuePath(i), message: describeIssue(i) })),
    );
  }
  return result.output;
}
