/**
 * How the Node server shares its one thread between new connections and requests.
 *
 * libuv (1.45 and later, so Node 20) accepts at most one new connection per turn of the event loop, and a booking
 * runs to its end synchronously (SQLite, signing) in the turn that starts it. Two rules follow:
 *
 * - **One request per turn.** Each request's handler starts in a turn of its own, in arrival order. When one turn
 *   handled every connection that had a request ready, under load a turn lasted (open connections × a booking), new
 *   connections were let in one per such turn, and at the release of a rush the last of 100 were accepted 1–2 s
 *   late. Taking turns lets the loop accept and read between any two requests.
 * - **New connections first.** At a release, citizens' phones open their connections all at once, and their
 *   requests are already sent, waiting in the kernel, while the server has not yet accepted them. Even at one
 *   request per turn, the last of 100 connections were accepted after some 100 requests, and their first request
 *   waited that long: those were the slowest answers of a rush. So while connections keep arriving, handlers wait
 *   and the loop turns quickly, accepting one connection per turn, for `acceptFirstMs` at most; after that,
 *   requests go on one per turn even if connections still arrive, so a flood of connections cannot stall them.
 */

/** How long handlers may wait, from the first of a burst of new connections, while the loop accepts the rest. */
export const ACCEPT_FIRST_MS = 10;

export interface Turns {
  /** `handle`, started in a turn of its own in arrival order; its answer, or what it threw, is passed on. */
  wrap<A extends unknown[], R>(handle: (...args: A) => R | Promise<R>): (...args: A) => Promise<R>;
  /** To be called for each accepted connection (the server's `connection` event). */
  connected(): void;
}

export function turns({ acceptFirstMs = ACCEPT_FIRST_MS, now = () => performance.now() } = {}): Turns {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  /** Whether a connection was accepted since the last turn ran (or skipped) a handler. */
  let connectedSince = false;
  /** When the current burst of connections began; undefined between bursts. */
  let burstStart: number | undefined;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // An immediate scheduled while immediates run waits for the next turn, after the loop has polled the network.
    setImmediate(next);
  };

  function next() {
    scheduled = false;
    if (connectedSince) {
      connectedSince = false;
      burstStart ??= now();
      if (now() - burstStart < acceptFirstMs) {
        schedule(); // a quick turn: accept the next connection, if there is one
        return;
      }
    } else burstStart = undefined;
    const start = waiting.shift();
    if (waiting.length > 0) schedule();
    else burstStart = undefined; // nothing waits: a later burst gets its own acceptFirstMs
    start?.();
  }

  return {
    wrap:
      (handle) =>
      (...args) =>
        new Promise((resolve, reject) => {
          waiting.push(() => {
            try {
              resolve(handle(...args));
            } catch (e) {
              reject(e);
            }
          });
          schedule();
        }),
    connected() {
      connectedSince = true;
    },
  };
}
