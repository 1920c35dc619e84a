import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api/contract.ts';
import type { PublicMethod } from '../../../shared/api/contracts/auth.ts';
import type { CallContext, PublicCallContext } from '../context.ts';

/** Handlers of the sign-in methods may run with nobody signed in. */
export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  call: M extends PublicMethod ? PublicCallContext : CallContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** The handlers of one area (`customers.*`, `imports.*`…), typed from the contract. */
export type AreaHandlers<Prefix extends string> = {
  [M in MethodName as M extends `${Prefix}.${string}` ? M : never]: Handler<M>;
};

export type HandlerMap = { [M in MethodName]: Handler<M> };
