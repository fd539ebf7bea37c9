// Verification throughput of the SDK against jose's bare jwtVerify with a local key, on the same certificate, in the same
// run. The SDK fetches the key set from a local issuer over HTTP; after the first fetch it should cost (almost) nothing
// more than the signature check. Run: npm run bench -w sdk   (or: npx tsx sdk/bench/verify.bench.ts)
import { importJWK, jwtVerify } from 'jose'
import { startIssuer } from '../src/fixtures/issuer.js'
import { createVerifier } from '../src/index.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
/** Calls per batch; batches of the two sides alternate, so both see the same machine load. */
const BATCH = 20
const TARGET = 0.9

const issuer = await startIssuer()
try {
  const token = await issuer.certificate()
  const key = await importJWK(issuer.keys[0]!.jwk, 'ES256')
  const verifier = createVerifier({ issuers: [issuer.iss] })

  const bare = () => jwtVerify(token, key, { algorithms: ['ES256'] })
  const sdk = () => verifier.verify(token)

  /** Calls `fn` BATCH times back to back; returns the elapsed milliseconds. */
  async function batch(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
    const cpu = process.cpuUsage()
    const start = performance.now()
    for (let i = 0; i < BATCH; i++) await fn()
    const wall = performance.now() - start
    const used = process.cpuUsage(cpu)
    return { wall, cpu: (used.user + used.system) / 1000 }
  }

  // warm up both paths (JIT, the SDK's first key-set fetch)
  for (let i = 0; i < 20; i++) {
    await batch(bare)
    await batch(sdk)
  }

  const total = { bare: { ops: 0, elapsed: 0, cpu: 0 }, sdk: { ops: 0, elapsed: 0, cpu: 0 } }
  const end = performance.now() + SECONDS * 1000
  for (let round = 0; performance.now() < end; round++) {
    // alternate which side goes first, too
    const order = round % 2 === 0 ? (['bare', 'sdk'] as const) : (['sdk', 'bare'] as const)
    for (const name of order) {
      const { wall, cpu } = await batch(name === 'bare' ? bare : sdk)
      total[name].elapsed += wall
      total[name].cpu += cpu
      total[name].ops += BATCH
    }
  }

  const perSecond = (t: { ops: number; elapsed: number }) => (t.ops / t.elapsed) * 1000
  const perCpuSecond = (t: { ops: number; cpu: number }) => (t.ops / t.cpu) * 1000
  const bareRate = perSecond(total.bare)
  const sdkRate = perSecond(total.sdk)
  const ratio = sdkRate / bareRate
  const cpuRatio = perCpuSecond(total.sdk) / perCpuSecond(total.bare)
  const fetches = issuer.hits(issuer.jwksPath)
  const format = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8)

  console.log(`node ${process.version}, ${SECONDS} s, alternating batches of ${BATCH} sequential verifications`)
  console.log(`                            wall clock      per CPU second (all threads)`)
  console.log(`jose jwtVerify (local key)  ${format(bareRate)} ops/s  ${format(perCpuSecond(total.bare))} ops/s`)
  console.log(`@pakta/sdk verify           ${format(sdkRate)} ops/s  ${format(perCpuSecond(total.sdk))} ops/s`)
  console.log(`ratio sdk / jose            ${ratio.toFixed(3).padStart(8)}        ${cpuRatio.toFixed(3).padStart(8)}`)
  console.log(`target >= ${TARGET} (wall clock)  ${ratio >= TARGET ? 'met' : 'NOT met'}`)
  console.log(`key-set fetches             ${String(fetches).padStart(8)}  (for ${total.sdk.ops.toLocaleString('en-US')} timed verifications and the warm-up)`)
} finally {
  await issuer.close()
}
