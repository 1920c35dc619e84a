/**
 * The sandboxed preload: exposes exactly `window.incasso = { invoke, onEvent, prefs }` and nothing else
 * (no ipcRenderer, no generic send: the renderer can reach one channel with one message shape).
 * Sandboxed preloads can only `require('electron')`, so this imports nothing else at run time;
 * the build bundles it as CommonJS for the browser platform, which refuses Node built-ins.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { AppEvent } from '../shared/api/contract.ts';
import type { ApiResult } from '../shared/api/errors.ts';
import { API_CHANNEL, EVENT_CHANNEL, PREFS_ALL_CHANNEL, PREFS_SET_CHANNEL } from './channels.ts';

/** Who calls is not among them: the main process holds the session (backend/ipc.ts). */
export interface InvokeOptions {
  /** Client-chosen id of a long job: progress events carry it, `jobs.cancel` targets it. */
  job?: string;
}

export interface IncassoBridge {
  invoke(method: string, input?: unknown, opts?: InvokeOptions): Promise<ApiResult<unknown>>;
  /** Subscribes to backend events; returns the function that unsubscribes. */
  onEvent(cb: (event: AppEvent) => void): () => void;
  /** Desktop preferences kept by the main process (electron/prefs.ts): language, theme, columns. */
  prefs: {
    all(): Promise<Record<string, string>>;
    set(key: string, value: string | null): Promise<boolean>;
  };
}

const bridge: IncassoBridge = {
  invoke(method, input, opts) {
    const request: Record<string, unknown> = { method: String(method), input: input ?? {} };
    if (typeof opts?.job === 'string') request.job = opts.job;
    return ipcRenderer.invoke(API_CHANNEL, request) as Promise<ApiResult<unknown>>;
  },
  onEvent(cb) {
    if (typeof cb !== 'function') throw new TypeError('onEvent expects a function');
    // Never hand the IpcRendererEvent to the page: it carries `sender`, i.e. ipcRenderer itself.
    const listener = (_event: IpcRendererEvent, payload: AppEvent) => cb(payload);
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
  prefs: {
    all: () => ipcRenderer.invoke(PREFS_ALL_CHANNEL) as Promise<Record<string, string>>,
    set: (key, value) =>
      ipcRenderer.invoke(
        PREFS_SET_CHANNEL,
        String(key),
        value === null ? null : String(value),
      ) as Promise<boolean>,
  },
};

contextBridge.exposeInMainWorld('incasso', bridge);
