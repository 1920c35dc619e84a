/**
 * Browser mode: the same dispatcher over HTTP on 127.0.0.1, for development, demos, end-to-end
 * tests and machines without the Electron runtime. Loopback only, a random per-start token,
 * foreign Origins and Hosts refused. Prints `INCASSO_URL=…` when ready.
 *
 *   POST /api/<method>   JSON body = input; `Authorization: Bearer <token>` (this start's token),
 *                        the `incasso_session` cookie (set by `session.signIn`: who the caller is,
 *                        held here on the server), `X-Incasso-Job: <id>` (long jobs)
 *   GET  /api/events?token=…   server-sent events (job progress, ledger changes)
 *   GET  /…              the built renderer (renderer/dist)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { type AppEvent, contract } from '../shared/api/contract.ts';
import { AppError } from '../shared/api/errors.ts';
import { contentSecurityPolicy } from '../shared/security/csp.ts';
import { createBackend } from './backend/app.ts';
import { startBackgroundWork } from './backend/background.ts';
import type { BackendContext } from './backend/context.ts';
import { authorize, dispatch } from './backend/dispatch.ts';
import { defaultDbPath } from './backend/paths.ts';
import type { AuthOptions } from './backend/services/auth/identity.ts';
import type { SessionBinding } from './backend/services/auth/sessions.ts';
import { chooseStartLedger, openDemo } from './backend/services/demo-ledger.ts';
import { MAX_FILE_BYTES } from './backend/services/import/read/guards.ts';
import { discardStaged, type StagedFile, stageStream } from './backend/services/import/stage.ts';

export interface WebServerOptions {
  dbPath: string;
  port?: number;
  today?: string;
  /**
   * While the ledger is not in use (no data, no password), open the demo company in its own file
   * beside it instead (`incasso-demo.db`, filled the first time): what `npm start` does.
   */
  demo?: boolean;
  staticDir?: string;
  token?: string;
  /** Largest request body accepted (default 150 MB: an import file in base64). */
  maxBodyBytes?: number;
  /** Largest body of a method that carries no file (default 2 MB). */
  smallBodyBytes?: number;
  /** Sign-in clock and hashing cost (tests); the defaults otherwise. */
  auth?: AuthOptions;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  ctx: BackendContext;
  close: () => Promise<void>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where browser mode streams a file to import (raw body, not base64 JSON). */
export const UPLOAD_PATH = '/api/upload';
const MAX_BODY = 150 * 1024 * 1024;
const SMALL_BODY = 2 * 1024 * 1024;

/** Whether a schema has a `…Base64` field anywhere (a file in the request). */
function hasFileField(schema: z.ZodType, depth = 0): boolean {
  if (depth > 8) return false;
  const def = schema.def as {
    type: string;
    shape?: Record<string, z.ZodType>;
    element?: z.ZodType;
    innerType?: z.ZodType;
    in?: z.ZodType;
    options?: z.ZodType[];
  };
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape ?? {}).some(
        ([key, field]) => key.endsWith('Base64') || hasFileField(field, depth + 1),
      );
    case 'array':
      return def.element ? hasFileField(def.element, depth + 1) : false;
    case 'union':
      return (def.options ?? []).some((o) => hasFileField(o, depth + 1));
    case 'pipe':
      return def.in ? hasFileField(def.in, depth + 1) : false;
    default:
      return def.innerType ? hasFileField(def.innerType, depth + 1) : false;
  }
}

const FILE_METHODS: ReadonlySet<string> = new Set(
  Object.entries(contract)
    .filter(([, def]) => hasFileField(def.input))
    .map(([name]) => name),
);

function carriesFiles(method: string): boolean {
  return FILE_METHODS.has(method);
}

function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
/** Uploads streamed to disk at once (each up to 128 MB): the ones beyond are answered 429. */
export const MAX_UPLOADS_IN_FLIGHT = 2;
const STATUS: Record<string, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  CONFIRMATION_REQUIRED: 409,
  CANCELLED: 499,
  INTERNAL: 500,
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Refused before reading a byte when the declared size is already too big.
    if (Number(req.headers['content-length'] ?? 0) > max) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new BodyTooLarge());
        req.pause();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export const SESSION_COOKIE = 'incasso_session';

function sessionCookie(req: http.IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || null;
  }
  return null;
}

