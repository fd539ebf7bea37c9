// Verification throughput of the SDK against jose's bare jwtVerify with a local key set (createLocalJWKSet), on the same
// certificate, in the same run. The SDK is jwtVerify plus our policy checks (header, issuer, payload schema) and a key set
// fetched from a local issuer over HTTP; after the first fetch those should cost little next to the signature check.
// jwtVerify with an imported key is printed too, as the floor. Run: npm run bench -w sdk
import { createLocalJWKSet, importJWK, jwtVerify } from 'jose';
import { startIssuer } from '../src/fixtures/issuer.js';
import { createVerifier } from '../src/index.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Calls per batch; batches of the two sides alternate, so both see the same machine load. */
const BATCH = 20;
const TARGET = 0.9;

const issuer = await startIssuer();
try {
  const token = await issuer.certificate();
  const key = await importJWK(issuer.keys[0]!.jwk, 'ES256');
  const verifier = createVerifier({ issuers: [issuer.iss] });

  const localSet = createLocalJWKSet({ keys: [issuer.keys[0]!.jwk] });

  const bare = () => jwtVerify(token, localSet, { algorithms: ['ES256'] });
  const bareKey = () => jwtVerify(token, key, { algorithms: ['ES256'] });
  const sdk = () => verifier.verify(token);
  const sides = { bare, bareKey, sdk };

  /** Calls `fn` BATCH times back to back; returns the elapsed milliseconds. */
  async function batch(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < BATCH; i++) await fn();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / 1000 };
  }

  // warm up both paths (JIT, the SDK's first key-set fetch)
  for (let i = 0; i < 20; i++) {
    for (const fn of Object.values(sides)) await batch(fn);
  }

  const total = {
    bare: { ops: 0, elapsed: 0, cpu: 0 },
    bareKey: { ops: 0, elapsed: 0, cpu: 0 },
    sdk: { ops: 0, elapsed: 0, cpu: 0 },
  };
  const end = performance.now() + SECONDS * 1000;
  for (let round = 0; performance.now() < end; round++) {
    // alternate which side goes first, too
    const order = round % 2 === 0 ? (['bare', 'bareKey', 'sdk'] as const) : (['sdk', 'bareKey', 'bare'] as const);
    for (const name of order) {
      const { wall, cpu } = await batch(sides[name]);
      total[name].elapsed += wall;
      total[name].cpu += cpu;
      total[name].ops += BATCH;
    }
  }

  const perSecond = (t: { ops: number; elapsed: number }) => (t.ops / t.elapsed) * 1000;
  const perCpuSecond = (t: { ops: number; cpu: number }) => (t.ops / t.cpu) * 1000;
  const bareRate = perSecond(total.bare);
  const sdkRate = perSecond(total.sdk);
  const ratio = sdkRate / bareRate;
  const cpuRatio = perCpuSecond(total.sdk) / perCpuSecond(total.bare);
  const fetches = issuer.hits(issuer.jwksPath);
  const format = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8);

  console.log(`node ${process.version}, ${SECONDS} s, alternating batches of ${BATCH} sequential verifications`);
  console.log(`                            wall clock      per CPU second (all threads)`);
  console.log(
    `jose jwtVerify (CryptoKey)  ${format(perSecond(total.bareKey))} ops/s  ${format(perCpuSecond(total.bareKey))} ops/s`,
  );
  console.log(`jose jwtVerify (local set)  ${format(bareRate)} ops/s  ${format(perCpuSecond(total.bare))} ops/s`);
  console.log(`@pakta/sdk verify           ${format(sdkRate)} ops/s  ${format(perCpuSecond(total.sdk))} ops/s`);
  console.log(`ratio sdk / jose local set  ${ratio.toFixed(3).padStart(8)}        ${cpuRatio.toFixed(3).padStart(8)}`);
  console.log(`target >= ${TARGET} (wall clock)  ${ratio >= TARGET ? 'met' : 'NOT met'}`);
  console.log(
    `key-set fetches             ${String(fetches).padStart(8)}  (for ${total.sdk.ops.toLocaleString('en-US')} timed verifications and the warm-up)`,
  );
} finally {
  await issuer.close();
}
