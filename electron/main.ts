/**
 * The Electron main process: a thin, hardened shell around the backend (DESIGN.md).
 * It owns the window, the menu, the `app://incasso/` protocol and the one IPC channel; every
 * decision worth testing lives in ./security.ts (pure, tested under Node), everything else in
 * ./backend/ (which never imports 'electron').
 *
 * Bundled by build/build-electron.ts to build/electron/main.cjs, next to preload.cjs, the
 * migrations and (when prepared) native/better_sqlite3.node built for Electron's ABI.
 *
 * Arguments: --db=PATH (else INCASSO_DB, else userData/incasso.db), --today=YYYY-MM-DD,
 * --demo (while the ledger is not in use, open the demo company in its own file beside it: what
 * `npm start` passes; services/demo-ledger.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  type MenuItemConstructorOptions,
  protocol,
  safeStorage,
  session,
  type WebContents,
} from 'electron';
import type { AppEvent } from '../shared/api/contract.ts';
import type { ApiResult } from '../shared/api/errors.ts';
import { contentSecurityPolicy } from '../shared/security/csp.ts';
import { type BackendOptions, createBackend } from './backend/app.ts';
import { startBackgroundWork } from './backend/background.ts';
import type { BackendContext } from './backend/context.ts';
import { createIpcApi } from './backend/ipc.ts';
import { chooseStartLedger, openDemo } from './backend/services/demo-ledger.ts';
import { LedgerLockedError } from './backend/services/safety/lock.ts';
import { type DesktopPrefs, openDesktopPrefs } from './prefs.ts';
import {
  API_CHANNEL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  APP_URL,
  appResponseHeaders,
  EVENT_CHANNEL,
  isAllowedNavigation,
  isAppUrl,
  resolveAppPath,
  safeStorageUsable,
  webPreferences,
} from './security.ts';

// build/electron/ (inside app.asar once packaged); the bundler maps import.meta.url to the bundle.
const HERE = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.resolve(HERE, '..', '..', 'renderer', 'dist');
const PRELOAD = path.join(HERE, 'preload.cjs');
const MIGRATIONS = path.join(HERE, 'migrations');
/** better-sqlite3 built for Electron's ABI (see build/build-electron.ts), apart from Node's build. */
const NATIVE_BINDING = path.join(HERE, 'native', 'better_sqlite3.node');

type ShellBackendOptions = BackendOptions;

const italian = () => app.getLocale().toLowerCase().startsWith('it');
const say = (it: string, en: string) => (italian() ? it : en);

interface ShellArgs {
  db: string | undefined;
  today: string | undefined;
  demo: boolean;
}

function shellArgs(): ShellArgs {
  // Packaged: [exe, ...args]; development: [electron, appPath, ...args]. Chromium switches may be
  // mixed in, hence strict: false.
  const { values } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { db: { type: 'string' }, today: { type: 'string' }, demo: { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
  });
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    db: str(values.db),
    today: str(values.today),
    demo: values.demo === true || process.env.INCASSO_DEMO === '1',
  };
}

/** The Electron build of better-sqlite3, if prepared; native modules load from app.asar.unpacked. */
function nativeBinding(): string | undefined {
  // A development override only: the packaged app never loads native code named by the environment.
  const explicit = app.isPackaged ? undefined : process.env.INCASSO_SQLITE_BINDING;
  if (explicit) return explicit;
  const unpacked = NATIVE_BINDING.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  return fs.existsSync(unpacked) ? unpacked : undefined;
}

/** Events go only to windows that show our own pages. */
function sendEvent(event: AppEvent): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed() && isAppUrl(win.webContents.getURL())) win.webContents.send(EVENT_CHANNEL, event);
  }
}

async function openBackend(args: ShellArgs): Promise<BackendContext> {
  const binding = nativeBinding();
  const realPath = path.resolve(
    args.db ?? process.env.INCASSO_DB ?? path.join(app.getPath('userData'), 'incasso.db'),
  );
  // --demo: the demo company in its own file beside the ledger while the ledger is not in use.
  const start = args.demo ? chooseStartLedger(realPath, binding) : { dbPath: realPath, demo: false };
  // Mail passwords: the OS keychain through safeStorage instead of the key file of CLI/browser mode.
  // On Linux without a keyring Electron "encrypts" with a fixed password ('basic_text'): then the
  // secrets stay in the app's own encrypted store (the key file of CLI/browser mode) instead.
  const keychain = safeStorageUsable(
    safeStorage.isEncryptionAvailable(),
    safeStorage.getSelectedStorageBackend?.(),
  );
  const options: ShellBackendOptions = {
    dbPath: start.dbPath,
    mode: 'electron',
    migrationsFolder: MIGRATIONS,
    emit: sendEvent,
    ...(args.today ? { today: args.today } : {}),
    ...(binding ? { nativeBinding: binding } : {}),
    config: {
      // The bundle's worker entries and shipped files sit beside main.cjs (build/build-electron.ts).
      workers: {
        import: path.join(HERE, 'import-worker.cjs'),
        bank: path.join(HERE, 'bank-worker.cjs'),
        letters: path.join(HERE, 'render-worker.cjs'),
        reports: path.join(HERE, 'report-worker.cjs'),
      },
      letterAssets: {
        fontsDir: path.join(HERE, 'fonts'),
        ratesCsv: path.join(HERE, 'interest_rates_231.csv'),
      },
      secretCipher: keychain
        ? {
            scheme: 'electron-safestorage',
            encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
            decrypt: (data) => safeStorage.decryptString(Buffer.from(data, 'base64')),
          }
        : null,
      // --demo with the ledger in use: signed in as its admin only if it is the demo's own ledger.
      demoSignIn: args.demo && !start.demo,
    },
  };
  const ctx = await createBackend(options);
  if (start.demo) await openDemo(ctx, realPath);
  // Runs at start and every two hours while the app is open, and the watch for other processes'
  // changes (timers unref'd).
  await startBackgroundWork(ctx);
  return ctx;
}

