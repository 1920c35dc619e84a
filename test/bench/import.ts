/**
 * Import benchmark: a generated 1,000,000-row CSV and a 200,000-row XLSX (in a temp dir), each
 * imported into an empty ledger and compared with its floor measured in the same run:
 *   floor = only parsing the file with the same library and options as the reader
 *         + only inserting the same rows with one prepared statement into an empty ledger;
 * then a re-import of the unchanged 1,000,000-row snapshot. Every measurement runs in its own
 * child process, so each peak memory (maxRSS) is that step's alone and no step warms another.
 * Targets (2-core machine): CSV ≤ 2× floor, XLSX ≤ 1.5× floor, unchanged 1M re-import < 30 s,
 * peak < 1.5 GB. Prints figures; never fails on them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import * as XLSX from 'xlsx';
import { closeLedger, openLedger } from '../../db/open.ts';
import { runImport } from '../../electron/backend/services/import/run.ts';
import { addDays, toDayNumber } from '../../shared/domain/dates.ts';
import { italianVatCheckDigit } from '../../shared/domain/vat.ts';

const CSV_ROWS = 1_000_000;
const XLSX_ROWS = 200_000;
const ITEMS_PER_CUSTOMER = 50;
const AS_OF = '2026-11-20';
const HEADERS = [
  'Cod. Cliente',
  'Ragione Sociale',
  'P.IVA',
  'Tipo',
  'Num. Doc.',
  'Data Doc.',
  'Scadenza',
  'Importo',
  'Residuo',
  'Agente',
  'Zona',
];
const AGENTS = ['Bianchi Marco', 'Ferrari Giulia', 'Romano Sara', 'Colombo Andrea', 'Esposito Luca'];
const ZONES = ['Nord-Ovest', 'Nord-Est', 'Centro', 'Sud', 'Isole'];

/** One generated open item; the same function feeds the files and the insert floor. */
interface GenRow {
  code: string;
  name: string;
  vat: string;
  credit: boolean;
  number: string;
  documentDate: string;
  dueDate: string;
  amountCents: number;
  residualCents: number;
  agent: string;
  zone: string;
}

function genRow(i: number): GenRow {
  const c = Math.floor(i / ITEMS_PER_CUSTOMER);
  const first10 = String(1_000_000_000 + c * 7919).slice(-10);
  const credit = i % 53 === 0;
  const amount = 1_000 + ((i * 7_919) % 2_500_000);
  const residual = i % 7 === 0 ? Math.round(amount * 0.4) : amount;
  const documentDate = addDays(AS_OF, -((i * 13) % 400));
  return {
    code: `C${String(c).padStart(6, '0')}`,
    name: `Cliente ${c} S.r.l.`,
    vat: `${first10}${italianVatCheckDigit(first10)}`,
    credit,
    number: `${2025 + (i % 2)}/${String(i).padStart(7, '0')}`,
    documentDate,
    dueDate: addDays(documentDate, 30 * (1 + (i % 3))),
    amountCents: credit ? -amount : amount,
    residualCents: credit ? -residual : residual,
    agent: AGENTS[c % AGENTS.length] as string,
    zone: ZONES[c % ZONES.length] as string,
  };
}

const itDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
function itAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}`;
}

export function writeCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  let buf = `${HEADERS.join(';')}\n`;
  for (let i = 0; i < rows; i++) {
    const r = genRow(i);
    buf += `${r.code};${r.name};${r.vat};${r.credit ? 'NC' : 'FT'};${r.number};${itDate(r.documentDate)};${itDate(r.dueDate)};${itAmount(r.amountCents)};${itAmount(r.residualCents)};${r.agent};${r.zone}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

const EXCEL_EPOCH = toDayNumber('1899-12-30');

