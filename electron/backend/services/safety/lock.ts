/**
 * One app process per ledger. The desktop app (Electron) and browser mode take `<ledger>.lock`
 * beside the file, holding the owner's pid, host and start time; a second app process on the same
 * ledger is refused with a message naming the first. Electron's own single-instance lock only
 * covers the desktop app of one user; this one also covers browser mode, another user account and
 * (best effort) another machine on a network share.
 *
 * The CLI takes no lock: it is meant to run beside the open app (an accountant's script) and waits
 * on SQLite's busy timeout instead. A lock left by a process that died (a crash, SIGKILL) is taken
 * over: the pid no longer runs on this host.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LockOwner {
  pid: number;
  host: string;
  mode: string;
  startedAt: string;
}

export class LedgerLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner
      ? `Incasso (${owner.mode}, pid ${owner.pid}${owner.host !== os.hostname() ? ` on ${owner.host}` : ''}, since ${owner.startedAt})`
      : 'another Incasso process';
    super(
      `The ledger is already open in ${who}. Use that window (or close it first). If no Incasso is running, delete ${lockFile}.`,
    );
    this.name = 'LedgerLockedError';
  }
}

export function lockFileFor(dbPath: string): string {
  return `${dbPath}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(file: string): LockOwner | null {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof raw.pid !== 'number' || typeof raw.host !== 'string') return null;
    return {
      pid: raw.pid,
      host: raw.host,
      mode: typeof raw.mode === 'string' ? raw.mode : 'app',
      startedAt: typeof raw.startedAt === 'string' ? raw.startedAt : '?',
    };
  } catch {
    return null;
  }
}

/** Whether the lock is held by a live process (another host counts as live: it cannot be checked). */
export function lockHeld(file: string): LockOwner | null {
  const owner = readLock(file);
  if (!owner) return null;
  if (owner.host === os.hostname() && !alive(owner.pid)) return null;
  return owner;
}

/** Takes the lock or throws LedgerLockedError; returns the release function. */
export function acquireLedgerLock(dbPath: string, mode: string): () => void {
  const file = lockFileFor(dbPath);
  // A first start: the ledger's folder may not exist yet (openLedger would create it next).
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const me: LockOwner = { pid: process.pid, host: os.hostname(), mode, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // Only our own lock: never remove one a later process took over.
        const now = readLock(file);
        if (now && now.pid === me.pid && now.host === me.host && now.startedAt === me.startedAt) {
          fs.rmSync(file, { force: true });
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readLock(file);
    if (owner === null) {
      // Being written this very moment, or garbage: look again once, then treat garbage as stale.
      if (attempt === 0) continue;
    } else if (owner.host !== os.hostname() || alive(owner.pid)) {
      throw new LedgerLockedError(file, owner);
    }
    // Stale: its process is gone.
    fs.rmSync(file, { force: true });
  }
  throw new LedgerLockedError(file, readLock(file));
}
