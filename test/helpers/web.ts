/** A browser-mode server for the web tests: a fresh ledger in a temporary folder, a one-page static folder. */
import fs from 'node:fs';
import path from 'node:path';
import { startWebServer, type WebServer, type WebServerOptions } from '../../electron/web.ts';
import { tempDir } from './backend.ts';

export interface TestWebServer {
  server: WebServer;
  /** The temporary folder: the ledger at ledger.db, the static files under static/. */
  dir: string;
  /** Stops the server and removes the folder. */
  close: () => Promise<void>;
}

/**
 * Starts a server on a free port over `dir`/ledger.db, serving `dir`/static with an index.html
 * of this text; `opts` adds to the server's options.
 */
export async function startTestWebServer(
  prefix: string,
  opts: Omit<WebServerOptions, 'dbPath' | 'port' | 'staticDir'> = {},
  indexHtml = '<!doctype html><title>t</title>',
): Promise<TestWebServer> {
  const dir = tempDir(prefix);
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), indexHtml);
  const server = await startWebServer({ dbPath: path.join(dir, 'ledger.db'), port: 0, staticDir, ...opts });
  return {
    server,
    dir,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