/** Checklist items 13-15 on every web contents, windows created later included. */
function harden(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No new windows, not even for links: nothing in the app needs one.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function denyAllPermissions(): void {
  const ses = session.defaultSession;
  // Camera, microphone, notifications, geolocation, HID, USB, serial…: a ledger needs none.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function registerProtocol(): void {
  const csp = contentSecurityPolicy();
  const notFound = () =>
    new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppPath(RENDERER_DIR, request.url);
    if (!file) return notFound();
    let target = file;
    if (!(await isFile(target))) {
      // Routing is by hash, but a reload on a path without extension still gets the app.
      if (path.extname(target) !== '') return notFound();
      target = path.join(RENDERER_DIR, 'index.html');
      if (!(await isFile(target))) return notFound();
    }
    const body = await fs.promises.readFile(target);
    return new Response(new Uint8Array(body), { status: 200, headers: appResponseHeaders(target, csp) });
  });
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isFile();
  } catch {
    return false;
  }
}

function registerApi(ctx: BackendContext): void {
  // The session of this window lives in the main process (backend/ipc.ts), never in the page.
  const api = createIpcApi(ctx);
  ipcMain.handle(
    API_CHANNEL,
    (event, raw: unknown): Promise<ApiResult<unknown>> => api.handle(event.senderFrame?.url, raw),
  );
}

function buildMenu(): void {
  const mac = process.platform === 'darwin';
  const view: MenuItemConstructorOptions = app.isPackaged
    ? {
        label: say('Vista', 'View'),
        submenu: [
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { role: 'togglefullscreen' },
        ],
      }
    : { role: 'viewMenu' };
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(prefs: DesktopPrefs): BrowserWindow {
  const bounds = prefs.initialWindow();
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Incasso',
    backgroundColor: '#ffffff',
    webPreferences: webPreferences(PRELOAD, { devTools: !app.isPackaged }),
  });
  if (bounds.maximized) win.maximize();
  prefs.track(win);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}

// --- start-up -------------------------------------------------------------------------------

const args = shellArgs();

// Both must happen before `ready`.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
app.enableSandbox();

// One process per user: two would run the scheduler and long jobs twice on the same ledger.
if (!app.requestSingleInstanceLock()) {
  void app.whenReady().then(() => {
    dialog.showMessageBoxSync({
      type: 'info',
      title: 'Incasso',
      message: say('Incasso è già aperto.', 'Incasso is already open.'),
      detail: say(
        'Passa alla finestra di Incasso già aperta: i dati sono gli stessi.',
        'Switch to the Incasso window that is already open: it shows the same data.',
      ),
    });
    app.quit();
  });
} else {
  let mainWindow: BrowserWindow | null = null;
  let ctx: BackendContext | null = null;

  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    // Closes the ledger and frees its lock file (services/safety/lock.ts).
    if (ctx) ctx.close();
  });

  void app
    .whenReady()
    .then(async () => {
      denyAllPermissions();
      registerProtocol();
      ctx = await openBackend(args);
      registerApi(ctx);
      const prefs = openDesktopPrefs();
      prefs.registerIpc();
      buildMenu();
      mainWindow = createWindow(prefs);
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(prefs);
      });
    })
    .catch((err: unknown) => {
      // E.g. a ledger written by a newer version: say it and stop, never "repair".
      const message =
        err instanceof LedgerLockedError
          ? say(
              `Questo archivio è già aperto in un'altra finestra di Incasso (${err.owner ? `pid ${err.owner.pid} su ${err.owner.host}` : 'altro processo'}). Usa quella finestra. Se Incasso non è aperto altrove, elimina ${err.lockFile}.`,
              err.message,
            )
          : err instanceof Error
            ? err.message
            : String(err);
      dialog.showErrorBox(say('Incasso non può partire', 'Incasso cannot start'), message);
      app.exit(1);
    });
}
