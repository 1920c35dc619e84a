/**
 * Warnings the backend hands to the UI with a stable code: the UI shows `notices.<code>` in the
 * user's language with `params` filled in; the English `message` is for the CLI and logs, and is
 * what the UI shows for a code it does not know yet.
 */
import { z } from 'zod';

export const noticeSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.string()),
});
export type Notice = z.infer<typeof noticeSchema>;

export function notice(code: string, message: string, params: Record<string, string> = {}): Notice {
  return { code, message, params };
}
