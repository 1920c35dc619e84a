/**
 * A throw-away PostgreSQL cluster for tests of the team edition: initdb in a temporary folder,
 * started on a free loopback port (no TCP beyond 127.0.0.1, its socket in the same folder), one
 * database per test file, removed with everything in it by stop(). Debian's `postgresql` package
 * provides the binaries (.ci/run installs it).
 *
 * PostgreSQL refuses to run as root, and CI runs as root: then initdb and the server run as the
 * unprivileged `postgres` user (runuser), in a folder handed over to it.
 *
 * Usage, per test file:
 *   let pg: PgCluster;
 *   beforeAll(async () => { pg = await startPgCluster('parity'); });
 *   afterAll(() => pg?.stop());
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PgCluster {
  /** postgres://incasso@127.0.0.1:PORT/<database>: the database created for this test file. */
  url: string;
  port: number;
  /** Another empty database on the same cluster; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server at once and deletes its folder; safe to call twice. */
  stop(): void;
}

const USER = 'incasso';

/** The newest PostgreSQL installed the Debian way, or INCASSO_PG_BIN, or pg_config's answer. */
function binDir(): string {
  const fromEnv = process.env.INCASSO_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin');
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'PostgreSQL is not installed: the team-edition tests need initdb and pg_ctl (Debian: apt-get install postgresql; or set INCASSO_PG_BIN).',
    );
  }
}

/** uid and gid of the `postgres` account (created by Debian's package). */
function postgresAccount(): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error('Running as root and there is no `postgres` account to run PostgreSQL as.');
  }
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPgCluster(database: string): Promise<PgCluster> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incasso-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  if (asRoot) {
    const { uid, gid } = postgresAccount();
    fs.chownSync(dir, uid, gid);
  }
  /** Runs a PostgreSQL tool, as `postgres` when we are root. */
  const run = (tool: string, args: string[]): void => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
      : [path.join(bin, tool), args];
    execFileSync(file, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: dir,
      env: { ...process.env, LC_ALL: 'C' },
    });
  };

  let running = false;
  let removed = false;
  const stop = (): void => {
    if (removed) return;
    removed = true;
    process.off('exit', stop);
    try {
      if (running) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test run that ends without afterAll (a crash, ^C) must not leave a server behind.
  process.on('exit', stop);

  try {
    // C locale: text sorts byte by byte, as SQLite's BINARY collation does; trust on loopback only;
    // no fsync: the cluster is thrown away.
    run('initdb', ['-D', data, '-A', 'trust', '-U', USER, '-E', 'UTF8', '--locale=C', '--no-sync']);
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        run('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
        running = true;
        break;
      } catch (err) {
        // Another process may have taken the port between freePort() and the server's bind.
        if (attempt >= 3) {
          const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '';
          throw new Error(`pg_ctl start failed: ${(err as Error).message}\n${tail}`);
        }
      }
    }

    const base = `postgres://${USER}@127.0.0.1:${port}`;
    const createDatabase = async (name: string): Promise<string> => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
      const admin = new pg.Client({ connectionString: `${base}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      return `${base}/${name}`;
    };
    const url = await createDatabase(database);
    return { url, port, createDatabase, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

/** The PostgreSQL migrations the product ships, in order (db/pg/migrations/meta/_journal.json). */
export function pgMigrationTags(): string[] {
  const journal = path.join(
    import.meta.dirname,
    '..',
    '..',
    'db',
    'pg',
    'migrations',
    'meta',
    '_journal.json',
  );
  return (JSON.parse(fs.readFileSync(journal, 'utf8')) as { entries: { tag: string }[] }).entries.map(
    (e) => e.tag,
  );
}

/**
 * The clients a test file opens on the cluster's databases: `connect` opens one and keeps it,
 * `endAll` (in afterAll) ends every one kept, a client already gone included.
 */
export function pgClients(): { connect: (url: string) => Promise<pg.Client>; endAll: () => Promise<void> } {
  const open: pg.Client[] = [];
  return {
    async connect(url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      open.push(client);
      return client;
    },
    async endAll() {
      for (const c of open) await c.end().catch(() => {});
    },
  };
}
