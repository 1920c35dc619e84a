/** CLI commands of the dunning engine: run, cases, worklist, tasks, policies. */
import fs from 'node:fs';
import { getUserByName } from '../../../db/queries/users.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { type Command, command } from './command.ts';

interface CaseOut {
  id: number;
  customerCode: string;
  status: string;
  policy: string;
  step: string | null;
  openedOn: string;
  closedOn: string | null;
  outcome: string | null;
  overdueCents: number;
  pausedReason: string | null;
}

const taskId = (raw: string | undefined): number => {
  if (!raw || !/^\d+$/.test(raw)) throw new AppError('VALIDATION', `Expected a task id, got "${raw ?? ''}"`);
  return Number(raw);
};

const centsArg = (raw: string | undefined, name: string): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw))
    throw new AppError('VALIDATION', `--${name} must be an integer number of cents, got "${raw}"`);
  return Number(raw);
};

export const DUNNING_COMMANDS: Record<string, Command> = {
  run: command({
    summary: "today's dunning run [--dry-run]",
    run: async ({ call, values }) => call('dunning.run', { dryRun: values['dry-run'] }),
    human: (c) => {
      return `Run of ${c.today}: ${c.casesOpened} cases opened, ${c.casesClosed} closed, ${c.casesPaused} paused, ${c.casesResumed} resumed; ${c.tasksCreated} tasks created, ${c.tasksCancelled} cancelled, ${c.tasksHeld} put on hold, ${c.tasksReleased} back from hold`;
    },
  }),
  cases: command({
    summary: 'cases [--status open|closed|all]',
    run: async ({ call, values }) => {
      const rows = await call('cases.list', { status: values.status ?? 'open' });
      return rows.map(({ customerName: _name, ...c }): CaseOut => c);
    },
  }),
  worklist: command({
    summary: "open tasks due by today [--user NAME] (everyone's without --user)",
    run: async ({ call, values, ctx }) => {
      let input: { all: boolean; assigneeId?: number; limit: number } = { all: true, limit: 200_000 };
      if (values.user) {
        const u = await getUserByName(ctx.db, values.user);
        if (!u) throw new AppError('NOT_FOUND', `No user named "${values.user}".`);
        input = { all: false, assigneeId: u.id, limit: 200_000 };
      }
      const { rows } = await call('worklist.list', input);
      return rows.map((t) => ({
        id: t.id,
        customerCode: t.customerCode,
        customerName: t.customerName,
        type: t.type,
        step: t.step,
        dueDate: t.dueDate,
        lateDays: t.lateDays,
        assignee: t.assignee,
        priority: t.priority,
        priorityFactors: t.priorityFactors,
        overdueCents: t.overdueCents,
      }));
    },
    human: (r) =>
      r
        .map(
          (t) =>
            `#${t.id} [${t.priority}] ${t.customerName} — ${t.step} (${t.type}) ${formatCents(t.overdueCents)}`,
        )
        .join('\n') || 'No tasks.',
  }),
  tasks: command({
    summary:
      'tasks complete ID --outcome O [--note T] [--promise-date D --promise-cents N] [--callback-date D] | tasks skip ID --reason T',
    run: async ({ call, args, values }) => {
      const [sub, id] = args;
      if (sub === 'complete') {
        const promiseCents = centsArg(values['promise-cents'], 'promise-cents');
        return call('tasks.complete', {
          id: taskId(id),
          outcome: values.outcome,
          ...(values.note !== undefined ? { note: values.note } : {}),
          ...(values['promise-date'] !== undefined ? { promiseDate: values['promise-date'] } : {}),
          ...(promiseCents !== undefined ? { promiseCents } : {}),
          ...(values['callback-date'] !== undefined ? { callbackDate: values['callback-date'] } : {}),
        });
      }
      if (sub === 'skip') return call('tasks.skip', { id: taskId(id), reason: values.reason ?? '' });
      throw new AppError('VALIDATION', 'Use `tasks complete ID --outcome O` or `tasks skip ID --reason T`.');
    },
  }),
  policies: command({
    summary: 'the policy set; `policies export FILE`, `policies import FILE` (replaces the set)',
    run: async ({ call, callAny, args, io }) => {
      const [sub, file] = args;
      if (sub === undefined) return call('policies.get', {});
      if (!file) throw new AppError('VALIDATION', `policies ${sub} needs a FILE`);
      if (sub === 'export') {
        const set = await call('policies.get', {});
        fs.writeFileSync(file, `${JSON.stringify(set, null, 2)}\n`);
        io.err(`Policies written to ${file}`);
        return set;
      }
      if (sub === 'import') {
        let data: unknown;
        try {
          data = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (err) {
          throw new AppError('VALIDATION', `${file}: not a readable JSON file (${(err as Error).message})`);
        }
        return callAny('policies.save', data);
      }
      throw new AppError('VALIDATION', `Unknown policies subcommand "${sub}"`);
    },
  }),
};
