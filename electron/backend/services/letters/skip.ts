/**
 * A task a print batch or a send leaves out, with why: the English reason (CLI, audit) and the same
 * reason as a coded notice the UI shows in the user's language (shared/api/notices.ts).
 */
import { type Notice, notice } from '../../../../shared/api/notices.ts';

export interface Skipped {
  taskId: number;
  customerCode: string;
  reason: string;
  notice: Notice;
}

export function skipped(
  taskId: number,
  customerCode: string,
  code: string,
  reason: string,
  params: Record<string, string> = {},
): Skipped {
  return { taskId, customerCode, reason, notice: notice(`skip.${code}`, reason, params) };
}

/** A letter that could not be composed: a missing half-year rate is named, anything else is quoted. */
export function notComposed(
  taskId: number,
  customerCode: string,
  error: { message: string; details?: { [key: string]: unknown } | undefined } | undefined,
): Skipped {
  const missing = error?.details?.missing;
  if (Array.isArray(missing) && missing.length > 0)
    return skipped(taskId, customerCode, 'rateMissing', error?.message ?? 'rate missing', {
      list: missing.map(String).join(', '),
    });
  return skipped(taskId, customerCode, 'notComposed', error?.message ?? 'not composed', {
    message: error?.message ?? '',
  });
}
