import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bufferedBody } from './body.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A server that hands each request to `look` and answers with what it returns. */
async function serverWith(look: (req: IncomingMessage) => Promise<string>): Promise<number> {
  const server = createServer((req, res) => void look(req).then((text) => res.end(text)));
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return (server.address() as AddressInfo).port;
}

/** Sends `parts` as one request body, waiting `gapMs` between them; resolves with the answer. */
function send(port: number, parts: string[], gapMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { port, host: '127.0.0.1', method: 'POST', path: '/', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (c) => (text += c))
          .on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    let i = 0;
    const next = () => {
      if (i === parts.length) return void req.end();
      req.write(parts[i++]);
      setTimeout(next, gapMs);
    };
    next();
  });
}

const readAll = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req
      .setEncoding('utf8')
      .on('data', (c) => (text += c))
      .on('end', () => resolve(text));
  });
const arrived = (req: IncomingMessage) => new Promise((ok) => (req.complete ? ok(undefined) : setTimeout(ok, 100)));

describe('bufferedBody', () => {
  it('hands over a body that has arrived whole, in however many pieces, byte for byte', async () => {
    const port = await serverWith(async (req) => {
      await arrived(req);
      const bytes = bufferedBody(req);
      return bytes === undefined ? 'none' : Buffer.from(bytes).toString('utf8');
    });
    expect(await send(port, ['{"name":"Bu', 'di ✓"}'], 10)).toBe('{"name":"Budi ✓"}');
  });

  it('leaves a body still on its way untouched, for the stream to read whole', async () => {
    const port = await serverWith(async (req) => {
      const early = bufferedBody(req);
      return `${early === undefined ? 'none' : 'some'} then ${await readAll(req)}`;
    });
    expect(await send(port, ['{"a":', '1}'], 50)).toBe('none then {"a":1}');
  });

  it('gives nothing once the body has been read', async () => {
    const port = await serverWith(async (req) => {
      const text = await readAll(req);
      return `${text} then ${bufferedBody(req) === undefined ? 'none' : 'some'}`;
    });
    expect(await send(port, ['{}'], 0)).toBe('{} then none');
    expect(bufferedBody(undefined)).toBeUndefined();
  });
});
