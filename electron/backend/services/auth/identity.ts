/**
 * Who the caller is: signing in with a password, the first-run admin, the OS account mapping the
 * CLI uses, and the sign-in state the sign-in screen shows. Transports hold the session
 * (sessions.ts); this file decides whether to open one.
 */
import os from 'node:os';
import { writeAudit } from '../../../../db/queries/audit.ts';
import { getSetting } from '../../../../db/queries/settings.ts';
import {
  credentialState,
  getOsAccount,
  getPasswordHash,
  getUser,
  getUserByName,
  getUserByOsAccount,
  listUsers,
  renameUser,
  setOsAccount,
  setPasswordHash,
  type UserRecord,
} from '../../../../db/queries/users.ts';
import { inTransaction } from '../../../../db/transaction.ts';
import type { SessionStatus } from '../../../../shared/api/contracts/auth.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { BackendContext, Transport } from '../../context.ts';
import { readSetting } from '../settings/store.ts';
import {
  checkPasswordStrength,
  DEFAULT_SCRYPT_COST,
  dummyVerify,
  hashPassword,
  verifyPassword,
} from './password.ts';
import {
  AttemptLimiter,
  type AuthClock,
  type AuthState,
  type SessionBinding,
  SessionStore,
} from './sessions.ts';

export interface AuthOptions {
  /** Operational clock in ms (session idle time, wrong-password waits); real time by default. */
  clock?: AuthClock;
  /** scrypt cost of new hashes (tests may choose a cheaper one; the product keeps the default). */
  scrypt?: { N: number; r: number; p: number };
}

export function createAuthState(getCtx: () => BackendContext, opts: AuthOptions = {}): AuthState {
  // Operational time, not a business date: the injected business clock does not apply here.
  const clock = opts.clock ?? { nowMs: () => Date.now() };
  return {
    clock,
    sessions: new SessionStore(clock, async () => (await idleMinutes(getCtx())) * 60_000),
    limiter: new AttemptLimiter(clock),
    scrypt: opts.scrypt ?? DEFAULT_SCRYPT_COST,
    demoUserId: null,
  };
}

export async function idleMinutes(ctx: BackendContext): Promise<number> {
  if (ctx.health.state === 'damaged') return 30;
  return Number(await readSetting(ctx.db, 'auth.idleMinutes'));
}

/** The OS account running this process (the CLI's identity when an admin mapped it to a user). */
export function currentOsAccount(): string | null {
  try {
    return os.userInfo().username || null;
  } catch {
    return null;
  }
}

export async function sessionStatus(ctx: BackendContext, user: UserRecord | null): Promise<SessionStatus> {
  const damaged = ctx.health.state === 'damaged';
  const firstAdmin = (await listUsers(ctx.db)).find((u) => u.role === 'admin' && u.active) ?? null;
  return {
    signedIn: user !== null,
    user,
    firstRun: !damaged && !(await credentialState(ctx.db)).adminWithPassword,
    firstAdminName: firstAdmin?.name ?? null,
    ledgerDamaged: damaged,
    idleMinutes: await idleMinutes(ctx),
  };
}

async function audit(
  ctx: BackendContext,
  user: { id: number; name: string } | null,
  action: string,
  after: unknown,
  entityId?: number,
  userName?: string,
): Promise<void> {
  await writeAudit(ctx.db, {
    at: ctx.now(),
    userId: user?.id ?? null,
    userName: userName ?? user?.name ?? 'system',
    action,
    entity: 'user',
    entityId: entityId ?? user?.id ?? null,
    after,
  });
}

function refuseWhileDamaged(ctx: BackendContext): void {
  if (ctx.health.state !== 'ok') {
    throw new AppError('CONFLICT', 'The ledger is not usable now: signing in waits for it.');
  }
}

/**
 * Checks a name and password. Wrong answers are slowed down per name and transport; the same
 * message whether the name or the password was wrong. Every attempt is audited (never the password).
 */
export async function authenticate(
  ctx: BackendContext,
  transport: Transport,
  name: string,
  password: string,
): Promise<UserRecord> {
  refuseWhileDamaged(ctx);
  const key = AttemptLimiter.key(transport, name);
  ctx.auth.limiter.check(key);
  const user = await getUserByName(ctx.db, name.trim());
  const hash = user?.active ? await getPasswordHash(ctx.db, user.id) : null;
  const ok = hash ? await verifyPassword(password, hash) : await dummyVerify(password, ctx.auth.scrypt);
  if (!ok || !user) {
    ctx.auth.limiter.fail(key);
    await inTransaction(
      ctx.db,
      async () =>
        await audit(
          ctx,
          null,
          'session.signInFailed',
          { name: name.trim(), transport },
          user?.id,
          `${name.trim()} (?)`,
        ),
    );
    throw new AppError('UNAUTHENTICATED', 'Wrong user name or password.');
  }
  ctx.auth.limiter.succeed(key);
  return user;
}