/**
 * The caller's session: its id lives in an HttpOnly, SameSite=Strict cookie; who it belongs to
 * lives here, in the backend's session store. The request cannot name a user.
 */
function httpSession(
  ctx: BackendContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): SessionBinding {
  let id = sessionCookie(req);
  const cookie = (value: string, maxAge?: number) =>
    res.setHeader(
      'set-cookie',
      `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`,
    );
  return {
    transport: 'browser',
    userId: async () => await ctx.auth.sessions.get(id),
    begin: (userId) => {
      ctx.auth.sessions.delete(id);
      id = ctx.auth.sessions.create(userId);
      cookie(id);
    },
    end: () => {
      ctx.auth.sessions.delete(id);
      id = null;
      cookie('', 0);
    },
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? MAX_BODY;
  const smallBody = opts.smallBodyBytes ?? SMALL_BODY;
  const staticDir = opts.staticDir ?? path.join(ROOT, 'renderer', 'dist');
  const listeners = new Set<http.ServerResponse>();
  const emit = (event: AppEvent) => {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of listeners) res.write(line);
  };
  // `--demo`: the demo company in its own file beside the ledger while the ledger is not in use.
  const start = opts.demo ? chooseStartLedger(opts.dbPath) : { dbPath: opts.dbPath, demo: false };
  const ctx = await createBackend({
    dbPath: start.dbPath,
    mode: 'browser',
    ...(opts.today ? { today: opts.today } : {}),
    ...(opts.auth ? { auth: opts.auth } : {}),
    emit,
    // The demo's own ledger opens signed in as its admin (no password for demos).
    config: { demoSignIn: opts.demo === true && !start.demo },
  });
  if (start.demo) await openDemo(ctx, opts.dbPath);
  const stopBackground = await startBackgroundWork(ctx);
  const csp = contentSecurityPolicy();
  let origin = '';

  /** Uploads being streamed to disk now: at most MAX_UPLOADS_IN_FLIGHT, the next ones answered 429. */
  let uploadsInFlight = 0;
  /**
   * `POST /api/upload?name=FILE` (raw body): the file streamed to the staging folder as it arrives,
   * up to the importer's own limit, then identified (`imports.identify` through the dispatcher);
   * answers that method's envelope, whose fileId `imports.stage` / `eInvoices.*` / `masterData.*`
   * take. Only a signed-in session whose role may import sends one: the role is checked before a
   * byte of the body is read, so a caller who may not import cannot fill the disk.
   */
  const upload = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const refuse = (status: number, code: string, message: string) => {
      res.setHeader('connection', 'close');
      res.on('finish', () => req.destroy());
      sendJson(res, status, { ok: false, error: { code, message } });
    };
    const fileName = path.basename((url.searchParams.get('name') ?? '').trim());
    if (fileName === '' || fileName.length > 260) {
      refuse(400, 'VALIDATION', 'The upload needs the file name (?name=…, up to 260 characters)');
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BYTES) {
      refuse(
        413,
        'VALIDATION',
        `${fileName}: the file is larger than ${MAX_FILE_BYTES} bytes, the largest file Incasso imports`,
      );
      return;
    }
    const session = httpSession(ctx, req, res);
    const userId = await session.userId();
    if (userId === null) {
      refuse(401, 'UNAUTHENTICATED', 'Sign in first');
      return;
    }
    try {
      // The dispatcher's own checks for the method the upload ends in (ledger state, user, role).
      await authorize(ctx, 'imports.identify', userId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refuse(STATUS[err.code] ?? 500, err.code, err.message);
      return;
    }
    if (uploadsInFlight >= MAX_UPLOADS_IN_FLIGHT) {
      res.setHeader('retry-after', '5');
      refuse(429, 'RATE_LIMITED', `${fileName}: other uploads are still arriving; send it again in a moment`);
      return;
    }
    let staged: StagedFile;
    uploadsInFlight++;
    try {
      staged = await stageStream(ctx.dataDir, fileName, req, MAX_FILE_BYTES);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refuse(413, err.code, err.message);
      return;
    } finally {
      uploadsInFlight--;
    }
    const result = await dispatch(ctx, {
      method: 'imports.identify',
      input: { fileId: staged.fileId },
      session,
    });
    if (!result.ok) discardStaged(ctx.dataDir, staged.fileId);
    sendJson(res, result.ok ? 200 : (STATUS[result.error.code] ?? 500), result);
  };

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', origin);
      // DNS-rebinding guard: only our own loopback host names.
      const host = req.headers.host ?? '';
      if (host !== new URL(origin).host && host !== `localhost:${new URL(origin).port}`) {
        sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Foreign host' } });
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        const requestOrigin = req.headers.origin;
        if (requestOrigin !== undefined && requestOrigin !== origin && requestOrigin !== `http://${host}`) {
          sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Foreign origin' } });
          return;
        }
        const auth = req.headers.authorization ?? '';
        // The token travels in the query string only for the event stream (EventSource cannot set
        // headers); every other call sends it as a header, so it stays out of URLs and logs.
        const events = url.pathname === '/api/events';
        const given = auth.startsWith('Bearer ')
          ? auth.slice(7)
          : events
            ? (url.searchParams.get('token') ?? '')
            : '';
        if (!safeEqual(given, token)) {
          sendJson(res, 401, {
            ok: false,
            error: { code: 'UNAUTHENTICATED', message: 'Missing or invalid token' },
          });
          return;
        }
        if (events && req.method === 'GET') {
          res.writeHead(200, {
            'content-type': 'text/event-stream',
            'cache-control': 'no-store',
            connection: 'keep-alive',
          });
          res.write(': connected\n\n');
          listeners.add(res);
          req.on('close', () => listeners.delete(res));
          return;
        }
        if (req.method !== 'POST') {
          sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use POST' } });
          return;
        }
        if (url.pathname === UPLOAD_PATH) {
          await upload(req, res, url);
          return;
        }
        const method = decodeOrNull(url.pathname.slice('/api/'.length));
        if (method === null) {
          sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'Malformed URL escape' } });
          return;
        }
        // Only methods that carry files take a large body; the others a small one, refused unread.
        const limit = carriesFiles(method) ? maxBody : Math.min(maxBody, smallBody);
        let raw: string;
        try {
          raw = await readBody(req, limit);
        } catch (err) {
          if (!(err instanceof BodyTooLarge)) throw err;
          // Answer, then drop the connection: the rest of the body is never read.
          res.setHeader('connection', 'close');
          res.on('finish', () => req.destroy());
          sendJson(res, 413, {
            ok: false,
            error: { code: 'VALIDATION', message: `The request is larger than ${limit} bytes` },
          });
          return;
        }
        let input: unknown = {};
        try {
          input = raw.trim() === '' ? {} : JSON.parse(raw);
        } catch {
          sendJson(res, 400, {
            ok: false,
            error: { code: 'VALIDATION', message: 'The body is not valid JSON' },
          });
          return;
        }
        const jobHeader = req.headers['x-incasso-job'];
        const result = await dispatch(ctx, {
          method,
          input,
          // The caller is whoever the session says; no header or body field can choose a user.
          session: httpSession(ctx, req, res),
          ...(typeof jobHeader === 'string' && jobHeader ? { job: jobHeader } : {}),
        });
        sendJson(res, result.ok ? 200 : (STATUS[result.error.code] ?? 500), result);
        return;
      }
      // Static renderer. Everything unknown falls back to index.html (hash routing).
      const decoded = decodeOrNull(url.pathname);
      if (decoded === null) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Malformed URL escape');
        return;
      }
      const rel = path.normalize(decoded).replace(/^([/\\])+/, '');
      let file = path.join(staticDir, rel);
      const inside =
        !path.relative(staticDir, file).startsWith('..') && !path.isAbsolute(path.relative(staticDir, file));
      if (!inside || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        file = path.join(staticDir, 'index.html');
      }
      if (!fs.existsSync(file)) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The renderer is not built: run `npm run build:renderer`.');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      fs.createReadStream(file).pipe(res);
    } catch (err) {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: (err as Error).message } });
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    ctx,
    close: () =>
      new Promise<void>((resolve) => {
        stopBackground();
        for (const l of listeners) l.end();
        server.close(() => {
          // Closes the ledger (the current connection: a restore may have reopened it) and frees the lock.
          ctx.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '0' },
      today: { type: 'string' },
      demo: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  const server = await startWebServer({
    dbPath: path.resolve(values.db ?? defaultDbPath()),
    port,
    ...(values.today ? { today: values.today } : {}),
    demo: values.demo,
  });
  const stop = () => void server.close().then(() => process.exit(0));
  // Before the ready line: whoever waits for it may stop us at once (closing the ledger, freeing its lock).
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`INCASSO_URL=${server.url}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
