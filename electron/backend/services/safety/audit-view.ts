/**
 * The audit trail as people read it: filtered by user, customer, action and date (office days,
 * Europe/Rome), newest first, and exported to CSV for the auditor. The trail itself is
 * append-only (migration 0001: triggers refuse UPDATE and DELETE).
 */

import type { Ledger } from '../../../../db/open.ts';
import {
  type AuditQuery,
  auditFacets,
  countAudit,
  iterateAudit,
  searchAudit,
} from '../../../../db/queries/audit.ts';
import { customerIdByCode } from '../../../../db/queries/gdpr.ts';
import type { AuditFilter, AuditRowView } from '../../../../shared/api/contracts/safety.ts';
import { addDays, type IsoDate } from '../../../../shared/domain/dates.ts';
import { csvCell } from '../../../../shared/domain/formula-guard.ts';

const ROME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', hourCycle: 'h23' });

/** The UTC instant at which an office day (Europe/Rome) begins. */
export function officeDayStart(day: IsoDate): string {
  const utcMidnight = new Date(`${day}T00:00:00.000Z`);
  // At 00:00 UTC Rome is at 01:00 (winter) or 02:00 (summer) of the same day.
  const romeHour = Number(ROME.format(utcMidnight));
  return new Date(utcMidnight.getTime() - romeHour * 3_600_000).toISOString();
}

export async function auditQuery(db: Ledger, f: AuditFilter): Promise<AuditQuery> {
  let customer: AuditQuery['customer'];
  if (f.customer !== undefined) {
    customer = { id: await customerIdByCode(db, f.customer), code: f.customer };
  }
  return {
    userName: f.user,
    action: f.action,
    fromAt: f.from !== undefined ? officeDayStart(f.from) : undefined,
    toAt: f.to !== undefined ? officeDayStart(addDays(f.to, 1)) : undefined,
    customer,
  };
}

const view = (r: Awaited<ReturnType<typeof searchAudit>>[number]): AuditRowView => ({
  id: r.id,
  at: r.at,
  userName: r.userName,
  action: r.action,
  entity: r.entity,
  entityId: r.entityId,
  before: r.before,
  after: r.after,
});

export async function listAudit(db: Ledger, f: AuditFilter, page: { offset: number; limit: number }) {
  const q = await auditQuery(db, f);
  return { total: await countAudit(db, q), rows: (await searchAudit(db, q, page)).map(view) };
}

export async function customerAudit(db: Ledger, code: string, limit: number): Promise<AuditRowView[]> {
  return (await searchAudit(db, await auditQuery(db, { customer: code }), { offset: 0, limit })).map(view);
}

export { auditFacets, csvCell };

const HEADER = ['id', 'at', 'user', 'action', 'entity', 'entity_id', 'before', 'after'];

/** The filtered trail, oldest first: UTF-8 with BOM, `;`-separated (what Excel in Italy opens). */
export async function auditCsv(db: Ledger, f: AuditFilter): Promise<{ csv: string; rows: number }> {
  const lines = [HEADER.join(';')];
  for await (const r of iterateAudit(db, await auditQuery(db, f))) {
    lines.push(
      [r.id, r.at, r.userName, r.action, r.entity, r.entityId, r.before, r.after].map(csvCell).join(';'),
    );
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}
