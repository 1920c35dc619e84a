import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api/contract.ts';
import type { CallContext } from '../context.ts';

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  call: CallContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** The handlers of one area (`customers.*`, `imports.*`…), typed from the contract. */
export type AreaHandlers<Prefix extends string> = {
  [M in MethodName as M extends `${Prefix}.${string}` ? M : never]: Handler<M>;
};

export type HandlerMap = { [M in MethodName]: Handler<M> };
