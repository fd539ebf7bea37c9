import { describe, expect, it } from 'vitest';
import { turns } from './turns.js';

const oneRequestPerTurn = turns().wrap;
const nextTurn = () => new Promise((ok) => setImmediate(ok));

describe('turns: one request per turn', () => {
  it('starts handlers in arrival order, each after the one before has run to its end', async () => {
    const log: string[] = [];
    const handle = oneRequestPerTurn(async (name: string) => {
      log.push(`${name} start`);
      await Promise.resolve();
      log.push(`${name} end`);
      return name.toUpperCase();
    });
    // All three arrive in the same turn, as requests read in one poll of the network do.
    const answers = await Promise.all([handle('a'), handle('b'), handle('c')]);
    expect(answers).toEqual(['A', 'B', 'C']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets the event loop take a turn between two handlers', async () => {
    const log: string[] = [];
    const handle = oneRequestPerTurn((name: string) => {
      log.push(name);
      if (name === 'a') setImmediate(() => log.push('a turn later'));
      return name;
    });
    await Promise.all([handle('a'), handle('b'), handle('c')]);
    await new Promise((ok) => setImmediate(ok));
    // b and c each start in a turn after a's, and the immediate a scheduled is not kept waiting behind all of them.
    expect(log.indexOf('a turn later')).toBeLessThan(log.indexOf('c'));
  });

  it('passes on a handler that throws or rejects, and goes on with the next', async () => {
    const handle = oneRequestPerTurn((n: number) => {
      if (n === 1) throw new Error('thrown');
      if (n === 2) return Promise.reject(new Error('rejected'));
      return n;
    });
    const [a, b, c] = await Promise.allSettled([handle(1), handle(2), handle(3)]);
    expect(a).toMatchObject({ status: 'rejected', reason: { message: 'thrown' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { message: 'rejected' } });
    expect(c).toEqual({ status: 'fulfilled', value: 3 });
  });
});

describe('turns: new connections first', () => {
  it('holds handlers back while connections keep arriving, and starts them once a turn passes without one', async () => {
    const taking = turns({ acceptFirstMs: 10_000 });
    const log: string[] = [];
    const handle = taking.wrap((name: string) => void log.push(name));
    taking.connected();
    const answered = handle('a');
    for (let turn = 0; turn < 5; turn++) {
      await nextTurn();
      log.push(`turn ${turn}`);
      if (turn < 3) taking.connected(); // accepted in this turn's poll
    }
    await answered;
    // Connections came in turns 0–2; the handler waited for the turn after the last of them.
    expect(log.indexOf('a')).toBeGreaterThan(log.indexOf('turn 2'));
    expect(log.indexOf('a')).toBeLessThan(log.indexOf('turn 4'));
  });

  it('holds them back for acceptFirstMs at most, then goes on one per turn however many connections come', async () => {
    let clock = 0;
    const taking = turns({ acceptFirstMs: 10, now: () => clock });
    const started: number[] = [];
    const handle = taking.wrap((n: number) => void started.push(n));
    const all = Promise.all([1, 2, 3].map((n) => handle(n)));
    // A connection in every turn, each turn 1 ms long.
    let flooding = true;
    const flood = async () => {
      while (flooding) {
        taking.connected();
        await nextTurn();
        clock += 1;
      }
    };
    const floodDone = flood();
    await all;
    flooding = false;
    await floodDone;
    expect(started).toEqual([1, 2, 3]);
    expect(clock).toBeGreaterThanOrEqual(10);
    expect(clock).toBeLessThan(20);
  });

  it('gives each burst its own acceptFirstMs, however long the one before went on', async () => {
    let clock = 0;
    const taking = turns({ acceptFirstMs: 10, now: () => clock });
    const handle = taking.wrap(() => clock);
    /** Starts a request while a connection arrives in every turn; resolves with the clock when it started. */
    const duringFlood = async () => {
      let started: number | undefined;
      const answered = handle().then((at) => (started = at));
      while (started === undefined) {
        taking.connected();
        await nextTurn();
        clock += 1;
      }
      await answered;
      return started;
    };
    const first = await duringFlood(); // waits the whole 10 ms, then starts although connections still come
    clock += 60_000; // a minute later, the next release
    const second = await duringFlood();
    expect(first).toBeGreaterThanOrEqual(10);
    expect(second - 60_000 - first).toBeGreaterThanOrEqual(10);
  });
});
