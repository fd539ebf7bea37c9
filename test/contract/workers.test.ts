/** The HTTP contract suite against the Workers runtime: workerd via `wrangler dev`, local D1 and Durable Objects. */
import { vi } from 'vitest';
import { startWorkersTarget } from '../support/workers-server.js';
import { defineContract } from './contract.js';

// wrangler applies the migrations and starts workerd before the first test: seconds, not the default 10 s.
vi.setConfig({ hookTimeout: 120_000, testTimeout: 30_000 });

defineContract('Cloudflare Workers (workerd, D1, Durable Objects)', () => startWorkersTarget());
