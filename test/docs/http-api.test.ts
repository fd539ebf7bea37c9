/**
 * docs/http-api.md lists every problem code with its HTTP status, by hand, for people; the protocol's `PROBLEMS` is
 * what the API answers. This holds the two together: a code added, removed or moved to another status on one side
 * only fails here.
 */
import { readFileSync } from 'node:fs';
import { PROBLEMS, type ProblemCode } from '@pakta/sdk/protocol';
import { describe, expect, it } from 'vitest';

const DOC = new URL('../../docs/http-api.md', import.meta.url);

/** The rows of the table under `## Errors`: each code of a row (`a` / `b` share one) with the row's status. */
function documentedCodes(markdown: string): Array<{ code: string; status: number }> {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Errors\n'));
  if (!section) throw new Error('docs/http-api.md has no "## Errors" section');
  const rows = section.split('\n').filter((line) => /^\|\s*`/.test(line));
  return rows.flatMap((row) => {
    const [codes = '', status = ''] = row
      .split('|')
      .slice(1)
      .map((cell) => cell.trim());
    return [...codes.matchAll(/`([a-z_]+)`/g)].map((m) => ({ code: m[1]!, status: Number(status) }));
  });
}

describe('docs/http-api.md', () => {
  const documented = documentedCodes(readFileSync(DOC, 'utf8'));

  it('lists every problem code of the protocol, each once, and no other', () => {
    const codes = documented.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(Object.keys(PROBLEMS).sort());
  });

  it('gives each code the status the API answers with', () => {
    const statuses = Object.fromEntries(documented.map((d) => [d.code, d.status]));
    const expected = Object.fromEntries(Object.entries(PROBLEMS).map(([code, p]) => [code, p.status]));
    expect(statuses).toEqual(expected);
  });

  it('reads the table as written (a row naming two codes gives both its status)', () => {
    const byCode = new Map(documented.map((d) => [d.code as ProblemCode, d.status]));
    expect(byCode.get('invalid_nik')).toBe(400);
    expect(byCode.get('invalid_phone')).toBe(400);
  });
});
