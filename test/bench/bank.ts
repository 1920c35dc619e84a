/**
 * Bank benchmark: a generated camt.053 with 10,000 credits imported against a ledger of 100,000
 * open items (10,000 customers × 10 invoices). The credits mix the evidence a real day brings:
 * invoice numbers in the remittance with the payer's name, our RF reference, the payer's name with
 * the amount of its oldest item, and payers nobody knows. Target: read + match + write < 5 s.
 * Prints figures; never fails on them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeLedger, openLedger } from '../../db/open.ts';
import { insertCustomers, insertOpenItems, type NewOpenItem } from '../../db/queries/ledger.ts';
import { inTransaction } from '../../db/transaction.ts';
import { readBankFile } from '../../electron/backend/services/bank/read/index.ts';
import { importBankFile } from '../../electron/backend/services/bank/sync.ts';
import { customerCreditorReference } from '../../shared/domain/creditor-reference.ts';

const CUSTOMERS = 10_000;
const ITEMS_PER_CUSTOMER = 10;
const CREDITS = 10_000;
const TARGET_MS = 5_000;

const code = (c: number) => `C${String(c).padStart(5, '0')}`;
const customerName = (c: number) => `Cliente ${String(c).padStart(5, '0')} Srl`;
const itemNumber = (c: number, k: number) => `${c * ITEMS_PER_CUSTOMER + k}/2026`;
const itemCents = (c: number, k: number) => 10_000 + ((c * 37 + k * 101) % 90_000);
const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

function camt(): string {
  const entries: string[] = [];
  let total = 0;
  for (let i = 0; i < CREDITS; i++) {
    const c = 1 + ((i * 7919) % CUSTOMERS);
    const kind = i % 10;
    let cents: number;
    let parties = `<RltdPties><Dbtr><Nm>${customerName(c).toUpperCase()}</Nm></Dbtr></RltdPties>`;
    let rmt: string;
    if (kind < 4) {
      cents = itemCents(c, 0) + itemCents(c, 1);
      rmt = `<RmtInf><Ustrd>SALDO FT ${itemNumber(c, 0)} FT ${itemNumber(c, 1)}</Ustrd></RmtInf>`;
    } else if (kind < 7) {
      cents = itemCents(c, 2);
      rmt = `<RmtInf><Strd><CdtrRefInf><Ref>${customerCreditorReference(code(c))}</Ref></CdtrRefInf></Strd></RmtInf>`;
    } else if (kind < 9) {
      cents = itemCents(c, 3);
      rmt = '<RmtInf><Ustrd>PAGAMENTO</Ustrd></RmtInf>';
    } else {
      cents = 12_345 + i;
      parties = `<RltdPties><Dbtr><Nm>PAGATORE IGNOTO ${i}</Nm></Dbtr></RltdPties>`;
      rmt = '<RmtInf><Ustrd>BONIFICO</Ustrd></RmtInf>';
    }
    total += cents;
    entries.push(
      `<Ntry><Amt Ccy="EUR">${euros(cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><Dt>2026-11-20</Dt></ValDt><AcctSvcrRef>B${i}</AcctSvcrRef><NtryDtls><TxDtls>${parties}${rmt}</TxDtls></NtryDtls></Ntry>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-11-20T18:00:00</CreDtTm></GrpHdr><Stmt><Id>1</Id><Acct><Id><IBAN>IT60X0542811101000000123456</IBAN></Id></Acct><Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal><Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(total)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>${entries.join('')}</Stmt></BkToCstmrStmt></Document>`;
}

export async function benchBank(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incasso-bench-bank-'));
  try {
    const db = openLedger(path.join(dir, 'ledger.db'));
    let t = performance.now();
    const ids = insertCustomers(
      db,
      Array.from({ length: CUSTOMERS }, (_, i) => ({ code: code(i + 1), name: customerName(i + 1) })),
    );
    const items: NewOpenItem[] = [];
    for (let c = 1; c <= CUSTOMERS; c++) {
      for (let k = 0; k < ITEMS_PER_CUSTOMER; k++) {
        const cents = itemCents(c, k);
        items.push({
          customerId: ids[c - 1] as number,
          documentType: 'invoice' as const,
          documentNumber: itemNumber(c, k),
          documentDate: '2026-07-01',
          dueDate: `2026-${String(8 + Math.floor(k / 3)).padStart(2, '0')}-${String(10 + k).padStart(2, '0')}`,
          installment: '',
          amountCents: cents,
          residualCents: cents,
        });
      }
    }
    await inTransaction(db, async () => await insertOpenItems(db, items));
    console.log(
      `ledger: ${CUSTOMERS} customers, ${items.length} open items (${Math.round(performance.now() - t)} ms)`,
    );

    const data = Buffer.from(camt());
    console.log(`statement: ${CREDITS} credits, ${(data.length / 1024 / 1024).toFixed(1)} MB`);
    t = performance.now();
    const readCpu = process.cpuUsage();
    readBankFile('bench.xml', data);
    const readMs = performance.now() - t;
    const readUsed = process.cpuUsage(readCpu);
    t = performance.now();
    const cpu = process.cpuUsage();
    const r = await importBankFile(db, {
      fileName: 'bench.xml',
      data,
      user: null,
      at: '2026-11-20T18:00:00.000Z',
      today: '2026-11-20',
    });
    const totalMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(
      `matched ${r.matched} (${(r.matchedCents / 100).toFixed(2)} EUR), suggested ${r.suggested}, unmatched ${r.unmatched}`,
    );
    console.log(
      `read alone: ${Math.round(readMs)} ms wall, ${Math.round((readUsed.user + readUsed.system) / 1000)} ms CPU`,
    );
    console.log(
      `read + match + write, one transaction: ${Math.round(totalMs)} ms wall, ${Math.round(cpuMs)} ms CPU (target < ${TARGET_MS} ms) ${totalMs < TARGET_MS ? 'OK' : 'OVER TARGET'}`,
    );
    // On a shared, loaded machine the wall time says more about the neighbours than about us.
    if (totalMs > cpuMs * 1.5) {
      console.log(`(wall ≫ CPU: the machine is busy; load average ${os.loadavg()[0]?.toFixed(1)})`);
      // What a quiet core would take is about the CPU time: judge that one.
      console.log(
        `CPU time ${Math.round(cpuMs)} ms: ${cpuMs < TARGET_MS ? 'within' : 'OVER'} the ${TARGET_MS} ms target on a quiet core`,
      );
    }
    closeLedger(db);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBank();
