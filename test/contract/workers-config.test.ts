/**
 * The Workers deployment as configured: the real entry bundles for workerd without Node modules, every tenant file
 * is bundled, and a Worker missing a secret says which one instead of failing somewhere mid-request.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { OFFLINE_ENV, WRANGLER } from '../../api/scripts/dev-worker.js';
import { assembleWorkerAssets, REPO } from '../../api/scripts/worker-assets.js';
import { startWorkersTarget } from '../support/workers-server.js';

const out = mkdtempSync(join(tmpdir(), 'pakta-bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('bundles api/src/runtime/workers/worker.ts for workerd, with no Node module and no SQLite driver in it', () => {
  assembleWorkerAssets(join(out, 'assets'));
  const build = spawnSync(
    process.execPath,
    [WRANGLER, 'deploy', '--dry-run', '--outdir', join(out, 'bundle'), '--assets', join(out, 'assets')],
    {
      cwd: REPO,
      env: { ...process.env, ...OFFLINE_ENV, NO_COLOR: '1' },
      encoding: 'utf8',
    },
  );
  expect(build.status, build.stdout + build.stderr).toBe(0);
  const bundle = readFileSync(join(out, 'bundle/worker.js'), 'utf8');
  expect(
    /better-sqlite3|from "node:|require\("node:/.exec(bundle)?.[0],
    'a Node-only import in the Worker bundle',
  ).toBeUndefined();
  const exported = /^export \{([^}]*)\}/m.exec(bundle)?.[1] ?? '';
  expect(
    exported.split(',').map((s) =>
      s
        .trim()
        .split(/\s+as\s+/)
        .pop(),
    ),
  ).toEqual(expect.arrayContaining(['DayQueue', 'RateLimitCounter', 'default']));
}, 60_000);

it('bundles every tenant file of api/tenants', () => {
  const source = readFileSync(join(REPO, 'api/src/runtime/workers/worker.ts'), 'utf8');
  for (const file of readdirSync(join(REPO, 'api/tenants')).filter((f) => f.endsWith('.json'))) {
    expect(source, `api/src/runtime/workers/worker.ts must import and bundle ${file}`).toContain(
      `'api/tenants/${file}'`,
    );
    expect(source).toContain(`from '../../../tenants/${file}'`);
  }
});

it('names every missing or unusable secret, and answers an internal problem meanwhile', async () => {
  const partial = 'PAKTA_SIGNING_KEYS=\'{"keys":[]}\'\nPAKTA_CITIZEN_HASH_KEY=short\n';
  const error = await startWorkersTarget({ secrets: partial }).then(
    (t) => t.close().then(() => undefined),
    (e: Error) => e,
  );
  expect(error?.message).toMatch(/"code":"internal"/);
  expect(error?.message).toMatch(/PAKTA_SIGNING_KEYS: expected \{"keys":\[…\]\} with at least one key/);
  expect(error?.message).toMatch(/PAKTA_CITIZEN_HASH_KEY: shorter than 32 characters/);
  expect(error?.message).toMatch(/PAKTA_MANAGE_TOKEN_KEY: not set/);
}, 120_000);
