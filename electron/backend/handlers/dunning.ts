import { latestStepNames, listCases, maxTaskId } from '../../../db/queries/dunning.ts';
import { withDryRun } from '../services/common/dry-run.ts';
import { runDay } from '../services/daily/run.ts';
import { loadPolicies, savePolicies } from '../services/dunning/policies.ts';
import { completeTask, logTaskContact, skipTask } from '../services/dunning/tasks.ts';
import { progress, worklist, worklistCountsOf, worklistPageOf } from '../services/dunning/worklist.ts';
import type { AreaHandlers } from './types.ts';

export const dunningHandlers: AreaHandlers<'dunning'> = {
  'dunning.run': async (input, call) => {
    const counts = await runDay(call.app.db, call.app.today(), { dryRun: input.dryRun, now: call.app.now() });
    call.audit = { entity: 'dunning_run', after: { ...counts, dryRun: input.dryRun } };
    return counts;
  },
};

export const casesHandlers: AreaHandlers<'cases'> = {
  'cases.list': async (input, { app }) => {
    const steps = await latestStepNames(app.db);
    return (await listCases(app.db, input.status)).map(({ c, customerCode, customerName }) => ({
      id: c.id,
      customerCode,
      customerName,
      status: c.status,
      policy: c.policyName,
      step: steps.get(c.id) ?? null,
      openedOn: c.openedOn,
      closedOn: c.closedOn,
      outcome: c.outcome,
      overdueCents: c.overdueCents,
      pausedReason: c.pausedReason,
    }));
  },
};

export const worklistHandlers: AreaHandlers<'worklist'> = {
  'worklist.list': async ({ all, assigneeId, limit, after, ...listing }, { app, user }) => {
    const today = app.today();
    const whose = all ? undefined : (assigneeId ?? user.id);
    return { today, ...(await worklistPageOf(app.db, today, whose, listing, limit, after)) };
  },
  'worklist.counts': async ({ all, assigneeId, ...filters }, { app, user }) => {
    const today = app.today();
    const whose = all ? undefined : (assigneeId ?? user.id);
    return { today, ...(await worklistCountsOf(app.db, today, whose, filters)) };
  },
  'worklist.progress': async (input, { app }) => ({
    today: app.today(),
    rows: await progress(app.db, app.today(), input.by),
  }),
};

export const tasksHandlers: AreaHandlers<'tasks'> = {
  'tasks.complete': async (input, call) => {
    const result = await completeTask(call.app.db, input, call.user.id, call.app.today());
    await logTaskContact(call.app.db, input.id, input, call.user.id, call.app.today());
    call.audit = { entity: 'task', entityId: input.id, after: { ...input, ...result } };
    return result;
  },
  'tasks.skip': async (input, call) => {
    const result = await skipTask(call.app.db, input.id, input.reason, call.user.id, call.app.today());
    call.audit = { entity: 'task', entityId: input.id, after: { reason: input.reason } };
    return result;
  },
};

export const policiesHandlers: AreaHandlers<'policies'> = {
  'policies.get': async (_input, { app }) => ({ policies: await loadPolicies(app.db) }),
  'policies.save': async (input, call) => {
    const before = { policies: await loadPolicies(call.app.db) };
    const saved = await savePolicies(call.app.db, input);
    call.audit = { entity: 'policies', before, after: saved };
    return saved;
  },
  // What today's run would create with this policy set: applied and run inside a transaction
  // that is always rolled back, so it is exactly what a real run would do.
  'policies.dryRun': async (input, { app }) =>
    await withDryRun(app.db, async (rollback) => {
      const before = await maxTaskId(app.db);
      await savePolicies(app.db, input);
      const today = app.today();
      const counts = await runDay(app.db, today, { now: app.now() });
      const created = (await worklist(app.db, today)).filter((t) => t.id > before);
      return rollback({ counts, tasks: created });
    }),
};
