/**
 * Malformed requests against a live server, one table row each: wrong types, missing fields, oversized and
 * broken bodies, hostile names, impossible dates, unknown tenants, services, channels and slots, a stale or altered
 * pact, bad Idempotency-Keys and manage tokens, missing or forged proofs of work. Each must be a 4xx problem+json
 * with its `code`; afterwards the server still answers, availability is as it was, and not one row was written.
 * `bad-input.node.test.ts` and `bad-input.workers.test.ts` run it against each runtime.
 */

import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn, getJson, sha256Hex, type Target } from '../support/client.js';
import { CONTRACT_TENANT_FILE } from '../support/node-server.js';

export interface BadInputTarget extends Target {
  /**
   * Rows that requests could have left behind, by table (bookings, idempotency keys, spent challenges, and on
   * Workers the day queues' places). Called once, after every request: it may stop the server to read them.
   */
  written(): Promise<Record<string, number>>;
}

const TENANT = 'contract';
const ZONE = 'Asia/Jayapura';
const fixture = JSON.parse(readFileSync(CONTRACT_TENANT_FILE, 'utf8'));
const PACT = {
  version: fixture.pact.version as string,
  hash: sha256Hex(fixture.pact.text.id),
  enHash: sha256Hex(fixture.pact.text.en),
};
const TOMORROW = dateIn(ZONE, 1);
const BOOKINGS = `/v1/tenants/${TENANT}/bookings`;
/** A well-formed booking id that does not exist. */
const SOME_ID = 'bk_AAAAAAAAAAAAAAAAAAAAAA';
/** A manage token of the right shape and length that is not this booking's. */
const SOME_TOKEN = 'A'.repeat(43);

let phone = 0;
/** A booking the server would accept as it is; each row breaks one thing. */
function good(): any {
  phone += 1;
  return {
    service: 'general',
    channel: 'counter',
    date: TOMORROW,
    slot: '10:00',
    citizen: { name: 'Budi Santoso', phone: `0812555${String(phone).padStart(5, '0')}` },
    pact: { version: PACT.version, hash: PACT.hash, accepted: true, locale: 'id' },
  };
}
/** `good()` with `path` (dotted) set to `value`, or removed when `value` is `REMOVE`. */
const REMOVE = Symbol('remove');
function withField(path: string, value: unknown): any {
  const body = good();
  const keys = path.split('.');
  let at = body;
  for (const k of keys.slice(0, -1)) at = at[k];
  if (value === REMOVE) delete at[keys.at(-1)!];
  else at[keys.at(-1)!] = value;
  return body;
}
const without = (path: string) => withField(path, REMOVE);

