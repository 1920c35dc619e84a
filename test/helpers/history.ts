/**
 * Weeks of dunning history built through the backend before a test opens the app (the e2e tests):
 * the sample aged receivables imported as the first day's work, and each worked task completed
 * with the outcome a clerk would record.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackendContext } from '../../electron/backend/context.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import { FIRST_SAMPLE } from './samples.ts';

/** The data of a call on `ctx` that must succeed, as user 1 (the first admin) unless told. */
export async function dispatchOk<M extends MethodName>(
  ctx: BackendContext,
  method: M,
  input: MethodInput<M>,
  userId = 1,
): Promise<MethodOutput<M>> {
  const r = await dispatch(ctx, { method, input, userId });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as MethodOutput<M>;
}

/**
 * Imports the first sample as of 31 October. The export has no postal addresses: the customer
 * master data brings them (as an office imports it beside the aged receivables), so the policy's
 * letters can be posted.
 */
export async function importFirstSample(ctx: BackendContext): Promise<void> {
  const staged = await dispatchOk(ctx, 'imports.stage', {
    fileName: path.basename(FIRST_SAMPLE),
    dataBase64: fs.readFileSync(FIRST_SAMPLE).toString('base64'),
  });
  await dispatchOk(ctx, 'imports.apply', { fileId: staged.fileId, asOf: '2026-10-31' });
  ctx.db.$client
    .prepare(
      "UPDATE customers SET address = 'Via Roma ' || id || char(10) || '20121 Milano (MI)' WHERE address IS NULL",
    )
    .run();
}

/** The outcome a task is completed with when its work was done: sent, the call reached, or done. */
export function workedOutcome(type: string): 'sent' | 'reached' | 'done' {
  return type === 'email' || type === 'letter' || type === 'pec'
    ? 'sent'
    : type === 'phone'
      ? 'reached'
      : 'done';
}
