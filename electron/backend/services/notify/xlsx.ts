/** The digest's list as a small workbook: customers (amounts as numbers) and alerts, headers in the recipient's language. */
import * as XLSX from 'xlsx';
import { neutraliseFormula } from '../../../../shared/domain/formula-guard.ts';
import type { Digest } from './digest.ts';
import { SHEET_HEADERS } from './text.ts';

const txt = (s: string | null): XLSX.CellObject => ({ t: 's', v: s ? neutraliseFormula(s) : '' });

export function digestWorkbook(d: Digest): Buffer {
  const h = SHEET_HEADERS[d.language];
  const wb = XLSX.utils.book_new();
  const customers: XLSX.CellObject[][] = [
    h.customers.map((x) => txt(x)),
    ...d.customers.map((c) => [
      txt(c.code),
      txt(c.name),
      { t: 'n', v: c.overdueCents / 100, z: '#,##0.00' } as XLSX.CellObject,
      txt(c.step),
      txt(c.nextAction),
      txt(c.asked.join('; ')),
    ]),
  ];
  const ws = XLSX.utils.aoa_to_sheet(customers);
  ws['!cols'] = [{ wch: 12 }, { wch: 36 }, { wch: 14 }, { wch: 22 }, { wch: 30 }, { wch: 50 }];
  XLSX.utils.book_append_sheet(wb, ws, h.customersSheet);
  const names = new Map(d.body.alerts.map((a) => [a.customerCode, a.customerName]));
  const alerts: XLSX.CellObject[][] = [
    h.alerts.map((x) => txt(x)),
    ...d.alerts.map((a) => [
      txt(a.customerCode),
      txt(names.get(a.customerCode) ?? ''),
      txt(a.reason),
      txt(a.urgent ? '✓' : ''),
    ]),
  ];
  const wa = XLSX.utils.aoa_to_sheet(alerts);
  wa['!cols'] = [{ wch: 12 }, { wch: 36 }, { wch: 80 }, { wch: 8 }];
  XLSX.utils.book_append_sheet(wb, wa, h.alertsSheet);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
