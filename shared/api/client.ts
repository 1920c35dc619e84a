/**
 * The one typed client over the contract, shared by the renderer (renderer/src/api/client.ts), the
 * command line (electron/backend/cli/run.ts) and the tests (test/helpers/backend.ts).
 *
 * Each side brings its transport — IPC or HTTP in the page, the dispatcher in-process for the CLI
 * and the tests — as one function that sends `{ method, input }` and answers the envelope
 * (`{ ok, data } | { ok: false, error }`) without throwing for a refusal. The client gives every
 * contract method its input and output types, inferred from the zod schemas: a caller writes
 * `call('customers.get', { code })` and gets a `MethodOutput<'customers.get'>`, no cast.
 * The output is trusted as typed because the backend parses it against the contract before it
 * answers (electron/backend/dispatch.ts).
 */
import type { MethodInput, MethodName, MethodOutput } from './contract.ts';
import type { ApiErrorBody, ApiResult, ErrorCode, ErrorIssue } from './errors.ts';

/** Sends one call and answers its envelope; a refusal is an envelope, not a throw. */
export type Transport<Options = never> = (
  method: MethodName,
  input: unknown,
  options?: Options,
) => Promise<ApiResult<unknown>>;

/** Calls one contract method: its input and output typed from the contract. */
export type Call<Options = never> = <M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options?: Options,
) => Promise<MethodOutput<M>>;

/**
 * An input the caller has not validated (a terminal's arguments, a JSON file): the dispatcher
 * validates it against the contract and names the field that is wrong. The method's keys are
 * checked (a misspelt key would be dropped silently), each may be missing, a field of a fixed set
 * of words may be any string, and nested objects and lists are the dispatcher's to check.
 */
export type UncheckedInput<T> = { [K in keyof T]?: Unchecked<T[K]> | undefined };
type Unchecked<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends null | undefined
        ? T
        : unknown;

/** Calls one contract method with an unchecked input; its output typed from the contract. */
export type UncheckedCall = <M extends MethodName>(
  method: M,
  input: UncheckedInput<MethodInput<M>>,
) => Promise<MethodOutput<M>>;

/** An error answered by the backend (or by the transport), with the envelope's code and details. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ApiErrorBody['details'];

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.details = body.details;
  }

  get issues(): ErrorIssue[] {
    return this.details?.issues ?? [];
  }
}

export interface TypedClientOptions {
  /**
   * What a refusal becomes, thrown to the caller (an ApiError unless given): the CLI maps it to
   * its exit code, the page also notices a lost session here.
   */
  refused?: (error: ApiErrorBody, method: MethodName) => Error;
}

/** The typed `call` over a transport: the data of an accepted call, a thrown error otherwise. */
export function typedClient<Options = never>(
  transport: Transport<Options>,
  options: TypedClientOptions = {},
): Call<Options> {
  return send(transport, options);
}

/** The same client for callers whose inputs the dispatcher validates (the command line). */
export function uncheckedClient(transport: Transport, options: TypedClientOptions = {}): UncheckedCall {
  return send(transport, options);
}

function send<Options>(
  transport: Transport<Options>,
  { refused = (error) => new ApiError(error) }: TypedClientOptions,
) {
  return async <M extends MethodName>(method: M, input: unknown, options?: Options) => {
    const result = await transport(method, input, options);
    if (!result.ok) throw refused(result.error, method);
    // The backend parsed the output against the contract before answering.
    return result.data as MethodOutput<M>;
  };
}
