/**
 * The protocol is imported by the API on Node and on Workers, by the SDK and by the widget in browsers: it may import
 * valibot and its own files, nothing else (no Node module, no other package, nothing from the API). And the rule
 * files stay free of valibot, so that a bundle taking a rule does not take schemas.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('./', import.meta.url);
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const importsOf = (file: string) =>
  [
    ...readFileSync(new URL(file, dir), 'utf8').matchAll(
      /^(?:import|export)\b(?:[^'"=;()]*\bfrom)?\s*['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1]!);

describe('the protocol module', () => {
  it.each(sources)('%s imports only valibot and its own files', (file) => {
    for (const specifier of importsOf(file))
      expect(specifier === 'valibot' || /^\.\/[\w-]+\.js$/.test(specifier), specifier).toBe(true);
  });

  it('reads imports and re-exports as written', () => {
    expect(importsOf('schemas.ts')).toEqual(['valibot', './idempotency.js', './language.js', './name.js']);
    expect(importsOf('index.ts')).toContain('./problems.js');
  });

  it.each(['problems.ts', 'language.ts', 'idempotency.ts', 'name.ts', 'phone.ts', 'nik.ts'])(
    '%s needs no valibot',
    (file) => {
      expect(importsOf(file)).not.toContain('valibot');
    },
  );
});
