/** Starts the real Node runtime on a free loopback port with a fresh SQLite file, serving `demo` and `contract`. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_TENANTS_DIR,
  loadTenantFiles,
  type NodeServerOptions,
  startNodeServer,
} from '../../api/src/runtime/node/node.js';
import { parseTenant } from '../../api/src/tenants/parse.js';
import type { Target } from './client.js';

export const CONTRACT_TENANT_FILE = new URL('../fixtures/tenants/contract.json', import.meta.url);

export function testTenants() {
  return [
    ...loadTenantFiles(DEFAULT_TENANTS_DIR),
    parseTenant(readFileSync(CONTRACT_TENANT_FILE, 'utf8'), 'contract.json'),
  ];
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export async function startNodeTarget(
  options: Partial<NodeServerOptions> = {},
): Promise<Target & { dir: string; dbPath: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pakta-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dbPath = join(dir, 'pakta.sqlite');
  const server = await startNodeServer({
    port,
    publicUrl: baseUrl,
    dbPath,
    tenants: testTenants(),
    log: () => {},
    ...options,
  });
  return {
    baseUrl,
    dir,
    dbPath,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