export function writeXlsx(file: string, rows: number): void {
  const aoa: (string | number)[][] = [HEADERS];
  for (let i = 0; i < rows; i++) {
    const r = genRow(i);
    aoa.push([
      r.code,
      r.name,
      r.vat,
      r.credit ? 'NC' : 'FT',
      r.number,
      toDayNumber(r.documentDate) - EXCEL_EPOCH,
      toDayNumber(r.dueDate) - EXCEL_EPOCH,
      r.amountCents / 100,
      r.residualCents / 100,
      r.agent,
      r.zone,
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { dense: true }), 'Scadenzario');
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}

// ---------- the measured steps (each in a child process) ----------

interface StepResult {
  ms: number;
  maxRssMb: number;
  detail?: unknown;
}

function timed(fn: () => unknown): StepResult {
  const t = performance.now();
  const detail = fn();
  return { ms: performance.now() - t, maxRssMb: process.resourceUsage().maxRSS / 1024, detail };
}

/** Same library and options as read/csv-source.ts: csv-parse's sync API over ~4 MB chunks of records. */
function parseCsvFloor(file: string): unknown {
  const data = fs.readFileSync(file);
  let records = 0;
  const CHUNK = 4 * 1024 * 1024;
  for (let start = 0; start < data.length; ) {
    const nl = data.indexOf(0x0a, Math.min(start + CHUNK, data.length - 1));
    const end = nl === -1 ? data.length : nl + 1;
    const rows = parse(data.subarray(start, end), {
      delimiter: ';',
      encoding: 'utf8',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
    records += rows.length;
    start = end;
  }
  return { records };
}

/** Same library and options as read/workbook-source.ts. */
function parseXlsxFloor(file: string): unknown {
  const wb = XLSX.read(fs.readFileSync(file), {
    type: 'buffer',
    dense: true,
    cellText: false,
    cellNF: false,
    cellHTML: false,
    cellFormula: false,
    cellStyles: false,
    cellDates: false,
    raw: true,
  });
  const ws = wb.Sheets[wb.SheetNames[0] as string] as { '!data'?: unknown[] };
  return { records: ws['!data']?.length ?? 0 };
}

/** The same rows, prepared in memory first, inserted with one prepared statement per table. */
function insertFloor(dbFile: string, rows: number): StepResult {
  const db = openLedger(dbFile);
  const items: GenRow[] = Array.from({ length: rows }, (_, i) => genRow(i));
  const c = db.$client;
  const result = timed(() => {
    const customer = c.prepare(
      'INSERT INTO customers (code, name, vat, salesperson, area) VALUES (?, ?, ?, ?, ?)',
    );
    const item = c.prepare(
      `INSERT INTO open_items (customer_id, document_type, document_number, document_date, due_date, installment,
              amount_cents, residual_cents, status) VALUES (?, ?, ?, ?, ?, '', ?, ?, 'open')`,
    );
    c.transaction(() => {
      let code = '';
      let id = 0;
      for (const r of items) {
        if (r.code !== code) {
          code = r.code;
          id = Number(customer.run(r.code, r.name, r.vat, r.agent, r.zone).lastInsertRowid);
        }
        item.run(
          id,
          r.credit ? 'credit_note' : 'invoice',
          r.number,
          r.documentDate,
          r.dueDate,
          r.amountCents,
          r.residualCents,
        );
      }
    })();
    return { rows };
  });
  closeLedger(db);
  return result;
}

function importStep(file: string, dbFile: string): StepResult {
  const db = openLedger(dbFile);
  const result = timed(() => {
    const outcome = runImport(
      fs.readFileSync(file),
      {
        kind: 'apply',
        fileName: path.basename(file),
        read: {},
        asOf: AS_OF,
        mode: 'snapshot',
        confirmClosures: false,
        dryRun: false,
        user: null,
        today: AS_OF,
        at: new Date().toISOString(),
      },
      db,
    );
    if (outcome.kind !== 'apply') throw new Error('expected an apply');
    const r = outcome.result;
    return { batch: r.batch, rows: r.rows, items: r.items, totals: r.totals };
  });
  closeLedger(db);
  return result;
}

function runStep(argv: string[]): void {
  const [step, file, dbFile, rows] = argv as [string, string, string, string];
  let result: StepResult;
  if (step === 'parse-csv') result = timed(() => parseCsvFloor(file));
  else if (step === 'parse-xlsx') result = timed(() => parseXlsxFloor(file));
  else if (step === 'insert') result = insertFloor(dbFile, Number(rows));
  else if (step === 'import') result = importStep(file, dbFile);
  else throw new Error(`unknown step ${step}`);
  process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
}

// ---------- the orchestration ----------

const THIS_FILE = fileURLToPath(import.meta.url);

function child(step: string, file: string, dbFile: string, rows = 0): StepResult {
  const res = spawnSync(process.execPath, ['--import', 'tsx', THIS_FILE, step, file, dbFile, String(rows)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = res.stdout.split('\n').find((l) => l.startsWith('BENCH '));
  if (res.status !== 0 || !line) throw new Error(`bench step ${step} failed:\n${res.stderr}`);
  return JSON.parse(line.slice(6)) as StepResult;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const secs = (ms: number) => `${fmt(ms / 1000, 1)} s`;

function report(
  label: string,
  rows: number,
  parseMs: number,
  insertMs: number,
  imp: StepResult,
  target: number,
): void {
  const floor = parseMs + insertMs;
  const ratio = imp.ms / floor;
  console.log(
    `${label}: import ${secs(imp.ms)} = ${fmt(rows / (imp.ms / 1000))} rows/s, peak ${fmt(imp.maxRssMb)} MB; ` +
      `floor ${secs(floor)} (parse ${secs(parseMs)} + insert ${secs(insertMs)}); ratio ${fmt(ratio, 2)}× ` +
      `(target ≤ ${target}×: ${ratio <= target ? 'met' : 'NOT met'})`,
  );
}

/** The faster of two runs, with the higher peak memory of both: the least disturbed by other load. */
function keep(a: StepResult | null, b: StepResult): StepResult {
  const maxRssMb = Math.max(a?.maxRssMb ?? 0, b.maxRssMb);
  return a === null || b.ms < a.ms ? { ...b, maxRssMb } : { ...a, maxRssMb };
}

function best(rounds: number, run: () => StepResult): StepResult {
  let min: StepResult | null = null;
  for (let i = 0; i < rounds; i++) min = keep(min, run());
  if (!min) throw new Error('no rounds');
  return min;
}

export async function benchImport(): Promise<void> {
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incasso-bench-import-'));
  const fresh = (name: string) => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, name + suffix), { force: true });
    return path.join(dir, name);
  };
  try {
    const csv = path.join(dir, 'scadenzario-1m.csv');
    const xlsx = path.join(dir, 'scadenzario-200k.xlsx');
    const t = performance.now();
    writeCsv(csv, CSV_ROWS);
    writeXlsx(xlsx, XLSX_ROWS);
    console.log(
      `Import bench: generated ${fmt(CSV_ROWS)}-row CSV (${fmt(fs.statSync(csv).size / 1e6)} MB) and ` +
        `${fmt(XLSX_ROWS)}-row XLSX (${fmt(fs.statSync(xlsx).size / 1e6)} MB) in ${secs(performance.now() - t)}; ` +
        `best of ${rounds} runs per figure (BENCH_ROUNDS), load average ${os
          .loadavg()
          .map((l) => fmt(l, 1))
          .join(' ')}`,
    );

    // CSV, 1M rows: floor and import interleaved, so a burst of other load hits both alike.
    let csvParse: StepResult | null = null;
    let csvInsert: StepResult | null = null;
    let csvImport: StepResult | null = null;
    for (let i = 0; i < rounds; i++) {
      csvParse = keep(csvParse, child('parse-csv', csv, ''));
      csvInsert = keep(csvInsert, child('insert', '', fresh('floor-csv.db'), CSV_ROWS));
      csvImport = keep(csvImport, child('import', csv, fresh('import-csv.db')));
    }
    if (!csvParse || !csvInsert || !csvImport) throw new Error('no rounds');
    report('CSV 1,000,000 rows', CSV_ROWS, csvParse.ms, csvInsert.ms, csvImport, 2);
    console.log(
      `  parse floor peak ${fmt(csvParse.maxRssMb)} MB, insert floor peak ${fmt(csvInsert.maxRssMb)} MB`,
    );
    console.log(`  result ${JSON.stringify(csvImport.detail)}`);

    // The ledger of the last import round now holds the snapshot: import it again, unchanged.
    const reimport = best(rounds, () => child('import', csv, path.join(dir, 'import-csv.db')));
    const d = reimport.detail as { batch: number | null; items: { unchanged: number } };
    console.log(
      `CSV re-import, unchanged 1,000,000-row snapshot: ${secs(reimport.ms)} (target < 30 s: ${reimport.ms < 30_000 ? 'met' : 'NOT met'}), ` +
        `peak ${fmt(reimport.maxRssMb)} MB, ${fmt(d.items.unchanged)} unchanged, batch ${JSON.stringify(d.batch)}`,
    );

    // XLSX, 200k rows
    let xParse: StepResult | null = null;
    let xInsert: StepResult | null = null;
    let xImport: StepResult | null = null;
    for (let i = 0; i < rounds; i++) {
      xParse = keep(xParse, child('parse-xlsx', xlsx, ''));
      xInsert = keep(xInsert, child('insert', '', fresh('floor-xlsx.db'), XLSX_ROWS));
      xImport = keep(xImport, child('import', xlsx, fresh('import-xlsx.db')));
    }
    if (!xParse || !xInsert || !xImport) throw new Error('no rounds');
    report('XLSX 200,000 rows', XLSX_ROWS, xParse.ms, xInsert.ms, xImport, 1.5);
    console.log(
      `  parse floor peak ${fmt(xParse.maxRssMb)} MB, insert floor peak ${fmt(xInsert.maxRssMb)} MB`,
    );

    const peak = Math.max(csvImport.maxRssMb, reimport.maxRssMb, xImport.maxRssMb);
    console.log(
      `Peak memory of the imports: ${fmt(peak)} MB (target < 1,536 MB: ${peak < 1536 ? 'met' : 'NOT met'})`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === THIS_FILE) runStep(process.argv.slice(2));
