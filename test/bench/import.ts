/**
 * Import benchmark, measured as the user waits: the whole CLI command (`npm run cli -- import
 * FILE`: start-up, the pre-import backup, the read, the sync, the write and the dunning run that
 * follows), on a generated 1,000,000-row CSV and a 200,000-row XLSX in the 17-column layout of a
 * real export, each into a fresh ledger, then the unchanged re-import of the 1M snapshot. In the
 * same run, interleaved with the imports so a burst of other load hits both alike, the floors:
 *   CSV  floor = parsing the file with the reader's library and options + inserting the same
 *                rows with one prepared statement into an empty (indexed) ledger;
 *   XLSX floor = SheetJS dense parse of the file only.
 * Every figure runs BENCH_ROUNDS times (default 3), each in its own process (its peak RSS is its
 * own); min and median are printed with the load average before and after, then checked against
 * the goals of issue #18: CSV ≤ 2× floor, XLSX ≤ 1.5× floor, peak RSS < 600 MB (CSV) and < 1 GB
 * (XLSX), unchanged 1M re-import < 5 s with no backup written. Prints figures; never fails on them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import * as XLSX from 'xlsx';
import { closeLedger, openLedger } from '../../db/open.ts';
import { WORKBOOK_READ_OPTIONS } from '../../electron/backend/services/import/read/workbook-source.ts';
import { addDays, toDayNumber } from '../../shared/domain/dates.ts';
import { italianVatCheckDigit } from '../../shared/domain/vat.ts';
import { CLI, type Figure, figure, fmt, load, ROOT, RSS_HOOK } from '../helpers/bench.ts';

/** BENCH_CSV_ROWS / BENCH_XLSX_ROWS: smaller files for a quick look (the goals are for the defaults). */
const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 200_000);
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

/** The XLSX adds what a real export carries beside the 11 columns (17 in all); the CSV stays at 11. */
const XLSX_EXTRA_HEADERS = ['Cond. Pagamento', 'Banca', 'Valuta', 'Protocollo', 'Città', 'Note'];
const TERMS = ['RB 30 gg FM', 'RB 60 gg FM', 'BB 30 gg DF', 'RD 90 gg FM'];
const BANKS = ['Intesa Sanpaolo - Fil. 1234', 'UniCredit - Ag. 56', 'BPER Banca - Fil. 78'];
const CITIES = ['Milano', 'Torino', 'Bologna', 'Roma', 'Napoli', 'Palermo', 'Verona'];

