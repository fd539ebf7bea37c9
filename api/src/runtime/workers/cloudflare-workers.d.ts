/**
 * The `cloudflare:workers` module, as far as Pakta uses it: the base class that makes a Durable Object's public
 * methods callable over RPC. Declared here rather than through `@cloudflare/workers-types` (see workers-types.ts);
 * subclasses keep their own typed reference to the state they are constructed with.
 */
declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: unknown;
    protected env: Env;
    constructor(ctx: unknown, env: Env);
  }
}
