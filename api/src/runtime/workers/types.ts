/**
 * The few Cloudflare bindings the Workers runtime uses, typed structurally.
 *
 * Why not `@cloudflare/workers-types`: its global declarations (HTMLRewriter's `Element`, its own `Request`,
 * `Response`…) merge with the DOM library the widget type-checks against in the same program, and break it. These
 * interfaces are the subset of the real bindings Pakta calls, so the real objects satisfy them at run time and
 * the one root `tsc` run checks the Worker code too.
 */

export interface D1Meta {
  changes: number;
}

export interface D1Result<T = Record<string, unknown>> {
  results: T[];
  meta: D1Meta;
}

export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  all<T = Record<string, unknown>>(): Promise<D1Result<T>>;
  run(): Promise<D1Result>;
}

export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  /** Runs the statements in order inside one transaction: all or nothing. */
  batch<T = Record<string, unknown>>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
}

/** The assets binding: files of the folder wrangler uploads, fetched by path. */
export interface AssetsBinding {
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
}

export type SqlValue = string | number | null | ArrayBuffer;

/** `ctx.storage.sql` of a SQLite-backed Durable Object: synchronous, inside the object's implicit transaction. */
export interface SqlStorage {
  exec<T extends Record<string, SqlValue> = Record<string, SqlValue>>(query: string, ...bindings: unknown[]): SqlCursor<T>;
}

export interface SqlCursor<T> extends Iterable<T> {
  toArray(): T[];
  one(): T;
  readonly rowsWritten: number;
}

export interface DurableObjectStorage {
  readonly sql: SqlStorage;
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  getAlarm(): Promise<number | null>;
  setAlarm(scheduledTime: number | Date): Promise<void>;
  deleteAlarm(): Promise<void>;
  deleteAll(): Promise<void>;
  /** Runs `fn` as one transaction over `sql`: its writes commit together or not at all. */
  transactionSync<T>(fn: () => T): T;
}

export interface DurableObjectState {
  readonly storage: DurableObjectStorage;
  waitUntil(promise: Promise<unknown>): void;
  blockConcurrencyWhile<T>(fn: () => Promise<T>): Promise<T>;
}

/** A namespace of Durable Objects whose stubs expose the RPC methods of `T`. */
export interface DurableObjectNamespace<T> {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): T;
}

export interface DurableObjectId {
  toString(): string;
}

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  readonly props: unknown;
}

export interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
}
