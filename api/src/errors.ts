/**
 * Every refusal the API makes is a `Problem` with a stable `code`; clients switch on the code, people read the
 * localised `detail`. The codes, with their statuses and titles, are the protocol's (`@pakta/sdk/protocol`), so that
 * one code always means one status for the API, the SDK and the widget alike.
 */
import { type FieldError, PROBLEMS, type ProblemCode } from '@pakta/sdk/protocol';

export type { FieldError, ProblemCode } from '@pakta/sdk/protocol';
export { PROBLEMS, problemType } from '@pakta/sdk/protocol';

/** A refusal with a stable code; thrown anywhere in a request, rendered by the app's error handler. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  /** Values interpolated into the localised message, e.g. `{ seconds: 30 }`. */
  readonly params: Record<string, string | number>;
  readonly headers: Record<string, string>;

  constructor(
    code: ProblemCode,
    options: { errors?: FieldError[]; params?: Record<string, string | number>; headers?: Record<string, string> } = {},
  ) {
    // A refusal is an answer, not a fault: its stack is never shown or logged, and capturing one through the
    // async frames of a request costs more than the rest of a quota_exhausted answer together (most of a rush).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = limit;
    this.name = 'Problem';
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.errors = options.errors;
    this.params = options.params ?? {};
    this.headers = options.headers ?? {};
  }
}
