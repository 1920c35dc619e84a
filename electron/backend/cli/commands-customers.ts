/** CLI commands of the customer profile and the collector's tools. */
import { AppError } from '../../../shared/api/errors.ts';
import { csvCell } from '../../../shared/domain/formula-guard.ts';
import { itemLine } from '../services/common/item-line.ts';
import type { Command, CommandContext } from './commands.ts';

const need = (value: string | undefined, what: string): string => {
  if (!value) throw new AppError('VALIDATION', `Missing ${what}.`);
  return value;
};

const cents = (raw: string | undefined, name: string): number => {
  if (raw === undefined || !/^\d+$/.test(raw))
    throw new AppError('VALIDATION', `--${name} must be a whole number of cents, got "${raw ?? ''}"`);
  return Number(raw);
};

/** Items by document number (or id) within a customer's profile. */
async function itemIds(call: CommandContext['call'], code: string, docs: string): Promise<number[]> {
  const p = await call('customers.get', { code });
  return docs.split(',').map((d) => {
    const doc = d.trim();
    const item = p.items.find((i) => i.documentNumber === doc || String(i.id) === doc);
    if (!item) throw new AppError('VALIDATION', `Customer ${code} has no open item "${doc}".`);
    return item.id;
  });
}

export const CUSTOMER_COMMANDS: Record<string, Command> = {
  customer: {
    summary: 'a customer profile: `customer CODE`',
    run: async ({ call, args }) => {
      const p = await call('customers.get', { code: need(args[0], 'customer CODE') });
      return {
        customer: p.customer,
        items: p.items.map(itemLine),
        figures: p.figures,
        openCase: p.openCase,
        promises: p.promises,
        plans: p.plans,
        disputes: p.disputes,
      };
    },
  },
  contacts: {
    summary: 'contacts add CODE --channel phone|email|visit|note [--outcome O] [--note T] [--person P]',
    run: async ({ call, args, values }) => {
      if (args[0] !== 'add') throw new AppError('VALIDATION', 'Use `contacts add CODE --channel …`.');
      return call('contacts.add', {
        code: need(args[1], 'customer CODE'),
        channel: values.channel,
        ...(values.outcome ? { outcome: values.outcome } : {}),
        ...(values.note ? { note: values.note } : {}),
        ...(values.person ? { person: values.person } : {}),
      });
    },
  },
  promises: {
    summary: 'promises add CODE --date D --cents N',
    run: async ({ call, args, values }) => {
      if (args[0] !== 'add') throw new AppError('VALIDATION', 'Use `promises add CODE --date D --cents N`.');
      return call('promises.add', {
        code: need(args[1], 'customer CODE'),
        installments: [{ date: values.date, cents: cents(values.cents, 'cents') }],
      });
    },
  },
  plans: {
    summary: 'plans add CODE --items DOC,DOC --installments N --first D --every week|month',
    run: async ({ call, args, values }) => {
      if (args[0] !== 'add')
        throw new AppError(
          'VALIDATION',
          'Use `plans add CODE --items … --installments N --first D --every month`.',
        );
      const code = need(args[1], 'customer CODE');
      const ids = await itemIds(call, code, need(values.items, '--items'));
      const every =
        values.every === 'week'
          ? 'week'
          : values.every === 'month' || values.every === undefined
            ? 'month'
            : values.every;
      const schedule = await call('plans.schedule', {
        code,
        itemIds: ids,
        installments: Number(need(values.installments, '--installments')),
        first: values.first,
        every,
      });
      const added = await call('plans.add', {
        code,
        itemIds: ids,
        every,
        interestCents: schedule.interestCents,
        installments: schedule.installments,
      });
      return { ...added, installments: schedule.installments };
    },
  },
  disputes: {
    summary:
      'disputes add CODE --item DOC --reason quality|quantity|price|not_received|already_paid|other [--note T]; disputes resolve ID --outcome in_favour|rejected|partial',
    run: async ({ call, args, values }) => {
      if (args[0] === 'add') {
        const code = need(args[1], 'customer CODE');
        return call('disputes.add', {
          code,
          itemIds: await itemIds(call, code, need(values.item, '--item')),
          reason: values.reason,
          ...(values.note ? { note: values.note } : {}),
        });
      }
      if (args[0] === 'resolve')
        return call('disputes.resolve', { id: Number(need(args[1], 'dispute ID')), outcome: values.outcome });
      throw new AppError('VALIDATION', 'Use `disputes add …` or `disputes resolve ID --outcome …`.');
    },
  },
  blocked: {
    summary: 'customers with orders blocked [--csv] (for sales and the ERP)',
    run: async ({ call, values, io }) => {
      const rows = await call('orderBlock.list', {});
      if (values.csv) {
        io.out(
          [
            'code;name;vat;reason;since;salesperson',
            ...rows.map((r) =>
              [r.code, r.name, r.vat, r.reason, r.since, r.salesperson].map(csvCell).join(';'),
            ),
          ].join('\n'),
        );
      }
      return rows;
    },
  },
};
