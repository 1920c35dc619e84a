import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  APP_URL,
  appResponseHeaders,
  ipcRequest,
  isAllowedNavigation,
  isAllowedSender,
  resolveAppPath,
  safeStorageUsable,
  webPreferences,
} from '../../electron/security.ts';
import { contentSecurityPolicy } from '../../shared/security/csp.ts';

describe('isAllowedSender', () => {
  it('accepts our own pages', () => {
    expect(isAllowedSender('app://incasso/')).toBe(true);
    expect(isAllowedSender(APP_URL)).toBe(true);
    expect(isAllowedSender('app://incasso/index.html#/customers?q=1')).toBe(true);
  });

  it.each([
    undefined,
    null,
    '',
    'not a url',
    'app://incasso',
    'app://incasso.evil.com/',
    'app://incasso@evil.com/',
    'app://user:pw@incasso/',
    'app://incasso:8080/',
    'app://other/',
    'APP://evil/',
    'file:///home/user/renderer/dist/index.html',
    'http://127.0.0.1:5173/',
    'https://incasso/',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'data:text/html,<script>alert(1)</script>',
    'javascript:alert(1)',
  ])('refuses %s', (url) => {
    expect(isAllowedSender(url)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('allows moving inside the app only', () => {
    expect(isAllowedNavigation('app://incasso/index.html#/worklist')).toBe(true);
    expect(isAllowedNavigation('https://www.agenziaentrate.gov.it/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('app://incasso.attacker/')).toBe(false);
  });
});

describe('webPreferences', () => {
  it('is the hardened set of the security checklist', () => {
    const prefs = webPreferences('/app/build/electron/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/build/electron/preload.cjs',
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
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(webPreferences('/p', { devTools: true }).devTools).toBe(true);
  });

  it('registers the scheme as standard and secure, without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false });
    expect(APP_SCHEME_PRIVILEGES.allowServiceWorkers).toBe(false);
  });
});

describe('resolveAppPath', () => {
  const root = path.resolve('/srv/incasso/renderer/dist');

  it('maps app URLs to files under the root', () => {
    expect(resolveAppPath(root, 'app://incasso/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://incasso/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://incasso/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath(root, 'app://incasso/assets/font%20name.woff2')).toBe(
      path.join(root, 'assets', 'font name.woff2'),
    );
    expect(resolveAppPath(root, 'app://incasso/./assets//a.css')).toBe(path.join(root, 'assets', 'a.css'));
  });

  it.each([
    'app://incasso/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://incasso/assets%2F..%2F..%2Fsecret',
    'app://incasso/..%5c..%5cwindows%5cwin.ini',
    'app://incasso/C:%5cWindows%5cwin.ini',
    'app://incasso/c:/Windows/win.ini',
    'app://incasso/index.html%00.png',
    'app://incasso/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'http://incasso/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it.each([
    'app://incasso/../package.json',
    'app://incasso/assets/../../db/open.ts',
    'app://incasso/%2e%2e/package.json',
    'app://incasso/a/%2e%2e/%2e%2e/%2e%2e/x',
  ])('keeps %s inside the root (the URL parser folds dot segments)', (url) => {
    const file = resolveAppPath(root, url);
    expect(file === null || file.startsWith(root + path.sep)).toBe(true);
  });

  it('never leaves the root, whatever the segments', () => {
    for (const url of ['app://incasso/../../x', 'app://incasso/a/../../../x', 'app://incasso/%2e%2e']) {
      const file = resolveAppPath(root, url);
      expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    }
  });

  it('holds with Windows paths too', () => {
    const winRoot = 'C:\\Program Files\\Incasso\\resources\\app.asar\\renderer\\dist';
    expect(resolveAppPath(winRoot, 'app://incasso/assets/a.js', path.win32)).toBe(`${winRoot}\\assets\\a.js`);
    expect(resolveAppPath(winRoot, 'app://incasso/..%5C..%5Capp.asar', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://incasso/D:%2Fsecret.txt', path.win32)).toBeNull();
  });
});

describe('appResponseHeaders', () => {
  it('sets the one CSP and a fixed content type', () => {
    const csp = contentSecurityPolicy();
    const html = appResponseHeaders('/x/index.html', csp);
    expect(html['content-security-policy']).toBe(csp);
    expect(html['content-type']).toBe('text/html; charset=utf-8');
    expect(html['x-content-type-options']).toBe('nosniff');
    expect(appResponseHeaders('/x/assets/a.JS', csp)['content-type']).toBe('text/javascript; charset=utf-8');
    expect(appResponseHeaders('/x/whatever.bin', csp)['content-type']).toBe('application/octet-stream');
  });

  it("uses a CSP with 'self' only for scripts", () => {
    expect(contentSecurityPolicy()).toContain("script-src 'self';");
    expect(contentSecurityPolicy()).not.toContain('unsafe-eval');
  });
});

describe('safeStorageUsable', () => {
  it('uses the OS keychain only when it really encrypts (not Linux basic_text)', () => {
    expect(safeStorageUsable(true, 'gnome_libsecret')).toBe(true);
    expect(safeStorageUsable(true, undefined)).toBe(true); // macOS, Windows: no backend to ask
    expect(safeStorageUsable(true, 'basic_text')).toBe(false);
    expect(safeStorageUsable(false, 'kwallet5')).toBe(false);
  });
});

describe('ipcRequest', () => {
  it('keeps the three fields the renderer may send and drops a user it names', () => {
    expect(ipcRequest({ method: 'users.list', input: { a: 1 }, userId: 3, job: 'j1', extra: 'x' })).toEqual({
      method: 'users.list',
      input: { a: 1 },
      job: 'j1',
    });
    expect(ipcRequest({ method: 'users.list' })).toEqual({ method: 'users.list', input: {} });
  });

  it.each([
    null,
    undefined,
    'users.list',
    [],
    {},
    { method: '' },
    { method: 42 },
    { method: 'x'.repeat(201) },
    { method: 'users.list', job: 7 },
  ])('refuses a malformed request %#', (raw) => {
    expect(ipcRequest(raw)).toBeNull();
  });
});
