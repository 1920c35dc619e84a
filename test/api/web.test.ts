/** Browser mode over real HTTP: token, Origin and Host guards, envelopes, CSP, loopback, events. */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/web.ts';
import { contentSecurityPolicy } from '../../shared/security/csp.ts';
import { startTestWebServer, type TestWebServer } from '../helpers/web.ts';

let web: TestWebServer;
let server: WebServer;
let origin: string;
let session: string;

beforeAll(async () => {
  web = await startTestWebServer(
    'incasso-web-',
    { today: '2026-11-23' },
    '<!doctype html><title>Incasso test page</title>',
  );
  server = web.server;
  fs.writeFileSync(path.join(web.dir, 'secret.txt'), 'outside the static folder');
  origin = new URL(server.url).origin;
  // First start: the admin's password, which also signs this client in (the session cookie).
  const setup = await api(
    'session.setup',
    { name: 'admin', password: 'prima-chiave-1' },
    { authorization: `Bearer ${server.token}` },
  );
  expect(setup.status).toBe(200);
  session = (setup.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
});

afterAll(() => web.close());

function api(method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
const auth = () => ({ authorization: `Bearer ${server.token}`, cookie: session });

/** A raw request, for headers fetch will not let us set (Host). */
function raw(opts: http.RequestOptions): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, ...opts }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode', () => {
  it('prints a loopback URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it.each(['system.info', 'users.add', 'no.such.method'])(
    'answers 401 to %s without a valid token',
    async (method) => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer wrong-token' },
        { authorization: `Bearer ${server.token}x` },
        { authorization: server.token },
        { authorization: `Basic ${server.token}` },
      ];
      for (const headers of attempts) {
        const res = await api(method, { name: 'Eve', role: 'admin' }, { 'x-incasso-user': '1', ...headers });
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      }
      const users = await api('users.list', {}, auth());
      expect(((await users.json()) as { data: unknown[] }).data).toHaveLength(1);
    },
  );

  it('answers 403 to a foreign Origin, even with the token', async () => {
    for (const o of [
      'http://evil.example',
      'http://127.0.0.1:1',
      'null',
      `https://127.0.0.1:${server.port}`,
    ]) {
      const res = await api('system.info', {}, { ...auth(), origin: o });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect((await api('system.info', {}, { ...auth(), origin })).status).toBe(200);
  });

  it('answers 403 to a foreign Host (DNS rebinding)', async () => {
    const res = await raw({
      path: '/api/system.info',
      method: 'POST',
      headers: { host: `evil.example:${server.port}`, ...auth() },
    });
    expect(res.status).toBe(403);
    expect((await raw({ path: '/', headers: { host: 'attacker.test' } })).status).toBe(403);
  });

  it('returns the ok envelope with the token and the current user', async () => {
    const res = await api('system.info', {}, auth());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ ok: true, data: { mode: 'browser', today: '2026-11-23' } });
  });

  it('answers 401 without a session, whatever user the request names', async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { 'x-incasso-user': '1' },
      { 'x-incasso-user': '9999' },
      { cookie: 'incasso_session=x' },
    ]) {
      const res = await api(
        'users.add',
        { name: 'Prima', role: 'admin' },
        { authorization: `Bearer ${server.token}`, ...headers },
      );
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    const status = await api('session.status', {}, { authorization: `Bearer ${server.token}` });
    expect(await status.json()).toMatchObject({ ok: true, data: { signedIn: false, firstRun: false } });
  });

  it('returns the VALIDATION envelope with 400', async () => {
    const res = await api('users.add', { name: 'Bruno', role: 'boss' }, auth());
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      ok: boolean;
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details.issues[0]?.path).toBe('role');

    const broken = await fetch(`${origin}/api/system.info`, {
      method: 'POST',
      headers: auth(),
      body: '{not json',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('maps FORBIDDEN and UNKNOWN_METHOD to 403 and 404', async () => {
    await api('users.add', { name: 'Carla', role: 'clerk', password: 'chiave-carla' }, auth());
    const signIn = await api(
      'session.signIn',
      { name: 'Carla', password: 'chiave-carla' },
      { authorization: `Bearer ${server.token}` },
    );
    const clerk = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const res = await api(
      'settings.set',
      { values: { language: 'en' } },
      { authorization: `Bearer ${server.token}`, cookie: clerk, 'x-incasso-user': '1' },
    );
    expect(res.status).toBe(403);
    expect((await api('no.such.method', {}, auth())).status).toBe(404);
  });

  it('serves the page with the one CSP and safe headers, never files outside its folder', async () => {
    const res = await fetch(`${origin}/?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('Incasso test page');
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/static/../../secret.txt',
    ]) {
      const r = await raw({ path: p });
      expect(r.body).not.toContain('outside the static folder');
    }
  });

  it('listens on 127.0.0.1 only', async () => {
    const connects = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect({ host, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    expect(await connects('127.0.0.1')).toBe(true);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((i): i is os.NetworkInterfaceInfo => i !== undefined && i.address !== '127.0.0.1')
      .map((i) => i.address);
    for (const address of ['::1', ...others]) expect(await connects(address), address).toBe(false);
  });

  it('streams job events over server-sent events, to token holders only', async () => {
    const denied = await raw({ path: '/api/events' });
    expect(denied.status).toBe(401);

    const controller = new AbortController();
    const res = await fetch(`${origin}/api/events?token=${server.token}`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(': connected')) text += decoder.decode((await reader.read()).value);

    const event = { type: 'job' as const, job: 'import-1', phase: 'reading', done: 40, total: 100 };
    server.ctx.emit(event);
    const complete = () => text.includes('data:') && text.indexOf('\n\n', text.indexOf('data:')) !== -1;
    while (!complete()) text += decoder.decode((await reader.read()).value);
    const line = text.split('\n').find((l) => l.startsWith('data: '));
    expect(JSON.parse(line?.slice('data: '.length) ?? 'null')).toEqual(event);
    controller.abort();
  });
});

describe('browser mode: the review’s lower findings', () => {
  it('answers 400, not 500, to a malformed URL escape', async () => {
    for (const p of ['/api/%E0%A4%A', '/api/summary.get%', '/%E0%A4%A']) {
      const res = await raw({ path: p, method: 'POST', headers: auth() });
      expect(res.status, p).toBe(400);
    }
  });

  it('takes the token from the query string only for the event stream', async () => {
    const res = await fetch(`${origin}/api/system.info?token=${server.token}`, {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect((await api('system.info', {}, auth())).status).toBe(200);
  });

  it('limits the body by method: 2 MB unless the method carries a file', async () => {
    const big = JSON.stringify({ asOf: '2026-11-23', padding: 'x'.repeat(3 * 1024 * 1024) });
    const summary = await api('summary.get', JSON.parse(big), auth());
    expect(summary.status).toBe(413);
    // A 3 MB import file is fine (a file-carrying method reads up to the large limit).
    const file = Buffer.alloc(3 * 1024 * 1024, 'a').toString('base64');
    const stage = await api('imports.stage', { fileName: 'x.csv', dataBase64: file }, auth());
    expect(stage.status).not.toBe(413);
  });
});
