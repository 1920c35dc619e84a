/**
 * A statement file -> the ledger, in one transaction with its audit row: every booked entry is
 * stored once (the same file twice, or the same movement in a camt.054 and then the day's
 * camt.053, changes nothing), credits are matched (exact ones applied at once with the booking
 * date, the rest suggested or left unmatched), returned bills reopen their items, other debits are
 * only listed. A dry run does all of it and rolls it back.
 */
import crypto from 'node:crypto';
import type { Ledger } from '../../../../db/open.ts';
import {
  allMatchOpenItems,
  insertEntry,
  insertStatement,
  knownFingerprints,
  matchCustomers,
  paidItemsOfAmounts,
  setEntryOutcome,
  setStatementCounts,
  statementBySha,
} from '../../../../db/queries/bank.ts';
import type { BankImportResult } from '../../../../shared/api/contracts/bank.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import {
  buildMatchIndex,
  type CreditToMatch,
  type MatchIndex,
  type MatchItem,
  matchCredit,
  matchReturn,
} from '../../../../shared/domain/bank-matching.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { forEachInOrder } from '../../../../shared/in-order.ts';
import { auditAs } from '../common/audit.ts';
import { withDryRun } from '../common/dry-run.ts';
import { type Actor, applyCreditMatch, applyReturn } from './apply.ts';
import {
  type BankEntryRead,
  type BankFileRead,
  BankReadError,
  describeIssue,
  readBankFile,
} from './read/index.ts';

export interface BankImportInput {
  fileName: string;
  data: Buffer;
  user: { id: number; name: string } | null;
  /** Timestamp of the audit rows. */
  at: string;
  /** The business day (tasks for returned bills are due on it). */
  today: IsoDate;
  dryRun?: boolean;
  /** Called every few hundred entries (progress events); throws to cancel. */
  onProgress?: (done: number, total: number) => void;
}

export function invalidStatement(err: BankReadError): AppError {
  const n = err.issues.length;
  return new AppError(
    'VALIDATION',
    `${err.issues[0]?.file ?? 'file'}: ${n} problem${n === 1 ? '' : 's'}; nothing was imported. ${describeIssue(
      err.issues[0] ?? { file: '', message: '' },
    )}`,
    {
      issues: err.issues.slice(0, 1000).map((i) => ({
        path: [i.file, i.entry].filter(Boolean).join(' › '),
        ...(i.field ? { column: i.field } : {}),
        message: describeIssue(i),
      })),
    },
  );
}

/** Reads the file or throws VALIDATION naming file, entry and field. */
export function readStatementFile(fileName: string, data: Buffer): BankFileRead[] {
  try {
    return readBankFile(fileName, data);
  } catch (err) {
    if (err instanceof BankReadError) throw invalidStatement(err);
    throw err;
  }
}

function baseFingerprint(account: string, e: BankEntryRead): string {
  return [
    account.replace(/\s+/g, '').toUpperCase(),
    e.bookingDate,
    e.direction,
    e.amountCents,
    e.bankReference ?? '',
    e.endToEndId ?? '',
    e.counterpartyIban ?? '',
  ].join('|');
}

export function toCredit(e: {
  amountCents: number;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  texts: readonly string[];
  references: readonly string[];
  endToEndId: string | null;
}): CreditToMatch {
  return {
    amountCents: e.amountCents,
    debtorName: e.counterpartyName,
    debtorIban: e.counterpartyIban,
    texts: e.texts,
    references: [...e.references, ...(e.endToEndId && e.endToEndId !== 'NOTPROVIDED' ? [e.endToEndId] : [])],
  };
}

/** Takes paid amounts off the index, so the next credit of the same file does not pay them again. */
function consume(
  index: MatchIndex,
  allocations: readonly { itemId: number; amountCents: number }[],
  byId: Map<number, MatchItem>,
): void {
  for (const a of allocations) {
    const item = byId.get(a.itemId);
    if (!item) continue;
    item.residualCents -= a.amountCents;
    if (item.residualCents <= 0) {
      const list = index.itemsByCustomer.get(item.customerId);
      if (list) list.splice(list.indexOf(item), 1);
    }
  }
}

