/**
 * The timeline's titles come from the backend as short English phrases (`payment FT 12`,
 * `phone · promise`, `promise for 2026-12-15 · open`…). This reads the known shapes and says them
 * in the user's language; anything unknown is shown as it came.
 */
import type { TFunction } from 'i18next';
import type { Formatters } from '../../format.ts';
import type { TimelineEntry } from './types.ts';

type Dict = Record<string, string>;

function dict(t: TFunction, key: string): Dict {
  const value: unknown = t(key as never, { returnObjects: true } as never);
  return typeof value === 'object' && value !== null ? (value as Dict) : {};
}

function word(d: Dict, key: string | undefined): string {
  if (!key) return '';
  return d[key] ?? key.replace(/_/g, ' ');
}

export function timelineTitle(entry: TimelineEntry, t: TFunction, f: Formatters): string {
  const title = entry.title;
  let m: RegExpExecArray | null;
  switch (entry.kind) {
    case 'payment':
    case 'credit':
    case 'reversal': {
      m = /^(payment|partial_payment|credit_applied|reversal)\s+(.+)$/.exec(title);
      if (m) return t(`customer.timeline.events.${m[1] as 'payment'}`, { doc: m[2] });
      break;
    }
    case 'contact': {
      const [channel, outcome] = title.split(' · ');
      const ch = word(dict(t, 'customer.channels'), channel);
      return outcome ? `${ch} · ${word(dict(t, 'customer.outcomes'), outcome)}` : ch;
    }
    case 'task': {
      m = /^(.*) · (\w+)(?: \((\w+)\))?$/.exec(title);
      if (m) {
        const status = word(dict(t, 'customer.timeline.taskStatus'), m[2]);
        const outcome = m[3] ? ` (${word(dict(t, 'customer.timeline.taskOutcome'), m[3])})` : '';
        return `${m[1]} · ${status}${outcome}`;
      }
      break;
    }
    case 'promise': {
      m = /^promise for (\d{4}-\d{2}-\d{2}) · (\w+)$/.exec(title);
      if (m)
        return t('customer.timeline.promise', {
          date: f.date(m[1]),
          status: word(dict(t, 'customer.status.promise'), m[2]),
        });
      break;
    }
    case 'plan': {
      m = /^plan · (\d+) installments · (\w+)$/.exec(title);
      if (m)
        return t('customer.timeline.plan', {
          count: Number(m[1]),
          total: f.number(Number(m[1])),
          status: word(dict(t, 'customer.status.plan'), m[2]),
        });
      break;
    }
    case 'dispute': {
      m = /^dispute · (\w+) · (\w+)$/.exec(title);
      if (m)
        return t('customer.timeline.dispute', {
          reason: word(dict(t, 'customer.reasons'), m[1]),
          status: word(dict(t, 'customer.status.dispute'), m[2]),
        });
      break;
    }
    case 'case': {
      m = /^case opened \((.*)\)$/.exec(title);
      if (m) return t('customer.timeline.caseOpened', { policy: m[1] });
      m = /^case closed · (\w*)$/.exec(title);
      if (m)
        return t('customer.timeline.caseClosed', {
          outcome: word(dict(t, 'customer.case.outcome'), m[1] || undefined),
        });
      break;
    }
    case 'document':
      return t('customer.timeline.document', { name: title });
  }
  return title;
}

/** A bank payment's detail comes as `bank #12 · payer · reference`: the first part in the user's language. */
export function timelineDetail(detail: string, t: TFunction): string {
  const m = /^bank #(\d+)( · .*)?$/.exec(detail);
  return m ? `${t('customer.timeline.bankEntry', { id: m[1] })}${m[2] ?? ''}` : detail;
}