interface Case {
  name: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as these exact bytes. */
  raw?: string | Buffer;
  /** Send the body without Content-Length (chunked). */
  chunked?: boolean;
  status: number;
  code: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const padTo = (body: object, bytes: number) => {
  const text = JSON.stringify(body);
  return `${text}${' '.repeat(bytes - Buffer.byteLength(text))}`;
};
const longName = 'Budi'.padEnd(10_000, 'a');

const cases: Case[] = [
  // Bodies that are not JSON, not UTF-8 or too big.
  { name: 'invalid JSON: truncated', raw: '{"service":"general",', status: 400, code: 'malformed_json' },
  {
    name: 'invalid JSON: trailing comma',
    raw: JSON.stringify(good()).replace(/}$/, ',}'),
    status: 400,
    code: 'malformed_json',
  },
  { name: 'invalid JSON: single quotes', raw: "{'service':'general'}", status: 400, code: 'malformed_json' },
  { name: 'invalid JSON: empty body', raw: '', status: 400, code: 'malformed_json' },
  { name: 'invalid JSON: NUL bytes', raw: Buffer.from([0x7b, 0x00, 0x00, 0x7d]), status: 400, code: 'malformed_json' },
  {
    name: 'invalid JSON: two documents',
    raw: `${JSON.stringify(good())}${JSON.stringify(good())}`,
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'invalid UTF-8: stray 0xFF 0xFE',
    raw: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'invalid UTF-8: truncated sequence inside the name',
    raw: (() => {
      const [before, after] = JSON.stringify(good()).split('Santoso');
      return Buffer.concat([Buffer.from(before!), Buffer.from([0xc3]), Buffer.from(after!)]);
    })(),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'invalid UTF-8: overlong encoding of "/"',
    raw: Buffer.concat([Buffer.from('{"service":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'invalid UTF-8: encoded surrogate half',
    raw: Buffer.concat([Buffer.from('{"citizen":{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}}')]),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'body over 32 KB (declared length), otherwise a valid booking',
    raw: padTo(good(), 33 * 1024),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'body over 32 KB sent chunked, without a length',
    raw: padTo(good(), 40 * 1024),
    chunked: true,
    status: 413,
    code: 'payload_too_large',
  },
  { name: 'body of 1 MB', raw: Buffer.alloc(1024 * 1024, 0x20), status: 413, code: 'payload_too_large' },

  // Content types.
  {
    name: 'text/plain body',
    headers: { 'content-type': 'text/plain' },
    raw: JSON.stringify(good()),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'no content type',
    headers: { 'content-type': '' },
    raw: JSON.stringify(good()),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'form-encoded body',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    raw: 'service=general&channel=counter',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'multipart body',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    raw: '--x\r\n\r\n--x--',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'application/jsonp is not JSON',
    headers: { 'content-type': 'application/jsonp' },
    raw: JSON.stringify(good()),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'text/json',
    headers: { 'content-type': 'text/json' },
    raw: JSON.stringify(good()),
    status: 415,
    code: 'unsupported_media_type',
  },

  // Bodies of the wrong shape.
  { name: 'null body', raw: 'null', status: 400, code: 'validation_failed' },
  { name: 'empty object', json: {}, status: 400, code: 'validation_failed' },
  { name: 'empty array', json: [], status: 400, code: 'validation_failed' },
  { name: 'an array holding a valid booking', json: [good()], status: 400, code: 'validation_failed' },
  { name: 'a number', raw: '42', status: 400, code: 'validation_failed' },
  { name: 'a string', raw: '"booking"', status: 400, code: 'validation_failed' },
  { name: 'true', raw: 'true', status: 400, code: 'validation_failed' },
  {
    name: 'deeply nested arrays',
    raw: `${'['.repeat(5000)}${']'.repeat(5000)}`,
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'duplicate key, the last one of the wrong type',
    raw: JSON.stringify(good()).replace(/}$/, ',"service":7}'),
    status: 400,
    code: 'validation_failed',
  },

  // Missing fields.
  ...[
    'service',
    'channel',
    'date',
    'slot',
    'citizen',
    'pact',
    'citizen.name',
    'citizen.phone',
    'pact.version',
    'pact.hash',
    'pact.accepted',
    'pact.locale',
  ].map((path): Case => ({ name: `missing ${path}`, json: without(path), status: 400, code: 'validation_failed' })),

  // Wrong types, numbers as strings and strings as numbers.
  { name: 'service as a number', json: withField('service', 42), status: 400, code: 'validation_failed' },
  { name: 'date as a number', json: withField('date', 20261124), status: 400, code: 'validation_failed' },
  { name: 'slot as a number', json: withField('slot', 900), status: 400, code: 'validation_failed' },
  { name: 'citizen as a string', json: withField('citizen', 'Budi Santoso'), status: 400, code: 'validation_failed' },
  {
    name: 'citizen as an array',
    json: withField('citizen', [{ name: 'Budi Santoso', phone: '081234567890' }]),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'pact as an array',
    json: withField('pact', [PACT.version, PACT.hash, true, 'id']),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'pact.accepted as the string "true"',
    json: withField('pact.accepted', 'true'),
    status: 400,
    code: 'validation_failed',
  },
  { name: 'pact.accepted as 1', json: withField('pact.accepted', 1), status: 400, code: 'validation_failed' },
  { name: 'pact.version as a number', json: withField('pact.version', 1.1), status: 400, code: 'validation_failed' },
  { name: 'phone as a number', json: withField('citizen.phone', 81234567890), status: 400, code: 'validation_failed' },
  // biome-ignore lint/correctness/noPrecisionLoss: a NIK sent as a JSON number is the mistake under test
  { name: 'NIK as a number', json: withField('citizen.nik', 9103015203900001), status: 400, code: 'validation_failed' },
  { name: 'name null', json: withField('citizen.name', null), status: 400, code: 'validation_failed' },
  {
    name: 'pact hash of 63 hex digits',
    json: withField('pact.hash', 'a'.repeat(63)),
    status: 400,
    code: 'validation_failed',
  },
  { name: 'pact hash not hex', json: withField('pact.hash', 'z'.repeat(64)), status: 400, code: 'validation_failed' },

  // Names.
  { name: '10,000-character name', json: withField('citizen.name', longName), status: 400, code: 'validation_failed' },
  {
    name: '101-character name',
    json: withField('citizen.name', 'B'.repeat(101)),
    status: 400,
    code: 'validation_failed',
  },
  { name: 'one-letter name', json: withField('citizen.name', 'B'), status: 400, code: 'validation_failed' },
  { name: 'name of spaces only', json: withField('citizen.name', '     '), status: 400, code: 'validation_failed' },
  {
    name: 'HTML in the name',
    json: withField('citizen.name', '<script>alert(1)</script>'),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'HTML attribute in the name',
    json: withField('citizen.name', 'Budi <img src=x onerror=alert(1)>'),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'SQL in the name',
    json: withField('citizen.name', "Robert'); DROP TABLE bookings;--"),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'SQL tautology as the name',
    json: withField('citizen.name', "' OR '1'='1"),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'NUL inside the name',
    json: withField('citizen.name', 'Budi\u0000Santoso'),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'newline inside the name (log injection)',
    json: withField('citizen.name', 'Budi\nERROR forged line'),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'escape sequence in the name',
    json: withField('citizen.name', 'Budi\u001b[31mSantoso'),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'right-to-left override in the name',
    json: withField('citizen.name', 'Budi\u202eosotnaS'),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'lone surrogate in the name',
    raw: JSON.stringify(good()).replace('Budi Santoso', 'Budi \\ud800 Santoso'),
    status: 400,
    code: 'validation_failed',
  },
  { name: 'emoji name', json: withField('citizen.name', '😀😀😀'), status: 400, code: 'validation_failed' },

  // Dates and slots.
  { name: 'impossible date 2026-02-30', json: withField('date', '2026-02-30'), status: 400, code: 'validation_failed' },
  { name: 'impossible date 2027-02-29', json: withField('date', '2027-02-29'), status: 400, code: 'validation_failed' },
  { name: 'month 13', json: withField('date', '2026-13-01'), status: 400, code: 'validation_failed' },
  { name: 'month 00', json: withField('date', '2026-00-10'), status: 400, code: 'validation_failed' },
  { name: 'two-digit year', json: withField('date', '26-11-24'), status: 400, code: 'validation_failed' },
  {
    name: 'date with a time',
    json: withField('date', `${TOMORROW}T00:00:00Z`),
    status: 400,
    code: 'validation_failed',
  },
  { name: 'yesterday', json: withField('date', dateIn(ZONE, -1)), status: 422, code: 'outside_window' },
  { name: 'a year ago', json: withField('date', dateIn(ZONE, -365)), status: 422, code: 'outside_window' },
  { name: 'beyond the 30-day window', json: withField('date', dateIn(ZONE, 31)), status: 422, code: 'outside_window' },
  { name: 'year 9999', json: withField('date', '9999-12-31'), status: 422, code: 'outside_window' },
  { name: 'a closed date', json: withField('date', '2031-01-01'), status: 422, code: 'date_closed' },
  {
    name: 'slot off the grid (10:30 in 60-minute slots)',
    json: withField('slot', '10:30'),
    status: 422,
    code: 'unknown_slot',
  },
  {
    name: 'slot off the grid (01:00 in 180-minute slots)',
    json: { ...withField('slot', '01:00'), service: 'rush-200' },
    status: 422,
    code: 'unknown_slot',
  },
  { name: 'slot 24:00', json: withField('slot', '24:00'), status: 400, code: 'validation_failed' },
  { name: 'slot 9:00', json: withField('slot', '9:00'), status: 400, code: 'validation_failed' },

  // Unknown tenant, service, channel.
  { name: 'unknown tenant', path: '/v1/tenants/nope/bookings', json: good(), status: 404, code: 'not_found' },
  {
    name: 'tenant named __proto__',
    path: '/v1/tenants/__proto__/bookings',
    json: good(),
    status: 404,
    code: 'not_found',
  },
  {
    name: 'tenant path with an encoded traversal',
    path: '/v1/tenants/contract%2F..%2Fdemo/bookings',
    json: good(),
    status: 404,
    code: 'not_found',
  },
  { name: 'unknown service', json: withField('service', 'no-such-service'), status: 404, code: 'unknown_service' },
  {
    name: 'service named constructor',
    json: withField('service', 'constructor'),
    status: 404,
    code: 'unknown_service',
  },
  { name: 'service in capitals', json: withField('service', 'General'), status: 400, code: 'validation_failed' },
  {
    name: 'channel not offered by the tenant',
    json: withField('channel', 'whatsapp'),
    status: 422,
    code: 'unknown_channel',
  },
  {
    name: 'channel not offered for the service',
    json: {
      ...withField('channel', 'video'),
      service: 'identity',
      citizen: { ...good().citizen, nik: '9103015203900001' },
    },
    status: 422,
    code: 'unknown_channel',
  },
  {
    name: 'channel named constructor',
    json: withField('channel', 'constructor'),
    status: 422,
    code: 'unknown_channel',
  },
  { name: 'channel in capitals', json: withField('channel', 'Counter'), status: 400, code: 'validation_failed' },

  // The pact.
  { name: 'outdated pact version', json: withField('pact.version', 'test.0'), status: 409, code: 'pact_outdated' },
  { name: 'wrong pact hash', json: withField('pact.hash', 'a'.repeat(64)), status: 422, code: 'pact_mismatch' },
  {
    name: 'hash of the English text with locale id',
    json: withField('pact.hash', PACT.enHash),
    status: 422,
    code: 'pact_mismatch',
  },
  {
    name: 'locale en with the Indonesian hash',
    json: withField('pact.locale', 'en'),
    status: 422,
    code: 'pact_mismatch',
  },
  { name: 'pact not accepted', json: withField('pact.accepted', false), status: 422, code: 'pact_not_accepted' },
  { name: 'unknown pact locale', json: withField('pact.locale', 'fr'), status: 400, code: 'validation_failed' },
  { name: 'pact locale in capitals', json: withField('pact.locale', 'ID'), status: 400, code: 'validation_failed' },

  // Citizen identity.
  { name: 'landline number', json: withField('citizen.phone', '021-555-1234'), status: 400, code: 'invalid_phone' },
  { name: 'foreign number', json: withField('citizen.phone', '+1 415 555 0100'), status: 400, code: 'invalid_phone' },
  { name: 'phone too short', json: withField('citizen.phone', '0812'), status: 400, code: 'invalid_phone' },
  {
    name: 'phone with letters',
    json: withField('citizen.phone', '0812-ABCD-7890'),
    status: 400,
    code: 'invalid_phone',
  },
  {
    name: 'phone of 40 characters',
    json: withField('citizen.phone', '0812'.repeat(10)),
    status: 400,
    code: 'validation_failed',
  },
  { name: 'NIK of 15 digits', json: withField('citizen.nik', '910301520390000'), status: 400, code: 'invalid_nik' },
  { name: 'NIK of 17 digits', json: withField('citizen.nik', '91030152039000011'), status: 400, code: 'invalid_nik' },
  {
    name: 'NIK with birth month 13',
    json: withField('citizen.nik', '9103015213900001'),
    status: 400,
    code: 'invalid_nik',
  },
  {
    name: 'NIK of an unknown province',
    json: withField('citizen.nik', '0003015203900001'),
    status: 400,
    code: 'invalid_nik',
  },
  { name: 'NIK service without a NIK', json: withField('service', 'identity'), status: 400, code: 'nik_required' },
  {
    name: 'NIK service with an empty NIK',
    json: { ...withField('service', 'identity'), citizen: { ...good().citizen, nik: '' } },
    status: 400,
    code: 'nik_required',
  },

  // Idempotency-Key.
  {
    name: 'Idempotency-Key too short',
    headers: { 'idempotency-key': 'short' },
    json: good(),
    status: 400,
    code: 'idempotency_key_invalid',
  },
  {
    name: 'Idempotency-Key empty',
    headers: { 'idempotency-key': '' },
    json: good(),
    status: 400,
    code: 'idempotency_key_invalid',
  },
  {
    name: 'Idempotency-Key of 129 characters',
    headers: { 'idempotency-key': 'k'.repeat(129) },
    json: good(),
    status: 400,
    code: 'idempotency_key_invalid',
  },
  {
    name: 'Idempotency-Key with spaces',
    headers: { 'idempotency-key': 'my key with spaces' },
    json: good(),
    status: 400,
    code: 'idempotency_key_invalid',
  },
  {
    name: 'Idempotency-Key with slashes and quotes',
    headers: { 'idempotency-key': "key/'; DROP TABLE x" },
    json: good(),
    status: 400,
    code: 'idempotency_key_invalid',
  },
  {
    name: 'Idempotency-Key with a Latin-1 letter',
    headers: { 'idempotency-key': 'kunci-\u00e9-12345' },
    json: good(),
    status: 400,
    code: 'idempotency_key_invalid',
  },

  // Availability queries.
  ...[
    ['negative days', 'service=general&days=-1'],
    ['fractional days', 'service=general&days=1.5'],
    ['zero days', 'service=general&days=0'],
    ['32 days', 'service=general&days=32'],
    ['days in exponent notation', 'service=general&days=1e1'],
    ['days not a number', 'service=general&days=seven'],
    ['days empty', 'service=general&days='],
    ['from 2026-02-30', 'service=general&from=2026-02-30'],
    ['from 2026-13-01', 'service=general&from=2026-13-01'],
    ['from not a date', 'service=general&from=tomorrow'],
    ['no service', 'days=3'],
    ['service with SQL', `service=${encodeURIComponent("general' OR 1=1--")}`],
  ].map(
    ([name, query]): Case => ({
      name: `availability: ${name}`,
      method: 'GET',
      path: `/v1/tenants/${TENANT}/availability?${query}`,
      status: 400,
      code: 'validation_failed',
    }),
  ),
  {
    name: 'availability: unknown service',
    method: 'GET',
    path: `/v1/tenants/${TENANT}/availability?service=nope`,
    status: 404,
    code: 'unknown_service',
  },
  {
    name: 'availability: unknown tenant',
    method: 'GET',
    path: '/v1/tenants/nope/availability?service=general',
    status: 404,
    code: 'not_found',
  },
  {
    name: 'tenant: unknown language in the query',
    method: 'GET',
    path: `/v1/tenants/${TENANT}?lang=fr`,
    status: 400,
    code: 'validation_failed',
  },

  // Manage tokens.
  { name: 'view without a token', method: 'GET', path: `/v1/bookings/${SOME_ID}`, status: 401, code: 'unauthorized' },
  {
    name: 'view with a wrong token',
    method: 'GET',
    path: `/v1/bookings/${SOME_ID}`,
    headers: { authorization: `Bearer ${SOME_TOKEN}` },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'view with an empty bearer',
    method: 'GET',
    path: `/v1/bookings/${SOME_ID}`,
    headers: { authorization: 'Bearer ' },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'view with Basic credentials',
    method: 'GET',
    path: `/v1/bookings/${SOME_ID}`,
    headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'view a malformed id',
    method: 'GET',
    path: '/v1/bookings/bk_x',
    headers: { authorization: `Bearer ${SOME_TOKEN}` },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'view an id with SQL',
    method: 'GET',
    path: `/v1/bookings/${encodeURIComponent("bk_' OR 1=1--")}`,
    headers: { authorization: `Bearer ${SOME_TOKEN}` },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'cancel without a token',
    method: 'POST',
    path: `/v1/bookings/${SOME_ID}/cancel`,
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'cancel with a wrong token',
    method: 'POST',
    path: `/v1/bookings/${SOME_ID}/cancel`,
    headers: { authorization: `Bearer ${SOME_TOKEN}` },
    status: 401,
    code: 'unauthorized',
  },
  {
    name: 'cancel a malformed id',
    method: 'POST',
    path: '/v1/bookings/not-a-booking/cancel',
    headers: { authorization: `Bearer ${SOME_TOKEN}` },
    status: 401,
    code: 'unauthorized',
  },

  // Routes and origins.
  { name: 'PUT on bookings', method: 'PUT', json: good(), status: 404, code: 'not_found' },
  { name: 'unknown route', method: 'GET', path: '/v1/nothing-here', status: 404, code: 'not_found' },
  {
    name: 'booking from another tenant’s browser origin',
    headers: { origin: 'https://evil.example' },
    json: good(),
    status: 403,
    code: 'origin_not_allowed',
  },
];

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request with exact bytes and headers (fetch would fix up what these rows need broken). */
function send(base: URL, c: Case): Promise<Answer> {
  const body =
    c.raw !== undefined ? Buffer.from(c.raw) : c.json !== undefined ? Buffer.from(JSON.stringify(c.json)) : undefined;
  const method = c.method ?? 'POST';
  const headers: Record<string, string> = { ...(method === 'POST' ? JSON_TYPE : {}), ...c.headers };
  if (headers['content-type'] === '') delete headers['content-type'];
  if (body && !c.chunked) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    let answered: Answer | undefined;
    const req = httpRequest(new URL(c.path ?? BOOKINGS, base), { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        answered = { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') };
        resolve(answered);
      });
      res.on('error', reject);
    });
    // The server may answer 413 and close before it has read all of a large body; the answer is what counts.
    req.on('error', (e) => setTimeout(() => (answered ? undefined : reject(e)), 200));
    if (body) req.end(body);
    else req.end();
  });
}