export function writeXlsx(file: string, rows: number): void {
  const aoa: (string | number)[][] = [[...HEADERS, ...XLSX_EXTRA_HEADERS]];
  for (let i = 0; i < rows; i++) {
    const r = genRow(i);
    const c = Math.floor(i / ITEMS_PER_CUSTOMER);
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
      TERMS[c % TERMS.length] as string,
      BANKS[c % BANKS.length] as string,
      'EUR',
      100_000 + i,
      CITIES[c % CITIES.length] as string,
      i % 11 === 0 ? 'sollecitata' : '',
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

/** Same library, options and chunking as read/csv-source.ts: csv-parse's sync API over ~256 KB chunks of records. */
function parseCsvFloor(file: string): unknown {
  const data = fs.readFileSync(file);
  let records = 0;
  const CHUNK = 256 * 1024;
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
  const wb = XLSX.read(fs.readFileSync(file), WORKBOOK_READ_OPTIONS);
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

function runStep(argv: string[]): void {
  const [step, file, dbFile, rows] = argv as [string, string, string, string];
  let result: StepResult;
  if (step === 'parse-csv') result = timed(() => parseCsvFloor(file));
  else if (step === 'parse-xlsx') result = timed(() => parseXlsxFloor(file));
  else if (step === 'insert') result = insertFloor(dbFile, Number(rows));
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

/** `npm run cli -- ARGS` as the user runs it (minus npm's own start-up): wall time and peak RSS. */
function cli(args: string[], dbFile: string): StepResult {
  const rssFile = `${dbFile}.rss`;
  const t = performance.now();
  const res = spawnSync(process.execPath, ['--import', RSS_HOOK, CLI, ...args, '--db', dbFile, '--json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, INCASSO_TODAY: AS_OF, BENCH_RSS_FILE: rssFile },
    cwd: ROOT,
  });
  const ms = performance.now() - t;
  if (res.status !== 0)
    throw new Error(
      `cli ${args.join(' ')} failed (${res.status}):\n${res.stderr}\n${res.stdout.slice(0, 2000)}`,
    );
  const maxRssMb = Number(fs.readFileSync(rssFile, 'utf8'));
  return { ms, maxRssMb, detail: JSON.parse(res.stdout) };
}

function cliImport(file: string, dbFile: string): StepResult {
  return cli(['import', file, '--as-of', AS_OF], dbFile);
}

const secs = (ms: number) => `${fmt(ms / 1000, 1)} s`;
const ms = (steps: StepResult[]) => figure(steps.map((x) => x.ms));
const rss = (steps: StepResult[]) => figure(steps.map((x) => x.maxRssMb));
const timeLine = (f: Figure) => `min ${secs(f.min)}, median ${secs(f.median)}`;
const mbLine = (f: Figure) =>
  `peak RSS min ${fmt(f.min)} MB, median ${fmt(f.median)} MB, max ${fmt(f.max)} MB`;
const check = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** Each measurement as it lands, with the load at that moment (a long run can be read while it goes). */
function step(label: string, r: StepResult): StepResult {
  console.log(`  · ${label}: ${secs(r.ms)}, peak RSS ${fmt(r.maxRssMb)} MB (load ${load()})`);
  return r;
}

function backupsOf(dbFile: string): number {
  const dir = path.join(path.dirname(dbFile), `${path.parse(dbFile).name}-backups`);
  try {
    return fs.readdirSync(dir).filter((n) => !n.endsWith('.partial')).length;
  } catch {
    return 0;
  }
}

export async function benchImport(): Promise<void> {
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incasso-bench-import-'));
  const fresh = (name: string) => {
    fs.rmSync(path.join(dir, `${path.parse(name).name}-backups`), { recursive: true, force: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, name + suffix), { force: true });
    return path.join(dir, name);
  };
  /**
   * A new empty ledger, set up as `init` does (not timed: it is not part of an import). The first also
   * builds the CLI's bundle when a source is newer, as the first `npm run cli` after a change does.
   */
  const ledger = (name: string) => {
    const db = fresh(name);
    cli(['init'], db);
    return db;
  };
  try {
    // BENCH_FILES=DIR keeps the generated files there between runs (generating them takes minutes).
    const filesDir = process.env.BENCH_FILES ?? dir;
    fs.mkdirSync(filesDir, { recursive: true });
    const csv = path.join(filesDir, `scadenzario-${CSV_ROWS}.csv`);
    const xlsx = path.join(filesDir, `scadenzario-${XLSX_ROWS}.xlsx`);
    const t = performance.now();
    if (!fs.existsSync(csv)) writeCsv(csv, CSV_ROWS);
    if (!fs.existsSync(xlsx)) writeXlsx(xlsx, XLSX_ROWS);
    console.log(
      `Import bench: generated ${fmt(CSV_ROWS)}-row CSV (${fmt(fs.statSync(csv).size / 1e6)} MB, 11 columns) and ` +
        `${fmt(XLSX_ROWS)}-row XLSX (${fmt(fs.statSync(xlsx).size / 1e6)} MB, 17 columns) in ${secs(performance.now() - t)}; ` +
        `${rounds} runs per figure (BENCH_ROUNDS); ${os.cpus().length} cores; load average (1/5/15 min) ${load()}`,
    );

    // CSV, 1M rows: floor and whole command interleaved, so a burst of other load hits both alike.
    const csvParse: StepResult[] = [];
    const csvInsert: StepResult[] = [];
    const csvImport: StepResult[] = [];
    const reimport: StepResult[] = [];
    let reimportBackups = 0;
    let last: StepResult | null = null;
    for (let i = 0; i < rounds; i++) {
      csvParse.push(step(`round ${i + 1} CSV parse floor`, child('parse-csv', csv, '')));
      csvInsert.push(
        step(`round ${i + 1} CSV insert floor`, child('insert', '', fresh('floor-csv.db'), CSV_ROWS)),
      );
      const db = ledger('import-csv.db');
      last = step(`round ${i + 1} CSV import command`, cliImport(csv, db));
      csvImport.push(last);
      const before = backupsOf(db);
      reimport.push(step(`round ${i + 1} CSV unchanged re-import command`, cliImport(csv, db)));
      reimportBackups += backupsOf(db) - before;
    }
    const parse = ms(csvParse);
    const insert = ms(csvInsert);
    const whole = ms(csvImport);
    const floorMin = parse.min + insert.min;
    const ratio = whole.min / floorMin;
    const csvRss = rss(csvImport);
    console.log(`load average after the CSV rounds: ${load()}`);
    console.log(
      `CSV ${fmt(CSV_ROWS)} rows, whole \`import\` command (start-up, backup, read, sync, write, dunning run): ${timeLine(whole)} ` +
        `= ${fmt(CSV_ROWS / (whole.min / 1000))} rows/s; ${mbLine(csvRss)}`,
    );
    console.log(
      `  floor: parse ${timeLine(parse)} + indexed insert ${timeLine(insert)} = ${secs(floorMin)} (min + min); ` +
        `floor peaks ${fmt(rss(csvParse).max)} / ${fmt(rss(csvInsert).max)} MB`,
    );
    console.log(
      `  ratio (min/min) ${fmt(ratio, 2)}× (goal ≤ 2×: ${check(ratio <= 2)}), median/median ${fmt(whole.median / (parse.median + insert.median), 2)}×; ` +
        `peak RSS goal < 600 MB: ${check(csvRss.max < 600)}`,
    );
    console.log(
      `  result ${JSON.stringify({ rows: (last?.detail as { rows?: unknown })?.rows, items: (last?.detail as { items?: unknown })?.items })}`,
    );
    const re = ms(reimport);
    const reRss = rss(reimport);
    const d = reimport.at(-1)?.detail as { batch: number | null; items: { unchanged: number } };
    console.log(
      `CSV re-import, unchanged ${fmt(CSV_ROWS)}-row snapshot, whole command: ${timeLine(re)} (goal < 5 s: ${check(re.median < 5000)}); ` +
        `${mbLine(reRss)}; ${fmt(d.items.unchanged)} unchanged, batch ${JSON.stringify(d.batch)}, ` +
        `backups written ${reimportBackups} (goal 0: ${check(reimportBackups === 0)})`,
    );

    // XLSX, 200k rows, 17 columns
    const xParse: StepResult[] = [];
    const xImport: StepResult[] = [];
    for (let i = 0; i < rounds; i++) {
      xParse.push(step(`round ${i + 1} XLSX parse floor`, child('parse-xlsx', xlsx, '')));
      xImport.push(step(`round ${i + 1} XLSX import command`, cliImport(xlsx, ledger('import-xlsx.db'))));
    }
    const xp = ms(xParse);
    const xi = ms(xImport);
    const xRss = rss(xImport);
    const xRatio = xi.min / xp.min;
    console.log(`load average after the XLSX rounds: ${load()}`);
    console.log(
      `XLSX ${fmt(XLSX_ROWS)} rows, whole \`import\` command: ${timeLine(xi)} = ${fmt(XLSX_ROWS / (xi.min / 1000))} rows/s; ${mbLine(xRss)}`,
    );
    console.log(
      `  floor: SheetJS dense parse only ${timeLine(xp)}, peak ${fmt(rss(xParse).max)} MB; ` +
        `ratio (min/min) ${fmt(xRatio, 2)}× (goal ≤ 1.5×: ${check(xRatio <= 1.5)}), median/median ${fmt(xi.median / xp.median, 2)}×; ` +
        `peak RSS goal < 1,000 MB: ${check(xRss.max < 1000)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === THIS_FILE) runStep(process.argv.slice(2));
