/** Browser mode against hostile requests: no or wrong token, foreign Origin, oversized bodies. */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/web.ts';
import { startTestWebServer, type TestWebServer } from '../helpers/web.ts';

let web: TestWebServer;
let server: WebServer;
const MAX = 64 * 1024;
let cookie = '';

beforeAll(async () => {
  web = await startTestWebServer('incasso-web-limits-', { maxBodyBytes: MAX });
  server = web.server;
  // Signed in as the admin (first run), so refusals below are about the body, not the session.
  const setup = await post({
    method: 'session.setup',
    body: Buffer.from(JSON.stringify({ name: 'admin', password: 'limiti-2026' })),
  });
  expect(setup.status).toBe(200);
  cookie = (setup.cookie ?? '').split(';')[0] ?? '';
});
afterAll(() => web.close());

/** A raw POST: a declared length and the bytes actually sent may differ, as an attacker's would. */
function post(opts: {
  method: string;
  headers?: Record<string, string>;
  declared?: number;
  body: Buffer;
  chunked?: boolean;
}): Promise<{ status: number; body: string; cookie?: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/${opts.method}`,
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/json',
          cookie,
          ...(opts.chunked ? {} : { 'content-length': String(opts.declared ?? opts.body.length) }),
          ...opts.headers,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, cookie: res.headers['set-cookie']?.[0] }),
        );
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      // The server may hang up while we are still sending: that is a refusal too.
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') resolve({ status: 413, body: '' });
      else reject(err);
    });
    if (opts.chunked) {
      // Many small chunks: the server must stop reading once past its limit.
      for (let i = 0; i < opts.body.length; i += 4096) req.write(opts.body.subarray(i, i + 4096));
      req.end();
    } else req.end(opts.body);
  });
}

describe('browser mode against hostile requests', () => {
  it('refuses a body declared larger than the limit before reading it', async () => {
    const t0 = performance.now();
    const r = await post({
      method: 'users.add',
      declared: 200 * 1024 * 1024,
      body: Buffer.from('{"name":"x"'),
    });
    expect(r.status).toBe(413);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('refuses a chunked body that grows past the limit, and nothing is written', async () => {
    const huge = Buffer.from(JSON.stringify({ name: 'A'.repeat(MAX * 4), role: 'clerk' }));
    const r = await post({ method: 'users.add', body: huge, chunked: true });
    expect(r.status).toBe(413);
    const users = await post({ method: 'users.list', body: Buffer.from('{}') });
    expect(JSON.parse(users.body).data).toHaveLength(1);
  });

  it('accepts a body under the limit', async () => {
    const r = await post({ method: 'system.info', body: Buffer.from('{}') });
    expect(r.status).toBe(200);
  });

  it('refuses a missing or wrong token and a foreign origin, even with a valid body', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'Eve', role: 'admin' }));
    expect((await post({ method: 'users.add', body, headers: { authorization: '' } })).status).toBe(401);
    expect(
      (await post({ method: 'users.add', body, headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);
    expect(
      (await post({ method: 'users.add', body, headers: { origin: 'http://evil.example' } })).status,
    ).toBe(403);
    const users = await post({ method: 'users.list', body: Buffer.from('{}') });
    expect(JSON.parse(users.body).data.map((u: { name: string }) => u.name)).toEqual(['admin']);
  });
});
