/**
 * Browser mode's upload: a file streamed as a raw body to `POST /api/upload` (not base64 JSON),
 * staged, identified, then staged for import and applied by id — bigger than any JSON body the
 * server accepts — with the token, Origin, Host and session checks of every API call.
 */
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagedDir } from '../../electron/backend/services/import/stage.ts';
import { MAX_UPLOADS_IN_FLIGHT, type WebServer } from '../../electron/web.ts';
import { startTestWebServer, type TestWebServer } from '../helpers/web.ts';

let web: TestWebServer;
let server: WebServer;
let cookie = '';
const MAX_JSON = 64 * 1024;

function request(opts: {
  path: string;
  body: Buffer;
  headers?: Record<string, string>;
  declared?: number;
  noCookie?: boolean;
}): Promise<{
  status: number;
  json: { ok: boolean; data?: unknown; error?: { code: string } };
  cookie?: string;
}> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: opts.path,
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-length': String(opts.declared ?? opts.body.length),
          ...(opts.noCookie ? {} : { cookie }),
          ...opts.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: text ? JSON.parse(text) : { ok: false },
            ...(res.headers['set-cookie']?.[0] ? { cookie: res.headers['set-cookie'][0] } : {}),
          }),
        );
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') resolve({ status: 413, json: { ok: false } });
      else reject(err);
    });
    req.end(opts.body);
  });
}

const call = (method: string, input: unknown) =>
  request({
    path: `/api/${method}`,
    body: Buffer.from(JSON.stringify(input)),
    headers: { 'content-type': 'application/json' },
  });
const upload = (name: string, body: Buffer, extra: Partial<Parameters<typeof request>[0]> = {}) =>
  request({
    path: `/api/upload?name=${encodeURIComponent(name)}`,
    body,
    headers: { 'content-type': 'application/octet-stream', ...extra.headers },
    ...(extra.declared !== undefined ? { declared: extra.declared } : {}),
    ...(extra.noCookie ? { noCookie: true } : {}),
  });

/** An export of `rows` open items: far larger than the JSON body limit of this server. */
function csv(rows: number): Buffer {
  let text = 'Codice cliente;Ragione sociale;Numero documento;Data documento;Scadenza;Importo;Residuo\n';
  for (let i = 1; i <= rows; i++) {
    const c = Math.ceil(i / 10);
    text += `C${c};Cliente ${c} S.r.l.;F${i};01/10/2026;31/10/2026;${100 + (i % 50)},00;${100 + (i % 50)},00\n`;
  }
  return Buffer.from(text);
}

/** Files in the ledger's staging folder (each beside its .json with the name). */
const stagedFiles = () => {
  const staged = stagedDir(server.ctx.dataDir);
  return fs.existsSync(staged) ? fs.readdirSync(staged).filter((f) => !f.endsWith('.json')).length : 0;
};

beforeAll(async () => {
  web = await startTestWebServer('incasso-web-upload-', { maxBodyBytes: MAX_JSON });
  server = web.server;
  const setup = await call('session.setup', { name: 'admin', password: 'caricamento-2026' });
  expect(setup.status).toBe(200);
  cookie = (setup.cookie ?? '').split(';')[0] ?? '';
});
afterAll(() => web.close());

