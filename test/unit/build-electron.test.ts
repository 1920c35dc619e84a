/**
 * The Electron bundle, built for real into a temp folder. Electron's binary is not installed
 * here, so the bundles run under Node with a stand-in 'electron' module: that still exercises
 * the wiring of main.ts (protocol, IPC sender check, dispatcher, permissions, demo fill).
 */
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BuildElectronResult,
  buildElectron,
  MAIN_EXTERNALS,
  nativeAbi,
  ROOT,
} from '../../build/build-electron.ts';
import { contentSecurityPolicy } from '../../shared/security/csp.ts';
import { tempDir } from '../helpers/backend.ts';

type Fn = (...args: never[]) => unknown;

let dir: string;
let out: BuildElectronResult;

beforeAll(async () => {
  dir = tempDir('incasso-build-');
  // Same layout as the project, so main.cjs finds ../../renderer/dist.
  out = await buildElectron({ outDir: path.join(dir, 'build', 'electron') });
  fs.mkdirSync(path.join(dir, 'renderer', 'dist', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'renderer', 'dist', 'index.html'), '<!doctype html><title>Incasso</title>');
  fs.writeFileSync(path.join(dir, 'renderer', 'dist', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the renderer');
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs a CommonJS bundle with `require('electron')` answered by `electron`. */
function runBundle(file: string, electron: unknown, argv?: string[]): void {
  const real = createRequire(path.join(ROOT, 'package.json'));
  const requireFn = Object.assign(
    (id: string) => {
      if (id === 'electron') return electron;
      return real(id);
    },
    { resolve: real.resolve },
  );
  const module = { exports: {} };
  const wrapped = vm.runInThisContext(
    `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`,
    { filename: file },
  ) as (...args: unknown[]) => void;
  const saved = process.argv;
  if (argv) process.argv = argv;
  try {
    wrapped(module.exports, requireFn, module, file, path.dirname(file));
  } finally {
    process.argv = saved;
  }
}

describe('build:electron', () => {
  it('writes main.cjs, preload.cjs and the migrations', () => {
    // The worker entries and the files letters need ship beside main.cjs.
    const dir = path.dirname(out.main);
    for (const f of [
      'import-worker.cjs',
      'render-worker.cjs',
      'interest_rates_231.csv',
      'fonts/LiberationSans-Regular.ttf',
    ]) {
      expect(fs.existsSync(path.join(dir, f)), f).toBe(true);
    }
    expect(fs.existsSync(out.main)).toBe(true);
    expect(fs.existsSync(out.preload)).toBe(true);
    expect(path.basename(out.main)).toBe('main.cjs');
    expect(fs.existsSync(path.join(out.migrations, 'meta', '_journal.json'))).toBe(true);
    const sql = fs.readdirSync(out.migrations).filter((f) => f.endsWith('.sql'));
    expect(sql.length).toBe(
      fs.readdirSync(path.join(ROOT, 'db', 'migrations')).filter((f) => f.endsWith('.sql')).length,
    );
  });

  it("tells a native module's ABI, so a Node build is never shipped as Electron's", () => {
    const req = createRequire(path.join(ROOT, 'package.json'));
    const nodeBuild = path.join(path.dirname(req.resolve('better-sqlite3/package.json')), 'build', 'Release');
    expect(nativeAbi(path.join(nodeBuild, 'better_sqlite3.node'))).toBe(process.versions.modules);
    expect(nativeAbi(path.join(dir, 'missing.node'))).toMatch(/^unknown/);
  });

  it('matches package.json "main"', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('build/electron/main.cjs');
  });

  it('leaves only Node built-ins, electron and better-sqlite3 to be required at run time', () => {
    const code = fs.readFileSync(out.main, 'utf8');
    // Code strings, not calls: ajv (under electron-store's conf) keeps `require("ajv/dist/runtime/…")`
    // as text for the validation code it would generate in standalone mode.
    const asText = /(?:`|'|\.code = ')require\("([^"]+)"\)/g;
    const textual = new Set([...code.matchAll(asText)].map((m) => m[1] as string));
    const required = new Set(
      [...code.matchAll(/\brequire\("([^"]+)"\)/g)]
        .map((m) => m[1] as string)
        .filter((id) => !textual.has(id)),
    );
    const builtins = new Set(builtinModules);
    const others = [...required].filter((id) => !id.startsWith('node:') && !builtins.has(id));
    expect(others.sort()).toEqual([...MAIN_EXTERNALS].sort());
    expect(code).not.toContain('import.meta');
  });

  it('bundles a preload that requires only electron and exposes only invoke, onEvent and prefs', async () => {
    const code = fs.readFileSync(out.preload, 'utf8');
    expect([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);

    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const listeners = new Map<string, Set<Fn>>();
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => {
          exposed[key] = api;
        },
      },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, data: null });
        },
        on: (channel: string, fn: Fn) => {
          listeners.set(channel, (listeners.get(channel) ?? new Set()).add(fn));
        },
        removeListener: (channel: string, fn: Fn) => listeners.get(channel)?.delete(fn),
      },
    };
    // Sandboxed preloads have no Node: run it in a bare context with `require('electron')` only.
    const context = vm.createContext({});
    const wrapped = vm.runInContext(`(function (exports, require, module) {${code}\n})`, context) as (
      ...args: unknown[]
    ) => void;
    const module = { exports: {} };
    wrapped(
      module.exports,
      (id: string) => {
        if (id !== 'electron') throw new Error(`preload required ${id}`);
        return electron;
      },
      module,
    );

    expect(Object.keys(exposed)).toEqual(['incasso']);
    const api = exposed.incasso as {
      invoke: (m: string, i?: unknown, o?: unknown) => Promise<unknown>;
      onEvent: (cb: (e: unknown) => void) => () => void;
      prefs: { all: () => Promise<unknown>; set: (k: unknown, v: unknown) => Promise<unknown> };
    };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent', 'prefs']);
    expect(Object.keys(api.prefs).sort()).toEqual(['all', 'set']);
    // Preferences travel as strings on their own two channels (checked again in the main process).
    await api.prefs.all();
    await api.prefs.set('incasso.language', 'en');
    await api.prefs.set({ toString: () => 'incasso.colorScheme' }, null);
    expect(invoked.splice(0)).toEqual([
      ['prefs:all'],
      ['prefs:set', 'incasso.language', 'en'],
      ['prefs:set', 'incasso.colorScheme', null],
    ]);

    await expect(api.invoke('users.add', { name: 'Anna' }, { userId: 2, job: 'j1' })).resolves.toEqual({
      ok: true,
      data: null,
    });
    await api.invoke('users.list');
    // A user id the page names never leaves the preload: the main process holds the session.
    expect(invoked).toEqual([
      ['api', { method: 'users.add', input: { name: 'Anna' }, job: 'j1' }],
      ['api', { method: 'users.list', input: {} }],
    ]);

    const seen: unknown[] = [];
    const off = api.onEvent((e) => seen.push(e));
    const [listener] = [...(listeners.get('api:event') ?? [])];
    (listener as (sender: unknown, payload: unknown) => void)({ sender: 'ipcRenderer' }, { type: 'job' });
    expect(seen).toEqual([{ type: 'job' }]); // the IPC event object never reaches the page
    off();
    expect(listeners.get('api:event')?.size).toBe(0);
    expect(() => api.onEvent('nope' as never)).toThrow(/expects a function/);
  });
});

/** A stand-in for the parts of Electron main.ts uses, recording what it is asked to do. */
function fakeElectron(opts: { lock: boolean; userData: string }) {
  const rec = {
    schemes: [] as unknown[],
    protocols: new Map<string, Fn>(),
    ipc: new Map<string, Fn>(),
    appEvents: new Map<string, Fn>(),
    windows: [] as { options: Record<string, unknown>; url?: string }[],
    sent: [] as unknown[][],
    permission: {} as Record<string, Fn>,
    messages: [] as unknown[],
    errors: [] as string[],
    quit: 0,
    sandbox: false,
    ready: Promise.resolve(),
  };
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows() {
      return BrowserWindow.all;
    }
    record: { options: Record<string, unknown>; url?: string };
    webContents = {
      getURL: () => this.record.url ?? '',
      send: (...args: unknown[]) => rec.sent.push(args),
    };
    constructor(options: Record<string, unknown>) {
      this.record = { options };
      rec.windows.push(this.record);
      BrowserWindow.all.push(this);
    }
    once() {}
    on() {}
    maximize() {}
    isMaximized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      isPackaged: false,
      getLocale: () => 'en-US',
      getPath: (name: string) => (name === 'userData' ? opts.userData : '/nonexistent'),
      getVersion: () => '0.1.0',
      enableSandbox: () => {
        rec.sandbox = true;
      },
      requestSingleInstanceLock: () => opts.lock,
      whenReady: () => rec.ready,
      on: (event: string, fn: Fn) => rec.appEvents.set(event, fn),
      quit: () => {
        rec.quit++;
      },
      exit: () => {
        rec.quit++;
      },
    },
    // No keychain in this stand-in: mail passwords fall back to the key file.
    safeStorage: { isEncryptionAvailable: () => false },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => rec.schemes.push(...schemes),
      handle: (scheme: string, fn: Fn) => rec.protocols.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => {
          rec.permission.request = fn;
        },
        setPermissionCheckHandler: (fn: Fn) => {
          rec.permission.check = fn;
        },
        setDevicePermissionHandler: (fn: Fn) => {
          rec.permission.device = fn;
        },
      },
    },
    ipcMain: { handle: (channel: string, fn: Fn) => rec.ipc.set(channel, fn), on: () => {} },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
    dialog: {
      showMessageBoxSync: (o: unknown) => rec.messages.push(o),
      showErrorBox: (_title: string, message: string) => rec.errors.push(message),
    },
    BrowserWindow,
  };
  return { electron, rec };
}

describe('main.cjs under a stand-in Electron', () => {
  /** Waits until the app under test got where `reached` says (start-up reads and writes the ledger first). */
  const settle = async (reached: () => boolean) => {
    for (let waited = 0; !reached() && waited < 15_000; waited += 10)
      await new Promise((r) => setTimeout(r, 10));
  };
  const started = (rec: { windows: unknown[]; errors: unknown[] }) => () =>
    rec.windows.length > 0 || rec.errors.length > 0;

  it('serves the renderer, guards IPC and fills the demo ledger', async () => {
    const dbPath = path.join(dir, 'data', 'ledger.db');
    const { electron, rec } = fakeElectron({ lock: true, userData: path.join(dir, 'userData') });
    runBundle(out.main, electron, ['electron', '.', `--db=${dbPath}`, '--today=2026-11-23', '--demo']);
    await settle(started(rec));
    expect(rec.errors).toEqual([]);

    // Before ready: the privileged scheme and the sandbox for every renderer.
    expect(rec.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(rec.sandbox).toBe(true);

    // One hardened window on the custom protocol, never file://.
    expect(rec.windows).toHaveLength(1);
    const win = rec.windows[0]!;
    expect(win.url).toBe('app://incasso/index.html');
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(prefs.preload).toBe(out.preload);

    // Every permission refused.
    let granted: boolean | undefined;
    rec.permission.request!(...([null, 'media', (g: boolean) => (granted = g)] as never[]));
    expect(granted).toBe(false);
    expect(rec.permission.check!()).toBe(false);
    expect(rec.permission.device!()).toBe(false);

    // The protocol: files of renderer/dist with the CSP, nothing outside it.
    const serve = rec.protocols.get('app')! as (r: { url: string; method: string }) => Promise<Response>;
    const page = await serve({ url: 'app://incasso/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(await page.text()).toContain('<title>Incasso</title>');
    const js = await serve({ url: 'app://incasso/assets/app.js', method: 'GET' });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await serve({ url: 'app://incasso/customers', method: 'GET' })).status).toBe(200); // app fallback
    expect((await serve({ url: 'app://incasso/missing.js', method: 'GET' })).status).toBe(404);
    for (const url of ['app://incasso/..%2F..%2Fsecret.txt', 'app://incasso/../../secret.txt']) {
      const res = await serve({ url, method: 'GET' });
      expect(await res.text()).not.toContain('not for the renderer');
    }
    expect((await serve({ url: 'app://incasso/index.html', method: 'POST' })).status).toBe(405);

    // IPC: the sender frame decides, then the dispatcher.
    const api = rec.ipc.get('api')! as (
      event: unknown,
      raw: unknown,
    ) => Promise<{ ok: boolean; [k: string]: unknown }>;
    expect([...rec.ipc.keys()]).toEqual(['api', 'prefs:all', 'prefs:set']);
    const ours = { senderFrame: { url: 'app://incasso/index.html#/customers' } };
    // Desktop preferences: electron-store's file in userData, known keys from our own pages only.
    const setPref = rec.ipc.get('prefs:set')! as (event: unknown, k: unknown, v: unknown) => unknown;
    const allPrefs = rec.ipc.get('prefs:all')! as (event: unknown) => unknown;
    expect(setPref(ours, 'incasso.language', 'en')).toBe(true);
    expect(setPref(ours, 'incasso.token', 'stolen')).toBe(false);
    expect(setPref({ senderFrame: { url: 'https://evil.example/' } }, 'incasso.colorScheme', 'dark')).toBe(
      false,
    );
    expect(allPrefs(ours)).toEqual({ 'incasso.language': 'en' });
    expect(allPrefs({ senderFrame: { url: 'https://evil.example/' } })).toEqual({});
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'userData', 'preferences.json'), 'utf8'));
    expect(stored.ui).toEqual({ 'incasso.language': 'en' });
    // The window opens at the size kept there (the default on a first start).
    expect(win.options).toMatchObject({ width: 1360, height: 860 });
    // Nobody signed in yet: only the sign-in screen's methods answer, whatever user the message names.
    expect(await api(ours, { method: 'system.info', userId: 1 })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    // --demo on the demo's own ledger: the sign-in screen finds the demo's admin signed in.
    expect(await api(ours, { method: 'session.status' })).toMatchObject({
      ok: true,
      data: { signedIn: true, user: { name: 'admin', role: 'admin' } },
    });
    // The ledger was empty: the demo company opened in its own file beside it.
    const info = await api(ours, { method: 'system.info' });
    expect(info).toMatchObject({
      ok: true,
      data: { mode: 'electron', dbPath: path.join(dir, 'data', 'ledger-demo.db'), today: '2026-11-23' },
    });
    const summary = await api(ours, { method: 'summary.get', userId: 1 });
    expect(summary).toMatchObject({ ok: true, data: { asOf: '2026-11-23' } });
    expect((summary as unknown as { data: { customers: number } }).data.customers).toBeGreaterThan(100);
    for (const event of [{ senderFrame: { url: 'https://evil.example/' } }, { senderFrame: null }, {}]) {
      expect(await api(event, { method: 'system.info', userId: 1 })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await api(ours, 'system.info')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(
      await api(ours, { method: 'users.add', input: { name: 'X', role: 'boss' }, userId: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: 'role' }] } },
    });

    // Every web contents gets the navigation, window and webview guards.
    const guards = new Map<string, Fn>();
    let openHandler: Fn | undefined;
    const contents = {
      on: (event: string, fn: Fn) => guards.set(event, fn),
      setWindowOpenHandler: (fn: Fn) => {
        openHandler = fn;
      },
    };
    rec.appEvents.get('web-contents-created')!(...([{}, contents] as never[]));
    const navigate = (event: string, url: string) => {
      let prevented = false;
      guards.get(event)!(...([{ url, preventDefault: () => (prevented = true) }] as never[]));
      return prevented;
    };
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(navigate(event, 'https://evil.example/')).toBe(true);
      expect(navigate(event, 'app://incasso/index.html#/letters')).toBe(false);
    }
    expect(navigate('will-attach-webview', 'app://incasso/')).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });

    rec.appEvents.get('will-quit')!();
    // The demo's file, private like any ledger; the user's own ledger is not even created yet.
    expect(fs.statSync(path.join(dir, 'data', 'ledger-demo.db')).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(dbPath)).toBe(false);
  });

  it('uses userData/incasso.db by default', async () => {
    const userData = path.join(dir, 'userData2');
    const { electron, rec } = fakeElectron({ lock: true, userData });
    const saved = process.env.INCASSO_DB;
    delete process.env.INCASSO_DB;
    try {
      runBundle(out.main, electron, ['electron', '.']);
      await settle(started(rec));
    } finally {
      if (saved !== undefined) process.env.INCASSO_DB = saved;
    }
    expect(rec.errors).toEqual([]);
    expect(fs.existsSync(path.join(userData, 'incasso.db'))).toBe(true);
    rec.appEvents.get('will-quit')!();
  });

  it('a second instance says the app is open and quits without touching the ledger', async () => {
    const { electron, rec } = fakeElectron({ lock: false, userData: path.join(dir, 'userData3') });
    runBundle(out.main, electron, ['electron', '.']);
    await settle(() => rec.quit > 0);
    expect(rec.messages).toEqual([expect.objectContaining({ message: 'Incasso is already open.' })]);
    expect(rec.quit).toBe(1);
    expect(rec.windows).toHaveLength(0);
    expect(rec.ipc.size).toBe(0);
    expect(fs.existsSync(path.join(dir, 'userData3'))).toBe(false);
  });

  it('refuses to start on a ledger from a newer version, with a message', async () => {
    const dbPath = path.join(dir, 'newer.db');
    const { electron: first, rec: r1 } = fakeElectron({ lock: true, userData: dir });
    runBundle(out.main, first, ['electron', '.', `--db=${dbPath}`]);
    await settle(started(r1));
    r1.appEvents.get('will-quit')!();
    const Database = createRequire(path.join(ROOT, 'package.json'))('better-sqlite3') as new (
      f: string,
    ) => { exec: (s: string) => void; close: () => void };
    const db = new Database(dbPath);
    db.exec("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 99999999999999)");
    db.close();

    const { electron, rec } = fakeElectron({ lock: true, userData: dir });
    runBundle(out.main, electron, ['electron', '.', `--db=${dbPath}`]);
    await settle(() => rec.errors.length > 0);
    expect(rec.errors).toHaveLength(1);
    expect(rec.errors[0]).toMatch(/newer version/);
    expect(rec.quit).toBe(1);
    expect(rec.windows).toHaveLength(0);
  });
});
