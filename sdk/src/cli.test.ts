import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIssuer, type TestIssuer } from './fixtures/issuer.js';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
/** What `bin/pakta.js` does with the compiled CLI, here with its source (the package test runs the real bin). */
const entry = `import { main } from ${JSON.stringify(cli)}; process.exitCode = await main(process.argv.slice(1))`;

/** Runs the CLI in a child process (asynchronously, so this process keeps serving the issuer). */
function pakta(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', entry, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let tenant: TestIssuer;
let token: string;
let dir: string;

beforeAll(async () => {
  tenant = await startIssuer();
  await tenant.publishStatusList({ revoked: [9] });
  token = await tenant.certificate();
  dir = await mkdtemp(join(tmpdir(), 'pakta-cli-'));
});
afterAll(async () => {
  await tenant.close();
  await rm(dir, { recursive: true, force: true });
});

describe('pakta verify', { timeout: 60_000 }, () => {
  it('prints the verdict of a valid certificate and exits 0', async () => {
    const { code, stdout, stderr } = await pakta('verify', token, '--issuer', tenant.iss);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('VALID pact certificate');
    for (const text of [
      'PAS-007',
      'paspor-baru',
      'imigrasi',
      tenant.iss,
      '2026-11-24',
      '08:00',
      'counter',
      '2026.1',
      'B*** S*****',
    ]) {
      expect(stdout).toContain(text);
    }
    expect(stdout).toMatch(/Status\s+valid/);
  });

  it('accepts a certificate URL and prints JSON with --json', async () => {
    const { code, stdout } = await pakta('verify', `${tenant.origin}/c/#${token}`, '--issuer', tenant.iss, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      valid: true,
      status: 'valid',
      certificate: { tenant: 'demo', ticket: 'PAS-007', place: { service: 'paspor-baru' } },
    });
  });

  it('warns when the issuer is not pinned', async () => {
    const { code, stderr } = await pakta('verify', token);
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: issuer not pinned/);
    expect(stderr).toContain(tenant.iss);
  });

  it('exits 1 with the code for an invalid certificate', async () => {
    const other = await pakta('verify', token, '--issuer', `${tenant.origin}/t/other`);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('unknown_issuer');

    const now = Math.floor(Date.now() / 1000);
    const expired = await tenant.certificate({ payload: { iat: now - 9000, nbf: now - 9000, exp: now - 3600 } });
    const result = await pakta('verify', expired, '--issuer', tenant.iss, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: false, code: 'expired' });

    const garbage = await pakta('verify', 'not-a-token', '--issuer', tenant.iss);
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toContain('malformed');
  });

  it('exits 1 for a revoked certificate', async () => {
    const revoked = await tenant.certificate({ payload: { status: { idx: 9, uri: tenant.statusUri } } });
    const { code, stdout } = await pakta('verify', revoked, '--issuer', tenant.iss);
    expect(code).toBe(1);
    expect(stdout).toContain('revoked');
    expect(stdout).toMatch(/Status\s+REVOKED/);
  });

  it('verifies offline with keys saved by `pakta keys`', async () => {
    const saved = await pakta('keys', '--issuer', tenant.iss);
    expect(saved.code).toBe(0);
    const file = join(dir, 'keys.json');
    await writeFile(file, saved.stdout);
    const offline = await startIssuer(); // a tenant that is down: its keys are saved, its server is gone
    const offlineToken = await offline.certificate();
    const offlineSaved = await pakta('keys', '--issuer', offline.iss);
    const offlineFile = join(dir, 'offline-keys.json');
    await writeFile(offlineFile, offlineSaved.stdout);
    await offline.close();
    const { code, stdout, stderr } = await pakta('verify', offlineToken, '--keys', offlineFile, '--no-status');
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/Status\s+not checked/);
    const unknown = await pakta('verify', offlineToken, '--keys', offlineFile);
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toMatch(/Status\s+unknown/);
    const wrongKeys = await pakta('verify', offlineToken, '--keys', file);
    expect(wrongKeys.code).toBe(1);
    expect(wrongKeys.stderr).toContain('unknown_issuer');
  });

  it('exits 2 on usage errors', async () => {
    const cases: string[][] = [
      [],
      ['frobnicate'],
      ['verify'],
      ['verify', token, token],
      ['verify', token, '--bogus'],
      ['verify', token, '--issuer', 'not a url'],
      ['verify', token, '--keys', join(dir, 'missing.json')],
      ['keys'],
    ];
    const results = await Promise.all(cases.map((args) => pakta(...args)));
    results.forEach(({ code, stderr }, i) => {
      expect(code, cases[i]!.join(' ')).toBe(2);
      expect(stderr).toContain('Usage:');
    });
  });
});
