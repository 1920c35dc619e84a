/** `bank import|unmatched|match|undo` from a terminal: the JSON shape of CLI.md, exit codes, nothing written on bad input. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend.ts';
import { runCliInProcess } from '../helpers/cli.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/bank');
const dir = tempDir('incasso-bank-cli-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const db = path.join(dir, 'ledger.db');

const cli = (args: string[]) => runCliInProcess([...args, '--db', db], { INCASSO_TODAY: '2026-11-27' });
const json = async (args: string[]) => {
  const r = await cli([...args, '--json']);
  return { ...r, body: r.stdout ? JSON.parse(r.stdout) : null };
};

describe('CLI bank', { timeout: 300_000 }, () => {
  it('imports a statement with the documented JSON, lists, re-assigns and undoes', async () => {
    const csv = path.join(dir, 'open-items.csv');
    fs.writeFileSync(
      csv,
      [
        'Cod. Cliente;Ragione Sociale;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo',
        'C001;Rossi Costruzioni S.r.l.;101/2026;01/09/2026;31/10/2026;1220,00;1220,00',
        'C002;Bianchi Forniture S.p.A.;55/2026;01/09/2026;30/09/2026;1000,00;1000,00',
        'C002;Bianchi Forniture S.p.A.;56/2026;01/09/2026;15/10/2026;700,00;700,00',
      ].join('\n'),
    );
    expect((await cli(['import', csv, '--as-of', '2026-11-15'])).code).toBe(0);

    const file = path.join(FIXTURES, 'camt053-v02-bankA.xml');
    const dry = await json(['bank', 'import', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(Object.keys(dry.body).slice(0, 13)).toEqual([
      'format',
      'account',
      'from',
      'to',
      'entries',
      'credits',
      'creditsCents',
      'debits',
      'debitsCents',
      'matched',
      'matchedCents',
      'suggested',
      'unmatched',
    ]);
    expect(dry.body).toMatchObject({
      dryRun: true,
      matched: 2,
      matchedCents: 272_000,
      debits: 1,
      debitsCents: 2_000,
    });

    const real = await json(['bank', 'import', file]);
    expect(real.body).toMatchObject({
      format: 'camt.053',
      from: '2026-11-20',
      to: '2026-11-20',
      entries: 3,
      matched: 2,
    });
    const again = await json(['bank', 'import', file]);
    expect(again.body).toMatchObject({ alreadyImported: true, matched: 2 });

    const matched = (await json(['bank', 'matched'])).body as { id: number; customerCode: string }[];
    const rossi = matched.find((e) => e.customerCode === 'C001');
    expect(rossi).toBeDefined();
    const undone = await json(['bank', 'undo', String(rossi?.id)]);
    expect(undone.body).toMatchObject({ status: 'unmatched' });
    expect(((await json(['bank', 'unmatched'])).body as { id: number }[]).map((e) => e.id)).toEqual([
      rossi?.id,
    ]);
    const rematched = await json(['bank', 'match', String(rossi?.id), '--items', '101/2026']);
    expect(rematched.body).toMatchObject({
      status: 'matched',
      customerCode: 'C001',
      allocations: [{ documentNumber: '101/2026' }],
    });
    const customer = (await json(['customer', 'C001'])).body as { items: unknown[] };
    expect(customer.items).toHaveLength(0);

    // The day's totals, for the latest booking day, in words and in JSON.
    const day = await cli(['bank', 'day']);
    expect(day.stderr).toContain('2026-11-20: credits 2 (');
    expect(day.stderr).toMatch(/matched 2 \(2\.720,00\s€\), suggested 0 /);
    expect((await json(['bank', 'day', '2026-11-19'])).body).toMatchObject({
      date: '2026-11-19',
      credits: 0,
    });

    // The next export no longer lists the invoice the bank paid: it is not paid twice, and the
    // payment keeps the bank's date.
    const next = path.join(dir, 'open-items-2.csv');
    fs.writeFileSync(
      next,
      [
        'Cod. Cliente;Ragione Sociale;Num. Doc.;Data Doc.;Scadenza;Importo;Residuo',
        'C002;Bianchi Forniture S.p.A.;56/2026;01/09/2026;15/10/2026;700,00;200,00',
      ].join('\n'),
    );
    expect((await cli(['import', next, '--as-of', '2026-11-25', '--confirm-closures'])).code).toBe(0);
    const ledger = new Database(db, { readonly: true });
    try {
      const events = ledger
        .prepare(
          `SELECT e.kind, e.date, e.amount_cents AS cents FROM item_events e JOIN open_items i ON i.id = e.item_id
           WHERE i.document_number = '101/2026' ORDER BY e.id`,
        )
        .all();
      expect(events).toEqual([{ kind: 'payment', date: '2026-11-20', cents: 122_000 }]);
    } finally {
      ledger.close();
    }
  });

  it('refuses a hostile or broken file with exit 2 and names the problem; nothing is written', async () => {
    const evil = path.join(dir, 'evil.xml');
    fs.writeFileSync(
      evil,
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>',
    );
    const r = await json(['bank', 'import', evil]);
    expect(r.code).toBe(2);
    expect(r.body.errors[0].message).toMatch(/evil\.xml.*DOCTYPE/);
    expect((await json(['bank', 'list'])).body).toHaveLength(3);
  });
});
