import type { TFunction } from 'i18next';
import type { AlertView } from '../../../../shared/api/contracts/notify.ts';
import type { Formatters } from '../../format.ts';

/** An alert's reason in the user's language, worded from its figures. */
export function alertText(t: TFunction, f: Formatters, a: Pick<AlertView, 'kind' | 'params'>): string {
  const p = a.params;
  const money = (v: unknown) => f.money(Number(v ?? 0));
  const date = (v: unknown) => f.date(typeof v === 'string' ? v : null);
  return t(`notify.reason.${a.kind}`, {
    from: p.from ?? '',
    to: p.to ?? '',
    score: p.score ?? '',
    exposure: money(p.exposureCents),
    limit: money(p.limitCents),
    amount: money(p.amountCents),
    date: date(p.date ?? p.dueDate),
    seq: p.seq ?? '',
    document: p.document ?? '',
  });
}
