/**
 * The Worker the tests run: the bundled tenants plus the `contract` fixture tenant. Started with
 * `wrangler dev test/contract/workers-entry.ts` (the positional entry replaces `main`, everything else in
 * wrangler.toml stays), which is how another set of tenants is served without touching `api/src/runtime/workers/worker.ts`.
 */
import { BUNDLED_TENANTS, createWorker } from '../../api/src/runtime/workers/worker.js';
import contract from '../fixtures/tenants/contract.json';

export { DayQueue, RateLimitCounter } from '../../api/src/runtime/workers/worker.js';

export default createWorker({ ...BUNDLED_TENANTS, 'test/fixtures/tenants/contract.json': contract });
