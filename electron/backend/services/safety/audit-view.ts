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

export function auditQuery(db: Ledger, f: AuditFilter): AuditQuery {
  let customer: AuditQuery['customer'];
  if (f.customer !== undefined) {
    customer = { id: customerIdByCode(db, f.customer), code: f.customer };
  }
  return {
    userName: f.user,
    action: f.action,
    fromAt: f.from !== undefined ? officeDayStart(f.from) : undefined,
    toAt: f.to !== undefined ? officeDayStart(addDays(f.to, 1)) : undefined,
    customer,
  };
}

const view = (r: ReturnType<typeof searchAudit>[number]): AuditRowView => ({
  id: r.id,
  at: r.at,
  userName: r.userName,
  action: r.action,
  entity: r.entity,
  entityId: r.entityId,
  before: r.before,
  after: r.after,
});

export function listAudit(db: Ledger, f: AuditFilter, page: { offset: number; limit: number }) {
  const q = auditQuery(db, f);
  return { total: countAudit(db, q), rows: searchAudit(db, q, page).map(view) };
}

export function customerAudit(db: Ledger, code: string, limit: number): AuditRowView[] {
  return searchAudit(db, auditQuery(db, { customer: code }), { offset: 0, limit }).map(view);
}

export { auditFacets, csvCell };

const HEADER = ['id', 'at', 'user', 'action', 'entity', 'entity_id', 'before', 'after'];

/** The filtered trail, oldest first: UTF-8 with BOM, `;`-separated (what Excel in Italy opens). */
export function auditCsv(db: Ledger, f: AuditFilter): { csv: string; rows: number } {
  const lines = [HEADER.join(';')];
  for (const r of iterateAudit(db, auditQuery(db, f))) {
    lines.push(
      [r.id, r.at, r.userName, r.action, r.entity, r.entityId, r.before, r.after].map(csvCell).join(';'),
    );
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}
