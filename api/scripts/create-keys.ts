/**
 * Values for the Workers secrets (see `api/src/runtime/workers/secrets.ts`), printed to stdout so they can be piped straight
 * into `wrangler secret put` without touching the disk:
 *
 *   npm run -s keys:create -w api | npx wrangler secret put PAKTA_SIGNING_KEYS
 *       a new JWK set with one ES256 signing key
 *   npm run -s keys:create -w api -- --add current-keys.json | npx wrangler secret put PAKTA_SIGNING_KEYS
 *       rotation: the set in the file plus a new key, which signs from the next deploy on
 *   npm run -s keys:create -w api -- --hmac | npx wrangler secret put PAKTA_CITIZEN_HASH_KEY
 *       a random HMAC secret (likewise for PAKTA_MANAGE_TOKEN_KEY and PAKTA_PROOF_OF_WORK_KEY)
 *   npm run -s keys:create -w api -- --dev-vars [file]
 *       writes all four to `.dev.vars` (the local secrets of `wrangler dev`) unless the file exists
 *
 * Cloudflare never shows a secret again: keep the printed key set in the tenant's password manager, since a
 * rotation needs it. `-s` keeps npm's own banner out of the piped value. Node only.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createSigningKeySet,
  HMAC_SECRETS,
  randomSecret,
  SIGNING_KEYS_SECRET,
} from '../src/runtime/workers/secrets.js';
import { REPO } from './worker-assets.js';

/** The contents of a `.env`-style file holding every secret the Worker needs. */
export async function devVars(now = Date.now()): Promise<string> {
  const keys = JSON.stringify(await createSigningKeySet(now));
  return [`${SIGNING_KEYS_SECRET}='${keys}'`, ...HMAC_SECRETS.map((name) => `${name}=${randomSecret()}`), ''].join(
    '\n',
  );
}

/** Writes `devVars()` to `file` unless it exists; answers whether it wrote. */
export async function ensureDevVars(file = join(REPO, '.dev.vars')): Promise<boolean> {
  if (existsSync(file)) return false;
  writeFileSync(file, await devVars(), { mode: 0o600 });
  return true;
}

async function main(args: string[]): Promise<void> {
  // npm runs workspace scripts in the workspace folder; paths the operator typed are relative to where they were.
  const from = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);
  const [flag, value] = args;
  if (flag === '--hmac') return void console.log(randomSecret());
  if (flag === '--dev-vars') {
    const file = value ? from(value) : join(REPO, '.dev.vars');
    console.error((await ensureDevVars(file)) ? `Wrote local secrets to ${file}` : `${file} exists; left as it is`);
    return;
  }
  if (flag === '--add') {
    if (!value) throw new Error('--add needs the file of the current key set');
    return void console.log(JSON.stringify(await createSigningKeySet(Date.now(), readFileSync(from(value), 'utf8'))));
  }
  if (flag !== undefined) throw new Error(`unknown option ${flag} (expected --add FILE, --hmac or --dev-vars [FILE])`);
  console.log(JSON.stringify(await createSigningKeySet(Date.now())));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