describe('browser-mode upload', () => {
  it('streams a file larger than any JSON body, then stages, previews and imports it by id', async () => {
    const data = csv(4000);
    expect(data.length).toBeGreaterThan(3 * MAX_JSON);
    // As base64 JSON the same file is refused by size.
    const json = await call('imports.stage', {
      fileName: 'scadenzario.csv',
      dataBase64: data.toString('base64'),
    });
    expect(json.status).toBe(413);

    const up = await upload('scadenzario.csv', data);
    expect(up.status).toBe(200);
    const identified = up.json.data as { fileId: string; fileName: string; kind: string };
    expect(identified).toMatchObject({ fileName: 'scadenzario.csv', kind: 'open-items' });

    const stage = await call('imports.stage', { fileId: identified.fileId });
    expect(stage.status).toBe(200);
    expect(stage.json.data).toMatchObject({ fileId: identified.fileId, format: 'csv', missing: [] });

    const applied = await call('imports.apply', { fileId: identified.fileId, asOf: '2026-11-20' });
    expect(applied.status).toBe(200);
    expect(applied.json.data).toMatchObject({
      rows: { read: 4000, imported: 4000 },
      items: { new: 4000 },
      customers: { new: 400 },
    });
  });

  it('keeps the checks of every API call: token, Origin, session, size', async () => {
    const before = stagedFiles();
    const noToken = await upload('a.csv', csv(3), { headers: { authorization: 'Bearer nope' } });
    expect(noToken.status).toBe(401);
    const foreign = await upload('a.csv', csv(3), { headers: { origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const foreignHost = await upload('a.csv', csv(3), { headers: { host: 'evil.example' } });
    expect(foreignHost.status).toBe(403);
    const noSession = await upload('a.csv', csv(3), { noCookie: true });
    expect(noSession.status).toBe(401);
    const noName = await request({ path: '/api/upload', body: csv(3) });
    expect(noName.status).toBe(400);
    // Declared beyond the importer's limit (128 MB): refused before a byte is stored.
    const huge = await upload('big.csv', csv(3), { declared: 129 * 1024 * 1024 });
    expect(huge.status).toBe(413);
    expect(stagedFiles()).toBe(before);
  });

  it("refuses a clerk's upload with 403 before reading the body: nothing reaches the disk", {
    timeout: 15_000,
  }, async () => {
    // Fails before the fix: the body was streamed to disk first (here it never ends: no answer).
    expect((await call('users.add', { name: 'Carla', role: 'clerk', password: 'chiave-carla' })).status).toBe(
      200,
    );
    const signIn = await request({
      path: '/api/session.signIn',
      body: Buffer.from(JSON.stringify({ name: 'Carla', password: 'chiave-carla' })),
      headers: { 'content-type': 'application/json' },
      noCookie: true,
    });
    const clerk = (signIn.cookie ?? '').split(';')[0] ?? '';
    expect(clerk).toMatch(/=./);
    const before = stagedFiles();
    // 100 MB announced, a few bytes sent and the request left open: the answer cannot wait for it.
    const res = await new Promise<{ status: number; code: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/upload?name=big.csv',
          method: 'POST',
          headers: {
            authorization: `Bearer ${server.token}`,
            cookie: clerk,
            'content-type': 'application/octet-stream',
            'content-length': String(100 * 1024 * 1024),
          },
        },
        (r) => {
          let text = '';
          r.on('data', (c: Buffer) => {
            text += c.toString();
          });
          r.on('end', () => {
            req.destroy();
            resolve({ status: r.statusCode ?? 0, code: JSON.parse(text).error.code });
          });
        },
      );
      req.on('error', reject);
      req.write(csv(3));
    });
    expect(res).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(stagedFiles()).toBe(before);
  });

  it(`streams at most ${MAX_UPLOADS_IN_FLIGHT} uploads at once, answering 429 to the next until one ends`, async () => {
    const before = stagedFiles();
    // Uploads still arriving: announced larger than sent, left open.
    const open = Array.from({ length: MAX_UPLOADS_IN_FLIGHT }, (_, i) => {
      const req = http.request({
        host: '127.0.0.1',
        port: server.port,
        path: `/api/upload?name=slow-${i}.csv`,
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.token}`,
          cookie,
          'content-type': 'application/octet-stream',
          'content-length': String(10 * 1024 * 1024),
        },
      });
      req.on('error', () => undefined);
      req.write(csv(3));
      return req;
    });
    // Each one is being written to the staging folder.
    while (stagedFiles() < before + MAX_UPLOADS_IN_FLIGHT) await new Promise((r) => setTimeout(r, 20));
    const busy = await upload('next.csv', csv(3));
    expect(busy.status).toBe(429);
    expect(busy.json.error?.code).toBe('RATE_LIMITED');
    expect(stagedFiles()).toBe(before + MAX_UPLOADS_IN_FLIGHT);
    // The senders give up: their partial files go, and the next upload goes through.
    for (const req of open) req.destroy();
    while (stagedFiles() > before) await new Promise((r) => setTimeout(r, 20));
    const next = await upload('next.csv', csv(3));
    expect(next.status).toBe(200);
  });
});
