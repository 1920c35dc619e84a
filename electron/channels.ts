/**
 * Names the preload and the main process must agree on. A module of its own, free of any import,
 * because the sandboxed preload can load nothing but 'electron' (see build/build-electron.ts).
 */

/** The custom protocol the app is served from, instead of file:// (security checklist #18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'incasso';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The one IPC channel of the API (renderer -> main, `ipcRenderer.invoke`). */
export const API_CHANNEL = 'api';
/** Backend events (job progress, ledger changes), main -> renderer. */
export const EVENT_CHANNEL = 'api:event';

/** Desktop preferences (electron/prefs.ts): the renderer reads them all once, then sets one at a time. */
export const PREFS_ALL_CHANNEL = 'prefs:all';
export const PREFS_SET_CHANNEL = 'prefs:set';