export async function importBankFile(db: Ledger, input: BankImportInput): Promise<BankImportResult> {
  const files = readStatementFile(input.fileName, input.data);
  const statements = files.flatMap((f) => f.statements);
  if (statements.length === 0)
    throw new AppError('VALIDATION', `${input.fileName}: no statement in the file.`);
  const sha256 = crypto.createHash('sha256').update(input.data).digest('hex');
  const accounts = [...new Set(statements.map((s) => s.account))];
  const dated = statements.flatMap((s) => [s.from, s.to]).sort();
  const all = statements.flatMap((s) => s.entries.map((e) => ({ account: s.account, e })));
  const credits = all.filter((x) => x.e.direction === 'credit');
  const debits = all.filter((x) => x.e.direction === 'debit');
  const result: BankImportResult = {
    format: statements[0]?.format ?? '',
    account: accounts.join(', '),
    from: dated[0] ?? '',
    to: dated.at(-1) ?? '',
    entries: all.length,
    credits: credits.length,
    creditsCents: credits.reduce((s, x) => s + x.e.amountCents, 0),
    debits: debits.length,
    debitsCents: debits.reduce((s, x) => s + x.e.amountCents, 0),
    matched: 0,
    matchedCents: 0,
    suggested: 0,
    unmatched: 0,
    returned: 0,
    creditsKeptCents: 0,
    duplicates: 0,
    statement: null,
    alreadyImported: false,
    dryRun: input.dryRun ?? false,
  };
  return await withDryRun(
    db,
    async (rollback) => {
      const previous = await statementBySha(db, sha256);
      if (previous) {
        // The same statement twice changes nothing: say what it held the first time.
        return {
          ...result,
          ...(JSON.parse(previous.counts) as object),
          statement: null,
          alreadyImported: true,
          dryRun: result.dryRun,
        };
      }
      const statementId = await insertStatement(db, {
        fileName: input.fileName,
        sha256,
        format: result.format,
        account: result.account,
        fromDate: result.from,
        toDate: result.to,
        counts: '{}',
        userId: input.user?.id ?? null,
      });
      // Fingerprints: the same movement in another file is the same entry; twins in one file stay apart.
      const seen = new Map<string, number>();
      const keyed = all.map((x) => {
        const base = baseFingerprint(x.account, x.e);
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        return { ...x, fingerprint: `${base}#${n}` };
      });
      const booked = all.map((x) => x.e.bookingDate).sort();
      const known = await knownFingerprints(
        db,
        accounts,
        booked[0] ?? result.from,
        booked.at(-1) ?? result.to,
      );
      const customers = await matchCustomers(db);
      const openItems = await allMatchOpenItems(db);
      const index = buildMatchIndex(customers, openItems);
      const byId = new Map<number, MatchItem>();
      for (const list of index.itemsByCustomer.values()) for (const i of list) byId.set(i.id, i);
      const returnAmounts = keyed.filter((k) => k.e.isReturn).map((k) => k.e.amountCents);
      const paidItems = await paidItemsOfAmounts(db, returnAmounts);
      const actor: Actor = { userId: input.user?.id ?? null, at: input.at, origin: 'auto' };

      await forEachInOrder(keyed, async (k, i) => {
        if (input.onProgress && i % 500 === 0) input.onProgress(i, keyed.length);
        if (known.has(k.fingerprint)) {
          result.duplicates++;
          return;
        }
        const e = k.e;
        // Credits are matched first, so the entry is written once with its outcome.
        const m = e.direction === 'credit' ? matchCredit(toCredit(e), index) : null;
        const entryId = await insertEntry(
          db,
          {
            statementId,
            position: e.position,
            account: k.account,
            bookingDate: e.bookingDate,
            valueDate: e.valueDate,
            amountCents: e.amountCents,
            direction: e.direction,
            isReturn: e.isReturn,
            counterpartyName: e.counterpartyName,
            counterpartyIban: e.counterpartyIban,
            remittance: e.texts.join('\n'),
            reference: e.references.length ? e.references.join(' ') : null,
            endToEndId: e.endToEndId,
            bankReference: e.bankReference,
            bankCode: e.bankCode,
            chargesCents: e.chargesCents,
            returnReason: e.returnReason,
            fingerprint: k.fingerprint,
          },
          m === null
            ? { status: 'debit', customerId: null, suggestion: null, reason: null, evidence: '[]' }
            : {
                status: m.status,
                customerId: m.customerId,
                suggestion:
                  m.status === 'unmatched'
                    ? null
                    : JSON.stringify({ allocations: m.allocations, creditCents: m.creditCents }),
                reason: m.reason,
                evidence: JSON.stringify(m.evidence),
              },
        );
        const entry = { id: entryId, bookingDate: e.bookingDate, counterpartyIban: e.counterpartyIban };
        if (m === null) {
          if (!e.isReturn) return;
          const found = matchReturn(toCredit(e), index, paidItems);
          if (found) {
            await applyReturn(
              db,
              {
                ...entry,
                amountCents: e.amountCents,
                chargesCents: e.chargesCents,
                returnReason: e.returnReason,
              },
              found.item,
              actor,
              input.today,
              found.evidence,
            );
            // Reopened: a second return of the same bill in this file does not reopen it twice,
            // and the index's residual of a partly paid item stays the ledger's.
            const reopened = Math.min(e.amountCents, found.item.amountCents - found.item.residualCents);
            found.item.residualCents += reopened;
            const open = byId.get(found.item.id);
            if (open) open.residualCents += reopened;
            result.returned++;
          } else {
            await setEntryOutcome(db, entryId, {
              status: 'unmatched',
              customerId: null,
              suggestion: null,
              reason: 'returned bill: the item it paid was not found',
              evidence: '[]',
            });
            result.unmatched++;
          }
          return;
        }
        if (m.status === 'matched' && m.customerId !== null) {
          const applied = await applyCreditMatch(
            db,
            entry,
            m.customerId,
            m.allocations,
            m.creditCents,
            actor,
            m,
            true,
            (id) => byId.get(id)?.residualCents,
          );
          consume(index, m.allocations, byId);
          if (applied.ibanLearned && e.counterpartyIban) {
            const c = index.customers.get(m.customerId);
            const iban = e.counterpartyIban.replace(/\s+/g, '').toUpperCase();
            if (c && !c.ibans.includes(iban)) {
              index.customers.set(c.id, { ...c, ibans: [...c.ibans, iban] });
              index.customersByIban.set(iban, [...(index.customersByIban.get(iban) ?? []), c.id]);
            }
          }
          result.matched++;
          result.matchedCents += e.amountCents;
          result.creditsKeptCents += m.creditCents;
          return;
        }
        if (m.status === 'suggested') result.suggested++;
        else result.unmatched++;
      });
      const { statement: _s, alreadyImported: _a, dryRun: _d, ...counts } = result;
      await setStatementCounts(db, statementId, counts);
      const out = { ...result, statement: statementId };
      if (input.dryRun) rollback({ ...out, statement: null });
      await auditAs(db, input.user, {
        at: input.at,
        action: 'bank.import',
        entity: 'bank_statement',
        entityId: statementId,
        after: { file: input.fileName, sha256, ...counts },
      });
      return out;
    },
    { behavior: 'immediate' },
  );
}
