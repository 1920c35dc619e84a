/**
 * The desktop transport's logic, apart from Electron so it runs (and is tested) under plain Node:
 * the main process hands every message of the API channel here with the sender frame's URL.
 * The session lives here, in the main process: one for the app's window. Nothing the renderer
 * sends can name the user.
 */
import type { ApiResult } from '../../shared/api/errors.ts';
import { ipcRequest, isAllowedSender } from '../security.ts';
import type { BackendContext } from './context.ts';
import { dispatch } from './dispatch.ts';
import { heldSession } from './services/auth/sessions.ts';

export interface IpcApi {
  handle: (frameUrl: string | undefined, raw: unknown) => Promise<ApiResult<unknown>>;
  /** Ends the session (the window closed). */
  signOut: () => void;
}

export function createIpcApi(ctx: BackendContext): IpcApi {
  const session = heldSession(ctx.auth, 'electron');
  return {
    handle: async (frameUrl, raw) => {
      // Checklist #17: only our own pages may call the backend, whatever got loaded elsewhere.
      if (!isAllowedSender(frameUrl)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'The sender is not an Incasso page.' } };
      }
      const request = ipcRequest(raw);
      if (!request) {
        return {
          ok: false,
          error: { code: 'VALIDATION', message: 'Malformed request: expected { method, input, job }.' },
        };
      }
      return dispatch(ctx, { ...request, session });
    },
    signOut: () => session.end(),
  };
}