/** The places left in every slot a row aims at, from tomorrow to the end of the window. */
async function availability(base: string): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  for (const [tenant, service] of [
    [TENANT, 'general'],
    [TENANT, 'identity'],
    [TENANT, 'rush-200'],
    ['demo', 'paspor-baru'],
  ] as const) {
    const { status, body } = await getJson(
      `${base}/v1/tenants/${tenant}/availability?service=${service}&from=${TOMORROW}&days=30`,
    );
    expect(status, `${tenant}/${service}`).toBe(200);
    for (const day of body.days)
      for (const slot of day.slots) seen[`${tenant}/${service}/${day.date}/${slot.id}`] = slot.remaining;
  }
  return seen;
}

export function defineBadInput(runtime: string, start: () => Promise<BadInputTarget>): void {
  describe(`bad input on ${runtime}`, () => {
    let target: BadInputTarget;
    let before: Record<string, unknown>;
    beforeAll(async () => {
      target = await start();
      // The table's idea of the pact is the one the server shows.
      const served = (await getJson(`${target.baseUrl}/v1/tenants/${TENANT}`)).body.pact;
      expect({ version: served.version, hash: served.hash }).toEqual({ version: PACT.version, hash: PACT.hash });
      before = await availability(target.baseUrl);
      expect(Object.keys(before).length).toBeGreaterThan(100);
    });
    afterAll(() => target?.close());

    it('has at least 60 rows, all different', () => {
      expect(cases.length).toBeGreaterThanOrEqual(60);
      expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    });

    it.each(cases)('$name → $status $code', async (c) => {
      const res = await send(new URL(target.baseUrl), c);
      expect(res.status, res.text.slice(0, 300)).toBe(c.status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(res.text);
      expect(problem).toMatchObject({
        type: `urn:pakta:problem:${c.code}`,
        code: c.code,
        status: c.status,
        title: expect.any(String),
        detail: expect.any(String),
      });
      if (c.code === 'validation_failed' && problem.errors) {
        for (const e of problem.errors) expect(e).toEqual({ path: expect.any(String), message: expect.any(String) });
      }
      // What was sent is not echoed back (names, scripts, SQL).
      if (c.json && typeof c.json === 'object' && !Array.isArray(c.json)) {
        const name = (c.json as { citizen?: { name?: unknown } }).citizen?.name;
        if (typeof name === 'string' && name.trim().length > 3) expect(res.text).not.toContain(name.trim());
      }
    });

    describe('proof of work on a rush service (demo tenant, paspor-baru)', () => {
      let body: any;
      beforeAll(async () => {
        const tenant = (await getJson(`${target.baseUrl}/v1/tenants/demo`)).body;
        const days = (await getJson(`${target.baseUrl}/v1/tenants/demo/availability?service=paspor-baru&days=14`)).body
          .days;
        // Not today: a slot of today could reach its cutoff between here and the request.
        const day = days.slice(1).find((d: any) => d.open && d.slots.length > 0);
        expect(day, 'an open day within the window').toBeDefined();
        body = {
          service: 'paspor-baru',
          channel: 'counter',
          date: day.date,
          slot: day.slots[0].id,
          citizen: { name: 'Budi Santoso' },
          pact: { version: tenant.pact.version, hash: tenant.pact.hash, accepted: true, locale: tenant.pact.lang },
        };
      });
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');
      const forged = {
        algorithm: 'SHA-256',
        challenge: 'a'.repeat(64),
        number: 1,
        salt: `abc?expires=${Math.floor(Date.now() / 1000) + 600}`,
        signature: 'b'.repeat(64),
      };
      const proofRows: { name: string; proof?: unknown; status: number; code: string }[] = [
        { name: 'no proof', status: 400, code: 'proof_required' },
        { name: 'empty proof', proof: '', status: 400, code: 'proof_required' },
        { name: 'proof not base64 JSON', proof: '%%%not-base64%%%', status: 400, code: 'proof_invalid' },
        {
          name: 'proof of base64 text, not JSON',
          proof: Buffer.from('hello').toString('base64'),
          status: 400,
          code: 'proof_invalid',
        },
        {
          name: 'proof without a signature',
          proof: b64({ ...forged, signature: undefined }),
          status: 400,
          code: 'proof_invalid',
        },
        {
          name: 'forged proof (our format, not our signature)',
          proof: b64(forged),
          status: 400,
          code: 'proof_invalid',
        },
        {
          name: 'expired proof',
          proof: b64({ ...forged, salt: 'abc?expires=1000000000' }),
          status: 400,
          code: 'proof_invalid',
        },
        { name: 'proof as an object', proof: forged, status: 400, code: 'validation_failed' },
        { name: 'proof over 2,048 characters', proof: 'A'.repeat(4096), status: 400, code: 'validation_failed' },
      ];
      let citizen = 0;
      it.each(proofRows)('$name → $status $code', async (row) => {
        // A citizen per row: the demo tenant limits attempts per citizen.
        citizen += 1;
        const who = {
          ...body.citizen,
          phone: `0812-5559-${String(citizen).padStart(4, '0')}`,
          nik: `510301520390${String(citizen).padStart(4, '0')}`,
        };
        const res = await send(new URL(target.baseUrl), {
          name: row.name,
          path: '/v1/tenants/demo/bookings',
          headers: { 'idempotency-key': `pow-${crypto.randomUUID()}` },
          json: { ...body, citizen: who, ...(row.proof === undefined ? {} : { proof: row.proof }) },
          status: row.status,
          code: row.code,
        });
        expect(res.status, res.text.slice(0, 300)).toBe(row.status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(res.text)).toMatchObject({ code: row.code, status: row.status });
      });
    });

    it('still answers health afterwards, shows the same places free, and wrote nothing', async () => {
      const health = await getJson(`${target.baseUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(health.body.ok).toBe(true);
      // Only the slots seen before: a day the window releases meanwhile adds slots without anyone booking. Soft, so
      // that a difference here still lets the stored rows below be read and reported.
      const after = await availability(target.baseUrl);
      expect.soft(Object.fromEntries(Object.keys(before).map((slot) => [slot, after[slot]]))).toEqual(before);
      const written = await target.written();
      expect(Object.keys(written)).toEqual(
        expect.arrayContaining(['bookings', 'idempotency_keys', 'spent_challenges']),
      );
      expect(written).toEqual(Object.fromEntries(Object.keys(written).map((table) => [table, 0])));
    });
  });
}
