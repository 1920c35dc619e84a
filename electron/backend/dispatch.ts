/**
 * The single entry point of the backend: validate -> authorize -> handler -> audit -> envelope.
 * Both transports (Electron IPC and browser-mode HTTP) and the CLI call `dispatch`.
 */
import { ZodError } from 'zod';
import { writeAudit } from '../../db/queries/audit.ts';
import { getUser } from '../../db/queries/users.ts';
import { contract, type MethodName } from '../../shared/api/contract.ts';
import { type ApiResult, AppError, type ErrorIssue } from '../../shared/api/errors.ts';
import { roleAllows } from '../../shared/api/roles.ts';
import type { BackendContext, CallContext } from './context.ts';
import { handlers } from './handlers/index.ts';
import { assertLedgerUsable, recoveryUserId } from './services/safety/health.ts';

export interface Request {
  method: string;
  input?: unknown;
  /** The acting user, chosen in the UI (or --user in the CLI). */
  userId?: number;
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

/** Removes bulky or secret fields from what the audit log keeps of an input. */
function auditableInput(input: unknown): unknown {
  if (input && typeof input === 'object' && 'dataBase64' in input) {
    const { dataBase64: _omit, ...rest } = input as Record<string, unknown>;
    return rest;
  }
  return input;
}

export async function dispatch(app: BackendContext, req: Request): Promise<ApiResult<unknown>> {
  try {
    if (!isMethod(req.method)) throw new AppError('UNKNOWN_METHOD', `Unknown method: ${req.method}`);
    const def = contract[req.method];
    // A damaged ledger answers only the recovery methods; a restore in progress, none.
    assertLedgerUsable(app, req.method);
    const userId = recoveryUserId(app) ?? req.userId;
    const user = typeof userId === 'number' ? getUser(app.db, userId) : null;
    if (!user?.active) throw new AppError('UNAUTHENTICATED', 'No current user: choose a user first.');
    // The role first: a caller who may not use a method learns nothing from its validation.
    if (!roleAllows(def.roles, user.role)) {
      throw new AppError('FORBIDDEN', `${req.method} is not allowed for the role ${user.role}.`);
    }

    const parsed = def.input.safeParse(req.input ?? {});
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      throw new AppError(
        'VALIDATION',
        `Invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        {
          issues,
        },
      );
    }

    const jobId = req.job;
    const controller = new AbortController();
    if (jobId) app.jobs.set(jobId, controller);
    const call: CallContext = {
      app,
      user,
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
        result = app.db.transaction(
          () => {
            const out = handler(parsed.data, call);
            if (out instanceof Promise) throw new Error(`${req.method}: a mutation must be synchronous`);
            writeAudit(app.db, {
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
      return { ok: true, data: out.data };
    } finally {
      if (jobId) app.jobs.delete(jobId);
    }
  } catch (err) {
    return toError(err);
  }
}
