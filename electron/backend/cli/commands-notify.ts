/** CLI commands of the notifications: the salespeople list, `notify preview` and `notify send` (CLI.md). */
import type { DigestPreview } from '../../../shared/api/contracts/notify.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { type Command, command } from './command.ts';

interface SalespersonOut {
  name: string;
  email: string | null;
  language: string;
  customers: number;
}

/** The documented shape of `notify preview --json`, in its order. */
const previewShape = (d: DigestPreview) => ({
  to: d.to,
  role: d.role,
  email: d.email,
  customers: d.customers.map((c) => ({
    code: c.code,
    name: c.name,
    overdueCents: c.overdueCents,
    step: c.step,
    nextAction: c.nextAction,
    asked: c.asked,
  })),
  alerts: d.alerts.map((a) => ({
    kind: a.kind,
    customerCode: a.customerCode,
    reason: a.reason,
    urgent: a.urgent,
  })),
  nothingNew: d.nothingNew,
});

export const NOTIFY_COMMANDS: Record<string, Command> = {
  salespeople: command({
    summary:
      'the salespeople (from the imports) and their e-mail; `salespeople set NAME --email E [--language it|en]`',
    run: async ({ call, args, values }) => {
      const [sub, name] = args;
      if (sub === undefined) return call('salespeople.list', {});
      if (sub !== 'set') throw new AppError('VALIDATION', `Unknown salespeople command "${sub}" (set).`);
      if (!name) throw new AppError('VALIDATION', 'Missing the salesperson NAME.');
      return call('salespeople.set', {
        name,
        email: values.email === undefined || values.email === '' ? null : values.email,
        ...(values.language ? { language: values.language } : {}),
      });
    },
    human: (r) => {
      const list: SalespersonOut[] = Array.isArray(r) ? r : [r];
      if (!list.length) return 'No salespeople yet: they come with the customers of an import.';
      return list
        .map(
          (s) =>
            `${s.name.padEnd(28)} ${(s.email ?? '— no e-mail').padEnd(34)} ${s.language}  ${s.customers} customers`,
        )
        .join('\n');
    },
  }),
  notify: command({
    summary:
      'digests and alerts: `notify preview [--to NAME]` (what would be sent), `notify send [--to NAME]`',
    run: async ({ call, args, values }) => {
      const [sub] = args;
      const to = values.to ? { to: values.to } : {};
      if (sub === 'preview') return (await call('notify.preview', to)).map(previewShape);
      if (sub === 'send') return call('notify.send', { ...to, now: true });
      throw new AppError('VALIDATION', `Unknown notify command "${sub ?? ''}" (preview, send).`);
    },
    human: (r) => {
      if (Array.isArray(r)) {
        const list = r;
        if (!list.length) return 'Nobody to notify.';
        return list
          .map((d) => {
            const head = `${d.role} ${d.to} <${d.email ?? 'no e-mail'}>: ${d.customers.length} customers, ${d.alerts.length} alerts${d.nothingNew ? ' (nothing new: not sent)' : ''}`;
            return [
              head,
              ...d.customers
                .slice(0, 20)
                .map(
                  (c) =>
                    `  ${c.code} ${c.name} ${formatCents(c.overdueCents)}${c.asked.length ? ` – ${c.asked.join('; ')}` : ''}`,
                ),
              ...d.alerts.map((a) => `  ! ${a.customerCode}: ${a.reason}${a.urgent ? ' (urgent)' : ''}`),
            ].join('\n');
          })
          .join('\n');
      }
      const s = r;
      return [
        `${s.today}: ${s.sent.length} sent, ${s.failed.length} failed, ${s.skipped.length} skipped; ${s.newAlerts} new alerts`,
        ...s.sent.map(
          (m) =>
            `  sent ${m.kind} to ${m.role} ${m.to} <${m.email}> (${m.customers} customers, ${m.alerts} alerts)`,
        ),
        ...s.failed.map((m) => `  FAILED ${m.kind} to ${m.role} ${m.to} <${m.email}>: ${m.error}`),
        ...s.skipped.map((m) => `  skipped ${m.role} ${m.to}: ${m.reason}`),
      ].join('\n');
    },
  }),
};
