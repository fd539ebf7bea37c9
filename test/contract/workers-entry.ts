/**
 * The Worker the tests run: the bundled halls plus the `contract` fixture hall. Started with
 * `wrangler dev test/contract/workers-entry.ts` (the positional entry replaces `main`, everything else in
 * wrangler.toml stays), which is how another set of halls is served without touching `api/src/worker.ts`.
 */
import { BUNDLED_TENANTS, createWorker } from '../../api/src/worker.js';
import contract from '../fixtures/tenants/contract.json';

export { DayQueue, RateLimitCounter } from '../../api/src/worker.js';

export default createWorker({ ...BUNDLED_TENANTS, 'test/fixtures/tenants/contract.json': contract });
