/**
 * The single entry point of the backend: validate -> authorize -> handler -> audit -> envelope.
 * Both transports (Electron IPC and browser-mode HTTP) and the CLI call `dispatch`.
 */
import { ZodError } from 'zod';
import { writeAudit } from '../../db/queries/audit.ts';
import { getUser, type UserRecord } from '../../db/queries/users.ts';
import { inTransaction } from '../../db/transaction.ts';
import { contract, type MethodName } from '../../shared/api/contract.ts';
import { isPublicMethod } from '../../shared/api/contracts/auth.ts';
import { type ApiResult, AppError, type ErrorIssue } from '../../shared/api/errors.ts';
import { roleAllows } from '../../shared/api/roles.ts';
import type { BackendContext, CallContext, PublicCallContext } from './context.ts';
import { handlers } from './handlers/index.ts';
import type { SessionBinding } from './services/auth/sessions.ts';
import { assertLedgerUsable, recoveryUserId } from './services/safety/health.ts';

export interface Request {
  method: string;
  input?: unknown;
  /**
   * A user the caller has already authenticated: the CLI after its password or OS-account check,
   * in-process callers and tests ("a session already established"). The HTTP and IPC transports
   * never set it: their caller is whoever `session` says.
   */
  userId?: number;
  /** The transport's session (browser mode, desktop): the source of the caller's user and role. */
  session?: SessionBinding;
  /** Client-chosen id for a long job: progress events carry it and `jobs.cancel` targets it. */
  job?: string;
}

export function isMethod(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

function zodIssues(err: ZodError): ErrorIssue[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
}

function toError(err: unknown): Extract<ApiResult<never>, { ok: false }> {
  if (err instanceof AppError) {
    return {
      ok: false,
      error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) },
    };
  }
  if (err instanceof ZodError) {
    const issues = zodIssues(err);
    return {
      ok: false,
      error: {
        code: 'VALIDATION',
        message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
        details: { issues },
      },
    };
  }
  // Never leak a stack trace to the user; keep it in the process log.
  console.error(err);
  return {
    ok: false,
    error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) },
  };
}

/** Removes bulky or secret fields (file data, any password) from what the audit log keeps of an input. */
export function auditableInput(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  return Object.fromEntries(
    Object.entries(input as Record<string, unknown>).filter(
      ([k]) => k !== 'dataBase64' && !/password|secret/i.test(k),
    ),
  );
}

async function runPublic(
  app: BackendContext,
  method: MethodName,
  user: UserRecord | null,
  req: Request,
): Promise<ApiResult<unknown>> {
  const def = contract[method];
  const parsed = def.input.safeParse(req.input ?? {});
  if (!parsed.success) throw invalid(parsed.error);
  const handler = handlers[method] as (input: unknown, call: PublicCallContext) => unknown;
  const result = await handler(parsed.data, {
    app,
    user,
    session: req.session,
    transport: req.session?.transport ?? app.mode,
  });
  const out = def.output.safeParse(result);
  if (!out.success)
    throw new AppError('INTERNAL', `${method} returned data outside the contract: ${out.error.message}`);
  return { ok: true, data: out.data };
}

function invalid(err: ZodError): AppError {
  const issues = zodIssues(err);
  return new AppError(
    'VALIDATION',
    `Invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    {
      issues,
    },
  );
}

function assertRole(method: MethodName, user: UserRecord): void {
  if (!roleAllows(contract[method].roles, user.role)) {
    throw new AppError('FORBIDDEN', `${method} is not allowed for the role ${user.role}.`);
  }
}

/**
 * The dispatcher's checks (ledger state, role) for work a caller does on files outside the
 * contract's inputs under the name of a contract method: the CLI's `restore FILE`,
 * `backup --out DIR`, `verify FILE` go through here first.
 */
export async function authorize(
  app: BackendContext,
  method: MethodName,
  userId: number,
): Promise<UserRecord> {
  assertLedgerUsable(app, method);
  const found = await getUser(app.db, (await recoveryUserId(app)) ?? userId);
  if (!found?.active) throw new AppError('UNAUTHENTICATED', 'Not signed in: sign in first.');
  assertRole(method, found);
  return found;
}

/** A mutation asked to run and roll back (`dryRun: true`, as the CLI's --dry-run). */
function isDryRun(input: unknown): boolean {
  return typeof input === 'object' && input !== null && 'dryRun' in input && input.dryRun === true;
}

export async function dispatch(app: BackendContext, req: Request): Promise<ApiResult<unknown>> {
  try {
    if (!isMethod(req.method)) throw new AppError('UNKNOWN_METHOD', `Unknown method: ${req.method}`);
    const def = contract[req.method];
    const open = isPublicMethod(req.method);
    // A damaged ledger answers only the recovery methods (and the sign-in screen's status); a
    // restore in progress, none.
    if (!open || app.health.state === 'restoring') assertLedgerUsable(app, req.method);
    // Who calls: never the request's word. The stand-in admin of recovery mode, a user the caller
    // authenticated itself (CLI), or the transport's session.
    const userId = (await recoveryUserId(app)) ?? req.userId ?? (await req.session?.userId()) ?? null;
    const found = userId === null ? null : await getUser(app.db, userId);
    const user = found?.active ? found : null;
    if (open) return await runPublic(app, req.method, user, req);
    if (!user)
      throw new AppError('UNAUTHENTICATED', 'Not signed in (or the session expired): sign in first.');
    // The role first: a caller who may not use a method learns nothing from its validation.
    assertRole(req.method, user);

    const parsed = def.input.safeParse(req.input ?? {});
    if (!parsed.success) throw invalid(parsed.error);

    const jobId = req.job;
    const controller = new AbortController();
    if (jobId) app.jobs.set(jobId, controller);
    const call: CallContext = {
      app,
      user,
      session: req.session,
      audit: {},
      signal: controller.signal,
      progress: (phase, done, total) => {
        if (jobId) app.emit({ type: 'job', job: jobId, phase, done, total });
      },
    };
    const handler = handlers[req.method] as (input: unknown, call: CallContext) => unknown;
    try {
      let result: unknown;
      if (def.mutation && !('job' in def && def.job)) {
        // One transaction: the change and its audit row land together or not at all.
        // IMMEDIATE: the write lock is taken (waiting on the busy timeout) before anything is read,
        // so a CLI run beside the open app waits its turn instead of failing on a stale snapshot.
        result = await inTransaction(
          app.db,
          async () => {
            const out = await handler(parsed.data, call);
            await writeAudit(app.db, {
              at: app.now(),
              userId: user.id,
              userName: user.name,
              action: req.method,
              entity: call.audit.entity ?? null,
              entityId: call.audit.entityId ?? null,
              before: call.audit.before,
              after: call.audit.after ?? auditableInput(parsed.data),
            });
            return out;
          },
          { behavior: 'immediate' },
        );
      } else {
        // Jobs write their own audit row inside their own transaction (see services).
        result = await handler(parsed.data, call);
      }
      const out = def.output.safeParse(result);
      if (!out.success) {
        throw new AppError(
          'INTERNAL',
          `${req.method} returned data outside the contract: ${out.error.message}`,
        );
      }
      // Committed: the other users' worklists read again (the caller refreshes its own page). A dry
      // run commits nothing: nothing to tell.
      if (def.mutation && !isDryRun(parsed.data))
        app.emit({ type: 'ledger-written', method: req.method, userId: user.id });
      return { ok: true, data: out.data };
    } finally {
      if (jobId) app.jobs.delete(jobId);
    }
  } catch (err) {
    return toError(err);
  }
}
