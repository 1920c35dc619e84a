/**
 * The sample exports (test/fixtures/samples, copied from ../shared/samples) through the
 * dispatcher: stage -> preview -> apply, figures from `summary.get` against expected.json,
 * the second scadenzario against the first (`afterPrevious`), undo back to the first's figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../electron/backend/services/import/sync.ts';
import type { Summary } from '../../shared/api/contract.ts';
import { type TestBackend, testBackend } from '../helpers/backend.ts';
import { SAMPLE_FIGURES, SAMPLES, type SampleFigures } from '../helpers/samples.ts';

/**
 * Where expected.json cannot be met, with the evidence (see the README, "The samples").
 * scadenzario-2026-11-15.xlsx: expected.json's afterPrevious gives new + changed + unchanged =
 * 187 + 36 + 470 = 693, but the file has 700 item rows and expected.json itself says 700 items
 * after the import: 7 rows are unaccounted for. They are installments sharing a due date with
 * another installment of the same invoice (rows 25-26, 94-95, 97-98, 101-102, 256-257: all five
 * pairs unchanged since 10-31; rows 528-529 and 638-639: two new pairs). The delta was evidently
 * computed with a key without the installment, collapsing each pair into one; with the
 * installment in the key (the only way to get 624 and 700 items) the delta is 189 new and 475
 * unchanged; closed, changed, credit notes and payments match expected.json exactly.
 */
const CORRECTED_AFTER_PREVIOUS: Record<string, Partial<NonNullable<SampleFigures['afterPrevious']>>> = {
  'scadenzario-2026-11-15.xlsx': { itemsNew: 189, itemsUnchanged: 475 },
};

let b: TestBackend;
beforeEach(async () => {
  b = await testBackend('2026-11-23');
});
afterEach(() => b.close());

async function ok<T>(p: ReturnType<TestBackend['call']>): Promise<T> {
  const res = await p;
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data as T;
}

async function stage(file: string): Promise<string> {
  const data = fs.readFileSync(path.join(SAMPLES, file));
  const st = await ok<{ fileId: string }>(
    b.call('imports.stage', { fileName: file, dataBase64: data.toString('base64') }),
  );
  return st.fileId;
}

async function importSample(file: string, asOf: string): Promise<ImportResult> {
  const fileId = await stage(file);
  const preview = await ok<{ items: ImportResult['items']; errors: unknown[] }>(
    b.call('imports.preview', { fileId, asOf }),
  );
  expect(preview.errors).toEqual([]);
  const result = await ok<ImportResult>(b.call('imports.apply', { fileId, asOf }));
  // The preview said exactly what the apply did.
  expect(result.items).toEqual(preview.items);
  return result;
}

async function expectFigures(file: string): Promise<Summary> {
  const e = SAMPLE_FIGURES[file] as SampleFigures;
  const s = await ok<Summary>(b.call('summary.get', {}));
  expect({
    asOf: s.asOf,
    customers: s.customers,
    items: s.items,
    residualCents: s.residualCents,
    overdueCents: s.overdueCents,
    aging: s.aging,
  }).toEqual({
    asOf: e.asOf,
    customers: e.customers,
    items: e.items,
    residualCents: e.residualCents,
    overdueCents: e.overdueCents,
    aging: e.aging,
  });
  return s;
}

