/**
 * The Chromium the browser tests drive, and `npm test`'s first step (`pretest`): make sure it is there. Where the
 * machine allows (root, Debian's apt-get), it installs Debian's `chromium` package, as CI needs; elsewhere it
 * stops before the suite with the exact command to run, rather than letting the browser tests fail one by one
 * several minutes in.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
const APT_GET = '/usr/bin/apt-get';
const INSTALL = 'apt-get update && apt-get install -y chromium';

export interface Machine {
  /** CHROMIUM_PATH, when set. */
  configured: string | undefined;
  executable(path: string): boolean;
  isRoot: boolean;
}

export type Plan =
  | { kind: 'ready'; path: string }
  | { kind: 'install'; path: string }
  | { kind: 'missing'; path: string; message: string };

/** What to do on this machine; pure, so each case is tested without changing the machine. */
export function plan(machine: Machine): Plan {
  const path = machine.configured ?? DEFAULT_CHROMIUM;
  if (machine.executable(path)) return { kind: 'ready', path };
  if (machine.configured !== undefined) {
    return {
      kind: 'missing',
      path,
      message: `CHROMIUM_PATH is ${path}, which is not an executable. Point it at a Chromium or Chrome binary, or unset it to use Debian's ${DEFAULT_CHROMIUM}.`,
    };
  }
  if (machine.isRoot && machine.executable(APT_GET)) return { kind: 'install', path };
  return {
    kind: 'missing',
    path,
    message: [
      `The browser tests need Chromium at ${path}. Install Debian's package, then run npm test again:`,
      '',
      `    sudo sh -c '${INSTALL}'`,
      '',
      'Elsewhere, set CHROMIUM_PATH to a Chromium or Chrome binary.',
    ].join('\n'),
  };
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function apt(args: string[]): boolean {
  const run = spawnSync(APT_GET, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return run.status === 0;
}

/** Checks, installs where it can, and answers with the exit code: 0 when Chromium is there. */
export function ensureChromium(): number {
  const next = plan({ configured: process.env.CHROMIUM_PATH, executable, isRoot: process.getuid?.() === 0 });
  if (next.kind === 'ready') return 0;
  if (next.kind === 'missing') {
    process.stderr.write(`${next.message}\n`);
    return 1;
  }
  process.stdout.write(`No Chromium at ${next.path}: installing Debian's chromium package for the browser tests.\n`);
  if (apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium']) && executable(next.path)) return 0;
  process.stderr.write(
    `Installing chromium failed (see above). Install it by hand, then run npm test again:\n\n    ${INSTALL}\n`,
  );
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(ensureChromium());
