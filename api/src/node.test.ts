import { describe, expect, it } from 'vitest';
import { oneRequestPerTurn } from './node.js';

describe('oneRequestPerTurn', () => {
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