export async function signIn(
  ctx: BackendContext,
  session: SessionBinding | undefined,
  transport: Transport,
  name: string,
  password: string,
): Promise<SessionStatus> {
  if (!session) throw new AppError('CONFLICT', 'This transport has no sessions: pass the user instead.');
  const user = await authenticate(ctx, transport, name, password);
  session.begin(user.id);
  await inTransaction(ctx.db, async () => await audit(ctx, user, 'session.signIn', { transport }));
  return await sessionStatus(ctx, user);
}

export async function signOut(
  ctx: BackendContext,
  session: SessionBinding | undefined,
  user: UserRecord | null,
): Promise<SessionStatus> {
  if (session) session.end();
  if (user && ctx.health.state === 'ok')
    await inTransaction(
      ctx.db,
      async () => await audit(ctx, user, 'session.signOut', { transport: session?.transport ?? null }),
    );
  return await sessionStatus(ctx, null);
}

/**
 * The first start: no admin has a password yet. Gives the first admin its name and password and
 * signs in. Refused once an admin can sign in (from then on, only the admin sets passwords).
 */
export async function setupFirstAdmin(
  ctx: BackendContext,
  session: SessionBinding | undefined,
  name: string,
  password: string,
): Promise<SessionStatus> {
  refuseWhileDamaged(ctx);
  checkPasswordStrength(password);
  const hash = await hashPassword(password, ctx.auth.scrypt);
  const admin = await inTransaction(
    ctx.db,
    async () => {
      if ((await credentialState(ctx.db)).adminWithPassword) {
        throw new AppError('CONFLICT', 'The administrator already has a password: sign in instead.');
      }
      const first = (await listUsers(ctx.db)).find((u) => u.role === 'admin' && u.active);
      if (!first) throw new AppError('CONFLICT', 'The ledger has no active admin.');
      const wanted = name.trim();
      if (wanted !== first.name) {
        const other = await getUserByName(ctx.db, wanted);
        if (other) throw new AppError('CONFLICT', `A user named "${wanted}" already exists.`);
        await renameUser(ctx.db, first.id, wanted);
      }
      await setPasswordHash(ctx.db, first.id, hash);
      const renamed = { ...first, name: wanted };
      await audit(ctx, renamed, 'session.setup', { name: wanted, password: 'set' });
      return renamed;
    },
    { behavior: 'immediate' },
  );
  ctx.auth.sessions.endUser(admin.id);
  session?.begin(admin.id);
  return await sessionStatus(ctx, session ? admin : null);
}

/** Sets (null: removes) a user's password, ending their other sessions; audited without the password. */
export async function setUserPassword(
  ctx: BackendContext,
  actor: UserRecord,
  userId: number,
  password: string | null,
  keepSession: SessionBinding | undefined,
  action = 'users.setPassword',
): Promise<boolean> {
  if (password !== null) checkPasswordStrength(password);
  const hash = password === null ? null : await hashPassword(password, ctx.auth.scrypt);
  await inTransaction(
    ctx.db,
    async () => {
      const target = await getUser(ctx.db, userId);
      if (!target) throw new AppError('NOT_FOUND', `No user with id ${userId}.`);
      await setPasswordHash(ctx.db, userId, hash);
      await audit(ctx, actor, action, { password: hash === null ? 'removed' : 'set' }, userId);
    },
    { behavior: 'immediate' },
  );
  // Whoever knew the old password is out (except the session that made the change).
  ctx.auth.sessions.endUser(userId);
  if (keepSession && userId === actor.id) keepSession.begin(userId);
  return hash !== null;
}

export async function changeOwnPassword(
  ctx: BackendContext,
  user: UserRecord,
  session: SessionBinding | undefined,
  transport: Transport,
  current: string,
  next: string,
): Promise<void> {
  checkPasswordStrength(next, 'newPassword');
  await authenticate(ctx, transport, user.name, current);
  await setUserPassword(ctx, user, user.id, next, session, 'session.changePassword');
}

export async function mapOsAccount(
  ctx: BackendContext,
  userId: number,
  account: string | null,
): Promise<UserRecord> {
  const target = await getUser(ctx.db, userId);
  if (!target) throw new AppError('NOT_FOUND', `No user with id ${userId}.`);
  if (account !== null) {
    const holder = await getUserByOsAccount(ctx.db, account);
    if (holder && holder.id !== userId)
      throw new AppError('CONFLICT', `The OS account "${account}" is already mapped to ${holder.name}.`);
  }
  await setOsAccount(ctx.db, userId, account);
  return target;
}

/**
 * A ledger nobody has secured yet (a new one, or one from before sign-in existed): its first admin
 * is mapped to the OS account that opened it, so that account's scripts keep working with no
 * prompt. Once any password or mapping exists this does nothing.
 */
