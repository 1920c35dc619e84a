/**
 * The renderer's typed client over the one contract (shared/api/contract.ts).
 * Two transports with the same envelope: Electron IPC (`window.incasso`, exposed by the preload)
 * and HTTP in browser mode (`POST /api/<method>` with the per-start token from the page URL).
 */
import { ApiError, typedClient } from '../../../shared/api/client.ts';
import type { AppEvent, MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract.ts';
import type { ApiResult } from '../../../shared/api/errors.ts';

export { ApiError };

/** Who calls is never sent: the backend knows it from the session (cookie or main process). */
export interface InvokeOptions {
  job?: string;
}

/** What the Electron preload exposes, and nothing more. */
export interface IncassoBridge {
  invoke: (method: string, input: unknown, opts?: InvokeOptions) => Promise<ApiResult<unknown>>;
  onEvent: (cb: (event: AppEvent) => void) => () => void;
  /** Desktop preferences (electron/prefs.ts); absent in browser mode. */
  prefs?: {
    all: () => Promise<Record<string, string>>;
    set: (key: string, value: string | null) => Promise<boolean>;
  };
}

declare global {
  interface Window {
    incasso?: IncassoBridge;
  }
}

export interface CallOptions {
  /** Client-chosen id of a long job: its progress events carry it and `jobs.cancel` targets it. */
  job?: string;
}

/** Bytes sent so far of an upload, and its size. */
export type UploadProgress = (sent: number, total: number) => void;

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>, opts?: CallOptions): Promise<MethodOutput<M>>;
  /**
   * Browser mode only: streams a file to the backend's staging folder (a raw body, not base64
   * JSON) and answers what `imports.identify` says of it (its fileId and kind).
   */
  upload?: (file: File, onProgress?: UploadProgress) => Promise<MethodOutput<'imports.identify'>>;
  /** Subscribes to backend events (job progress, ledger changes); returns the unsubscribe. */
  onEvent(cb: (event: AppEvent) => void): () => void;
}

/** Fired on `window` when a call finds the session gone (expired, signed out elsewhere). */
export const SESSION_LOST_EVENT = 'incasso:session-lost';

/** A transport sends one call and returns the envelope; it never throws for backend errors. */
export interface Transport {
  invoke(method: string, input: unknown, opts: InvokeOptions): Promise<ApiResult<unknown>>;
  upload?: (file: File, onProgress?: UploadProgress) => Promise<ApiResult<unknown>>;
  subscribe(cb: (event: AppEvent) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  const send = transport.upload;
  return {
    ...(send
      ? {
          upload: async (file: File, onProgress?: UploadProgress) => {
            const result = await send(file, onProgress);
            if (!result.ok) {
              if (result.error.code === 'UNAUTHENTICATED')
                window.dispatchEvent(new Event(SESSION_LOST_EVENT));
              throw new ApiError(result.error);
            }
            return result.data as MethodOutput<'imports.identify'>;
          },
        }
      : {}),
    call: typedClient<CallOptions>(
      (method, input, opts = {}) => transport.invoke(method, input, opts.job ? { job: opts.job } : {}),
      {
        refused: (error, method) => {
          // Any call but signing in that finds no session: back to the sign-in screen.
          if (error.code === 'UNAUTHENTICATED' && !method.startsWith('session.')) {
            window.dispatchEvent(new Event(SESSION_LOST_EVENT));
          }
          return new ApiError(error);
        },
      },
    ),
    onEvent: (cb) => transport.subscribe(cb),
  };
}

function ipcTransport(bridge: IncassoBridge): Transport {
  return {
    invoke: async (method, input, opts) => {
      try {
        return await bridge.invoke(method, input, opts);
      } catch (err) {
        return transportError(err);
      }
    },
    subscribe: (cb) => bridge.onEvent(cb),
  };
}

const TOKEN_KEY = 'incasso.token';

/**
 * The browser-mode token: from `?token=` on first load, then from sessionStorage so a reload keeps
 * working. The token is removed from the address bar once stored.
 */
export function readToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
      url.searchParams.delete('token');
      window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    } catch {
      // Storage disabled: keep the token in the URL so a reload still works.
    }
    return fromUrl;
  }
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

function transportError(err: unknown): ApiResult<never> {
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: err instanceof Error ? err.message : String(err),
    },
  };
}

function isEnvelope(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

function httpTransport(token: string): Transport {
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | null = null;

  const openEvents = () => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (msg: MessageEvent<string>) => {
      let event: AppEvent;
      try {
        event = JSON.parse(msg.data) as AppEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(event);
    };
  };

  return {
    async invoke(method, input, opts) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      };
      if (opts.job) headers['x-incasso-job'] = opts.job;
      try {
        const res = await fetch(`api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers,
          // The session cookie (HttpOnly, SameSite=Strict) goes with every call.
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {}),
        });
        const body: unknown = await res.json().catch(() => null);
        if (isEnvelope(body)) return body;
        return transportError(new Error(`HTTP ${res.status}`));
      } catch (err) {
        return transportError(err);
      }
    },
    upload(file, onProgress) {
      // XMLHttpRequest, not fetch: it reports upload progress. The body is the File itself,
      // streamed by the browser from disk.
      return new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `api/upload?name=${encodeURIComponent(file.name)}`);
        xhr.setRequestHeader('authorization', `Bearer ${token}`);
        xhr.setRequestHeader('content-type', 'application/octet-stream');
        xhr.withCredentials = true;
        xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
        xhr.onload = () => {
          let body: unknown = null;
          try {
            body = JSON.parse(xhr.responseText);
          } catch {
            // Not an envelope: reported below with the HTTP status.
          }
          resolve(isEnvelope(body) ? body : transportError(new Error(`HTTP ${xhr.status}`)));
        };
        xhr.onerror = () => resolve(transportError(new Error('The upload failed (connection lost)')));
        xhr.send(file);
      });
    },
    subscribe(cb) {
      listeners.add(cb);
      openEvents();
      return () => {
        listeners.delete(cb);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

/** The transport of this window: IPC inside Electron, HTTP in browser mode. */
export function defaultTransport(): Transport {
  if (window.incasso) return ipcTransport(window.incasso);
  return httpTransport(readToken());
}

/** A fresh id for a long job. */
export function newJobId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
