// The `pakta` command. The only module of the SDK that uses Node.js APIs.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PaktaError } from './errors.js';
import { unverifiedIssuer } from './token.js';
import type { CertificateStatus, PactCertificate, SavedKeys } from './types.js';
import { toCompactJws } from './url.js';
import { createVerifier } from './verify.js';

const USAGE = `Usage:
  pakta verify <token|url> [--issuer URL]... [--keys FILE] [--no-status] [--json]
  pakta keys --issuer URL... > keys.json

verify   Verifies a pact certificate (a compact JWS or a certificate URL …/c/#<token>) and prints its details.
         --issuer URL   trust this issuer (repeatable), e.g. https://pakta.example/t/badung. Without it (and without
                        --keys) the certificate's own issuer is trusted, with a warning: pin the issuer in real use.
         --keys FILE    verify offline with key sets saved by \`pakta keys\` (their issuers are trusted if no --issuer)
         --no-status    do not look the certificate up in the issuer's status list (no network at all with --keys)
         --json         print one JSON object instead of text
keys     Prints the key sets of the given issuers as JSON, for \`verify --keys\` without network.

Exit status: 0 valid, 1 not valid (the reason's code is printed), 2 usage error.`;

/** What the CLI writes to; the process's streams by default. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

class UsageError extends Error {}

/**
 * Runs the `pakta` command with `argv` (without `node` and the script).
 *
 * @returns The exit status: 0 valid, 1 not valid, 2 usage error.
 *
 * @example
 *
 * ```sh
 * npx pakta verify 'https://pakta.example/c/#eyJhbGciOiJFUzI1NiIs…' --issuer https://pakta.example/t/badung
 * ```
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let json = false;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        issuer: { type: 'string', multiple: true },
        keys: { type: 'string' },
        json: { type: 'boolean', default: false },
        'no-status': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    json = values.json;
    const [command, ...rest] = positionals;
    if (values.help || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command === 'verify') {
      if (rest.length !== 1) throw new UsageError('verify takes exactly one token or URL');
      return await verifyCommand(rest[0] as string, values, io);
    }
    if (command === 'keys') {
      if (rest.length !== 0) throw new UsageError('keys takes no arguments');
      if (!values.issuer?.length) throw new UsageError('keys needs at least one --issuer');
      return await keysCommand(values.issuer, io);
    }
    throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      if (json) io.out(JSON.stringify({ valid: false, code: 'usage', message: (err as Error).message }));
      else io.err(`pakta: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    const code = err instanceof PaktaError ? err.code : 'error';
    const message = err instanceof Error ? err.message : String(err);
    if (json) io.out(JSON.stringify({ valid: false, code, message }));
    else io.err(`INVALID (${code}): ${message}`);
    return 1;
  }
}

async function verifyCommand(
  input: string,
  options: { issuer?: string[] | undefined; keys?: string | undefined; json: boolean; 'no-status': boolean },
  io: Io,
): Promise<number> {
  const keys = options.keys === undefined ? undefined : await readKeys(options.keys);
  let issuers = options.issuer ?? [];
  if (issuers.length === 0 && keys) issuers = Object.keys(keys.issuers);
  if (issuers.length === 0) {
    const iss = issuerOf(input);
    io.err(
      `warning: issuer not pinned: trusting the certificate's own issuer ${iss}. Anyone can mint a certificate that ` +
        "passes this way; pass --issuer with your tenant's issuer URL.",
    );
    issuers = [iss];
  }
  let verifier;
  try {
    verifier = createVerifier({ issuers, keys });
  } catch (err) {
    if (err instanceof TypeError) throw new UsageError(err.message);
    throw err;
  }
  const certificate = await verifier.verify(input);
  const status: CertificateStatus | 'not_checked' = options['no-status']
    ? 'not_checked'
    : await verifier.checkStatus(certificate);
  const valid = status !== 'revoked';
  if (options.json) {
    const { token: _token, ...rest } = certificate;
    io.out(JSON.stringify({ valid, ...(valid ? {} : { code: 'revoked' }), status, certificate: rest }, null, 2));
  } else {
    io.out(describe(certificate, status));
  }
  return valid ? 0 : 1;
}

async function keysCommand(issuers: string[], io: Io): Promise<number> {
  let verifier;
  try {
    verifier = createVerifier({ issuers });
  } catch (err) {
    if (err instanceof TypeError) throw new UsageError(err.message);
    throw err;
  }
  const saved = await verifier.exportKeys();
  io.out(JSON.stringify(saved, null, 2));
  return 0;
}

function describe(c: PactCertificate, status: CertificateStatus | 'not_checked'): string {
  const verdict =
    status === 'revoked'
      ? 'INVALID (revoked): the issuer has revoked this certificate (the booking was cancelled)'
      : 'VALID pact certificate';
  const statusLine = {
    valid: 'valid (not revoked)',
    revoked: 'REVOKED',
    unknown: 'unknown: the status list could not be fetched; revocation not checked',
    not_checked: 'not checked (--no-status)',
  }[status];
  const rows: [string, string][] = [
    ['Ticket', `${c.ticket}  ${c.place.service} (${c.place.agency})`],
    ['Tenant', `${c.tenant}  ${c.issuer}`],
    ['Date', `${c.place.date}  slot ${c.place.slot} (the tenant's local time)`],
    ['Channel', c.place.channel],
    ['Pact', `version ${c.pact.version} (${c.pact.language}), accepted ${c.pact.acceptedAt.toISOString()}`],
    ['Holder', c.holder.name],
    ['Booking', c.bookingId],
    ['Valid', `${c.validity.notBefore.toISOString()} to ${c.validity.expiresAt.toISOString()}`],
    ['Status', statusLine],
  ];
  return [verdict, ...rows.map(([label, value]) => `  ${label.padEnd(8)} ${value}`)].join('\n');
}

async function readKeys(file: string): Promise<SavedKeys> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read keys file ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as SavedKeys; // shape checked by createVerifier
  } catch {
    throw new UsageError(`keys file ${file} is not JSON`);
  }
}

function issuerOf(input: string): string {
  const iss = unverifiedIssuer(toCompactJws(input));
  if (!/^https?:\/\/[^/]/i.test(iss)) {
    throw new PaktaError('malformed', 'the payload has no http(s) iss');
  }
  return iss;
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
