/**
 * Who is signed in, kept on the server side: the browser-mode server and the desktop main process
 * hold a session id per client; the dispatcher takes the caller's user (hence role) from it, never
 * from the request. Sessions end on sign-out, on a new sign-in, and after a configurable idle time.
 *
 * Wrong passwords are slowed down per user name and transport: after a few free attempts each
 * further failure doubles the wait (1 s, 2 s, 4 s… up to 15 min), during which sign-in is refused
 * without even checking the password.
 *
 * The clock is operational time (milliseconds), injected: tests move it by hand.
 */
import crypto from 'node:crypto';
import { AppError } from '../../../../shared/api/errors.ts';

/** Who carries the calls: the desktop app, the browser-mode server or the command line. */
export type Transport = 'electron' | 'browser' | 'cli';

export interface SessionBinding {
  readonly transport: Transport;
  /** The signed-in user's id while the session is valid (each call counts as activity), else null. */
  userId(): Promise<number | null>;
  /** Signs this client in as the user (a new session id; the previous one ends). */
  begin(userId: number): void;
  /** Signs this client out. */
  end(): void;
}

interface Entry {
  userId: number;
  lastSeen: number;
}

export interface AuthClock {
  nowMs: () => number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Entry>();

  constructor(
    private readonly clock: AuthClock,
    /** The inactivity after which a session ends (read at each call: an admin may change it). */
    private readonly idleMs: () => number | Promise<number>,
  ) {}

  create(userId: number): string {
    const id = crypto.randomBytes(32).toString('base64url');
    this.sessions.set(id, { userId, lastSeen: this.clock.nowMs() });
    return id;
  }

  /** The session's user, touching it; null (and forgotten) when unknown or idle too long. */
  async get(id: string | null | undefined): Promise<number | null> {
    if (!id) return null;
    const entry = this.sessions.get(id);
    if (!entry) return null;
    const idleMs = await this.idleMs();
    // Ended meanwhile (a sign-out, a password change): the session is gone, whatever it was before.
    if (this.sessions.get(id) !== entry) return null;
    const now = this.clock.nowMs();
    if (now - entry.lastSeen > idleMs) {
      this.sessions.delete(id);
      return null;
    }
    entry.lastSeen = now;
    return entry.userId;
  }

  delete(id: string | null | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** Ends every session of a user except `keep` (a password change, a deactivation). */
  endUser(userId: number, keep?: string | null): void {
    for (const [id, e] of this.sessions) if (e.userId === userId && id !== keep) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}

export const FREE_ATTEMPTS = 3;
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 15 * 60 * 1000;

interface Failures {
  count: number;
  until: number;
}

export class AttemptLimiter {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly clock: AuthClock) {}

  static key(transport: Transport, name: string): string {
    return `${transport}:${name.trim().toLowerCase()}`;
  }

  /** Refuses while the key waits after too many wrong passwords. */
  check(key: string): void {
    const f = this.failures.get(key);
    const wait = f ? f.until - this.clock.nowMs() : 0;
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new AppError('RATE_LIMITED', `Too many wrong passwords: try again in ${seconds} s.`, {
        retryAfterSeconds: seconds,
      });
    }
  }

  fail(key: string): void {
    const count = (this.failures.get(key)?.count ?? 0) + 1;
    const over = count - FREE_ATTEMPTS;
    const wait = over <= 0 ? 0 : Math.min(FIRST_WAIT_MS * 2 ** (over - 1), MAX_WAIT_MS);
    this.failures.set(key, { count, until: this.clock.nowMs() + wait });
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}

/** The sign-in state of one backend process (one per transport process). */
export interface AuthState {
  sessions: SessionStore;
  limiter: AttemptLimiter;
  clock: AuthClock;
  scrypt: { N: number; r: number; p: number };
  /** Browser mode on the demo's own ledger (`web --demo`): clients start signed in as this user. */
  demoUserId: number | null;
}

/** A binding over one session id held by the caller (the desktop window, a test). */
export function heldSession(
  auth: AuthState,
  transport: Transport,
): SessionBinding & { id: () => string | null } {
  let id: string | null = null;
  return {
    transport,
    id: () => id,
    userId: async () => {
      const asked = id;
      const user = await auth.sessions.get(asked);
      // Forgotten only if it is still the one asked about (a sign-in meanwhile began another).
      if (user === null && id === asked) id = null;
      return user;
    },
    begin: (userId) => {
      auth.sessions.delete(id);
      id = auth.sessions.create(userId);
    },
    end: () => {
      auth.sessions.delete(id);
      id = null;
    },
  };
}