describe('sample exports', () => {
  for (const file of Object.keys(SAMPLE_FIGURES)) {
    it(`${file} imports into an empty ledger with the expected figures`, async () => {
      const e = SAMPLE_FIGURES[file] as SampleFigures;
      const r = await importSample(file, e.asOf);
      expect(r.batch).toBe(1);
      expect(r.items.new).toBe(e.items);
      const s = await expectFigures(file);
      // `totals` of the import and `summary` agree.
      expect(r.totals).toEqual({
        customers: s.customers,
        items: s.items,
        residualCents: s.residualCents,
        overdueCents: s.overdueCents,
      });
    });
  }

  it('the second scadenzario after the first gives the expected delta; undo returns to the first', async () => {
    const first = 'scadenzario-2026-10-31.xlsx';
    const second = 'scadenzario-2026-11-15.xlsx';
    await importSample(first, (SAMPLE_FIGURES[first] as SampleFigures).asOf);
    const firstFigures = await expectFigures(first);

    const r = await importSample(second, (SAMPLE_FIGURES[second] as SampleFigures).asOf);
    await expectFigures(second);
    const expected = {
      ...(SAMPLE_FIGURES[second] as SampleFigures).afterPrevious,
      ...CORRECTED_AFTER_PREVIOUS[second],
    };
    expect({
      itemsNew: r.items.new,
      itemsClosed: r.items.closed,
      itemsChanged: r.items.changed,
      itemsUnchanged: r.items.unchanged,
      creditNotesClosed: r.creditNotesClosed,
      paymentsCents: r.paymentsCents,
    }).toEqual(expected);
    // Every row of the file is accounted for (what the uncorrected figures miss).
    expect(r.items.new + r.items.changed + r.items.unchanged + r.items.reopened).toBe(r.rows.imported);
    expect(r.reversalsCents).toBe(0);

    const undone = await ok<{ id: number; undoneAt: string | null }>(b.call('imports.undo', {}));
    expect(undone.id).toBe(r.batch);
    expect(await ok<Summary>(b.call('summary.get', {}))).toEqual(firstFigures);
  });

  it('re-importing a sample changes nothing and records no batch', async () => {
    const file = 'partite-aperte-2026-11-20.csv';
    const asOf = (SAMPLE_FIGURES[file] as SampleFigures).asOf;
    await importSample(file, asOf);
    const again = await importSample(file, asOf);
    expect(again.batch).toBeNull();
    expect(again.items).toEqual({
      new: 0,
      changed: 0,
      closed: 0,
      reopened: 0,
      unchanged: again.rows.imported,
    });
    expect(await ok<unknown[]>(b.call('imports.list', {}))).toHaveLength(1);
    await expectFigures(file);
  });
});

describe('staging and mapping profiles', () => {
  it('stages the bytes privately beside the ledger and refuses an id that is not one', async () => {
    const fileId = await stage('aged-receivables-2026-11-20.xlsx');
    expect(fileId).toMatch(/^[0-9a-f]{32}$/);
    const staged = path.join(b.ctx.dataDir, 'staged', fileId);
    expect(fs.statSync(staged).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(staged)).toEqual(
      fs.readFileSync(path.join(SAMPLES, 'aged-receivables-2026-11-20.xlsx')),
    );
    for (const bad of ['../ledger.db', 'x'.repeat(32), fileId.toUpperCase()]) {
      const res = await b.call('imports.preview', { fileId: bad });
      expect(res.ok ? null : res.error.code).toBe('NOT_FOUND');
    }
    // Applied: the staged copy is gone.
    expect((await b.call('imports.apply', { fileId, asOf: '2026-11-20' })).ok).toBe(true);
    expect(fs.existsSync(staged)).toBe(false);
  });

  it('saves a profile that the next file with the same headers uses; --profile forces one', async () => {
    const file = 'aged-receivables-2026-11-20.xlsx';
    const detected = await ok<{ headers: string[]; mapping: Record<string, string>; profile: string | null }>(
      b.call('imports.stage', {
        fileName: file,
        dataBase64: fs.readFileSync(path.join(SAMPLES, file)).toString('base64'),
      }),
    );
    expect(detected.profile).toBeNull();
    // Say the "Installment" column is not to be used.
    const { installment: _dropped, ...mapping } = detected.mapping;
    expect(
      await ok(
        b.call('imports.profiles.save', { name: 'Gestionale EN', headers: detected.headers, mapping }),
      ),
    ).toEqual({
      name: 'Gestionale EN',
    });
    expect(await ok(b.call('imports.profiles.list', {}))).toEqual([
      { name: 'Gestionale EN', headers: detected.headers, mapping },
    ]);
    const again = await ok<{ fileId: string; profile: string | null; mapping: Record<string, string> }>(
      b.call('imports.stage', {
        fileName: file,
        dataBase64: fs.readFileSync(path.join(SAMPLES, file)).toString('base64'),
      }),
    );
    expect(again.profile).toBe('Gestionale EN');
    expect(again.mapping).toEqual(mapping);

    const unknown = await b.call('imports.preview', { fileId: again.fileId, profile: 'Nope' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    const forced = await ok<{ items: { new: number } }>(
      b.call('imports.preview', { fileId: again.fileId, profile: 'Gestionale EN', asOf: '2026-11-20' }),
    );
    expect(forced.items.new).toBe(111);
  });
});