export async function ensureOsMapping(ctx: BackendContext): Promise<void> {
  const account = currentOsAccount();
  if (!account) return;
  await inTransaction(ctx.db, async () => {
    if ((await credentialState(ctx.db)).secured || (await getUserByOsAccount(ctx.db, account))) return;
    const admin = (await listUsers(ctx.db)).find((u) => u.role === 'admin' && u.active);
    if (!admin) return;
    await setOsAccount(ctx.db, admin.id, account);
    await audit(ctx, null, 'users.mapOsAccount', { osAccount: account }, admin.id);
  });
}

export interface CliIdentity {
  /** --user NAME */
  name?: string | undefined;
  /** INCASSO_PASSWORD */
  password?: string | undefined;
  /** Asks for the password on the terminal; absent when stdin is not a terminal. */
  prompt?: ((question: string) => Promise<string>) | undefined;
  osAccount?: string | null;
}

/**
 * The CLI's user: `--user NAME` with that user's password (INCASSO_PASSWORD or a prompt on a
 * terminal), or with no --user the user mapped to the OS account. `--user` naming the OS account's
 * own mapped user needs no password either.
 */
export async function resolveCliUser(ctx: BackendContext, who: CliIdentity): Promise<UserRecord> {
  const account = who.osAccount === undefined ? currentOsAccount() : who.osAccount;
  const mapped = account ? await getUserByOsAccount(ctx.db, account) : null;
  if (ctx.health.state === 'damaged') {
    // The real users are in the damaged file: the recovery commands act as the stand-in admin.
    const admin = (await listUsers(ctx.db)).find((u) => u.role === 'admin' && u.active);
    if (!admin) throw new AppError('UNAUTHENTICATED', 'The ledger has no active admin.');
    return admin;
  }
  if (who.name === undefined) {
    if (mapped?.active) return mapped;
    throw new AppError(
      'UNAUTHENTICATED',
      `No Incasso user is mapped to the OS account "${account ?? '?'}": pass --user NAME (password from INCASSO_PASSWORD or the terminal).`,
    );
  }
  if (mapped?.active && mapped.name === who.name.trim()) return mapped;
  let password = who.password;
  if (password === undefined) {
    if (!who.prompt) {
      throw new AppError(
        'UNAUTHENTICATED',
        `--user ${who.name} needs that user's password: set INCASSO_PASSWORD (no terminal to ask on).`,
      );
    }
    password = await who.prompt(`Password for ${who.name}: `);
  }
  try {
    return await authenticate(ctx, 'cli', who.name, password);
  } catch (err) {
    // Each CLI run is a new process (the limiter's count starts again): a wrong password costs a
    // second before the answer, so a script cannot guess fast. Operational time, not business time.
    if (err instanceof AppError && err.code === 'UNAUTHENTICATED') {
      await new Promise((resolve) => setTimeout(resolve, CLI_WRONG_PASSWORD_DELAY_MS));
    }
    throw err;
  }
}

export const CLI_WRONG_PASSWORD_DELAY_MS = 1000;

export async function osAccountOf(ctx: BackendContext, userId: number): Promise<string | null> {
  return await getOsAccount(ctx.db, userId);
}

/** Set by the demo company's fill: this ledger is the demo's own (services/demo.ts). */
export const DEMO_LEDGER_SETTING = 'demo.ledger';

/**
 * `web --demo` (and the desktop's demo start) on the demo's own ledger: clients with no session are
 * signed in as the demo's admin when the sign-in screen asks, so demos need no password. A real
 * ledger is never affected: it was not filled by the demo. Nor is a demo where an administrator
 * chose a password: a password means somebody wants the sign-in (it may be the user's own ledger,
 * filled with the demo in place and then secured).
 */
export async function enableDemoSignIn(ctx: BackendContext): Promise<void> {
  if (ctx.health.state !== 'ok' || (await getSetting<boolean>(ctx.db, DEMO_LEDGER_SETTING, false)) !== true)
    return;
  if ((await credentialState(ctx.db)).adminWithPassword) return;
  ctx.auth.demoUserId = (await listUsers(ctx.db)).find((u) => u.role === 'admin' && u.active)?.id ?? null;
}

/** The sign-in screen's question; the demo's ledger answers it by signing the client in. */
export async function statusFor(
  ctx: BackendContext,
  user: UserRecord | null,
  session: SessionBinding | undefined,
): Promise<SessionStatus> {
  // Asked at each call: a password set during the session ends the demo's sign-in for new sessions.
  if (
    !user &&
    session &&
    ctx.auth.demoUserId !== null &&
    !(await credentialState(ctx.db)).adminWithPassword
  ) {
    const demo = await getUser(ctx.db, ctx.auth.demoUserId);
    if (demo?.active) {
      session.begin(demo.id);
      return await sessionStatus(ctx, demo);
    }
  }
  return await sessionStatus(ctx, user);
}
