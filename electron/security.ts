/**
 * The Electron shell's security decisions as pure functions, so they are unit-tested under plain
 * Node (this file must never import 'electron'; main.ts applies what it decides).
 * Follows the official checklist: https://www.electronjs.org/docs/latest/tutorial/security
 */
import path from 'node:path';
import type { Request } from './backend/dispatch.ts';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './channels.ts';

export { API_CHANNEL, APP_HOST, APP_ORIGIN, APP_SCHEME, EVENT_CHANNEL } from './channels.ts';

/** The page the window opens. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges of the `app:` scheme (protocol.registerSchemesAsPrivileged, before `ready`).
 * standard: real origin and relative URLs; secure: a secure context like https.
 * No bypassCSP, no service workers, no CORS: the renderer needs none of them.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  codeCache: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  corsEnabled: false,
} as const;

function parse(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for URLs of our own app origin, and nothing else (no userinfo, no port, no lookalike host). */
export function isAppUrl(url: string | null | undefined): boolean {
  const u = parse(url);
  return (
    u !== null &&
    // The raw prefix check rules out `app://incasso@evil/` and `app://incasso.evil/` style tricks
    // before the parser gets a say.
    (url as string).startsWith(`${APP_ORIGIN}/`) &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === ''
  );
}

/** The IPC sender check: only frames showing our own pages may call the backend. */
export function isAllowedSender(frameUrl: string | null | undefined): boolean {
  return isAppUrl(frameUrl);
}

/**
 * Navigation inside the window (`will-navigate`, `will-redirect`): only within the app. The renderer
 * routes by hash, so any other navigation is a bug or an attack (a link in imported data, a drop).
 */
export function isAllowedNavigation(url: string | null | undefined): boolean {
  return isAppUrl(url);
}

/**
 * The hardened webPreferences of every window. The literal `true`/`false` types make the
 * type checker refuse a weakened copy. `devTools` is off in the packaged app.
 */
export function webPreferences(preload: string, opts: { devTools: boolean }) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: opts.devTools,
  } as const;
}

/**
 * Maps an `app://incasso/…` request to a file under `root` (the built renderer), or null when the
 * URL is foreign or tries to leave `root` (`..`, encoded `%2e%2e` or `%2f`, backslashes, drive
 * letters, NUL). "/" is index.html. Pure: the caller checks that the file exists.
 */
export function resolveAppPath(root: string, requestUrl: string, p: path.PlatformPath = path): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const u = new URL(requestUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (/[\\\0:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = p.resolve(root);
  const file = p.resolve(base, ...segments);
  const rel = p.relative(base, file);
  if (rel === '' || rel.startsWith('..') || p.isAbsolute(rel)) return null;
  return file;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Headers of every file the protocol serves. The content type is ours, not sniffed
 * (module scripts need the right one once `nosniff` is set); the CSP comes from the one
 * place that builds it (shared/security/csp.ts), passed in.
 */
export function appResponseHeaders(file: string, csp: string): Record<string, string> {
  return {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

/** What the renderer may send on the IPC channel: never who it is (the main process holds the session). */
export type IpcRequest = Pick<Request, 'method' | 'input' | 'job'>;

/**
 * Validates what the renderer sends on the IPC channel (`{ method, input, job }`): the shape only,
 * the dispatcher validates the input against the contract. Null when malformed. Any other field
 * (a `userId` a compromised page adds) is dropped: the caller is whoever the session says.
 */
export function ipcRequest(raw: unknown): IpcRequest | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.method !== 'string' || r.method === '' || r.method.length > 200) return null;
  if (r.job !== undefined && r.job !== null && (typeof r.job !== 'string' || r.job.length > 200)) return null;
  return {
    method: r.method,
    input: r.input ?? {},
    ...(typeof r.job === 'string' && r.job !== '' ? { job: r.job } : {}),
  };
}

/**
 * Whether mail passwords may go to Electron's safeStorage: only when it really encrypts. On Linux
 * without a keyring its backend is 'basic_text' (a fixed, public password), which protects nothing;
 * the app's own key-file store is used then.
 */
export function safeStorageUsable(available: boolean, backend: string | undefined): boolean {
  return available && backend !== 'basic_text' && backend !== 'unknown';
}
