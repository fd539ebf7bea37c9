/**
 * `Error.stackTraceLimit`, a V8 extension that both runtimes have (Node and workerd are V8) but only Node's types
 * declare. `errors.ts` sets it to 0 while constructing a refusal, whose stack is never shown.
 */
interface ErrorConstructor {
  stackTraceLimit: number;
}
