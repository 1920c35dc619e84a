/**
 * Letters benchmark, measured as the user waits (issue #18 point 5): 1,000 formal notices (each
 * with three overdue invoices, a credit note, interest over two half-years and the payment QR
 * code) from the click to the merged PDF on disk:
 *   CLI   = the whole `npm run cli -- letters --out DIR` command (start-up, composing the letters,
 *           rendering them in worker threads, one PDF each + the merged PDF, archiving, copying
 *           out), minus npm's own start-up;
 *   app   = the app's batch job (`letters.batch` dispatched as the Letters page does, browser
 *           mode: rendering in worker threads), from the request to its answer;
 *   floor = stock pdfmake (no shared fonts, one thread) laying out and writing the same 1,000
 *           letters as one merged document — what the merged PDF alone costs with the library.
 * Each figure runs BENCH_ROUNDS times (default 3), interleaved, each in its own process (its peak
 * RSS, worker threads included, is its own); min and median are printed with the load average,
 * the ratio to the floor and the goals: < 30 s from click to merged PDF, peak RSS < 800 MB.
 * Prints figures; never fails on them.
 *
 *   npm run bench -- letters      (BENCH_LETTERS=200 for a quick look; the goals are for 1,000)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pdfmake from 'pdfmake';
import { closeLedger } from '../../db/open.ts';
import { customersByIds } from '../../db/queries/letters.ts';
import { createBackend } from '../../electron/backend/app.ts';
import { dispatch } from '../../electron/backend/dispatch.ts';
import { letterAssets } from '../../electron/backend/services/letters/assets.ts';
import { composeMany, letterContext } from '../../electron/backend/services/letters/load.ts';
import { lettersDocument, prepareLetter } from '../../electron/backend/services/letters/pdf.ts';
import type { BatchResult } from '../../shared/api/contracts/letters.ts';
import type { LetterModel } from '../../shared/domain/letters/model.ts';
import { CLI, type Figure, figure, fmt, load, ROOT, RSS_HOOK } from '../helpers/bench.ts';
import { addCustomer, addItem, addLetterTask, setLetterhead } from '../helpers/letters.ts';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 1000);
const TODAY = '2026-11-23';
const GOAL_S = 30;
const GOAL_RSS_MB = 800;

const THIS_FILE = fileURLToPath(import.meta.url);

interface StepResult {
  ms: number;
  /** CPU seconds of the process, worker threads included (user + system). */
  cpuS: number;
  maxRssMb: number;
  detail?: unknown;
}

// ---------- the ledger ----------

/** A ledger with LETTERS customers, each with a formal notice due today. */
async function seed(dbPath: string): Promise<void> {
  const ctx = await createBackend({ dbPath, mode: 'cli', today: TODAY });
  try {
    await setLetterhead(ctx.db);
    // The rate of H2 2026, added as a manager would (the shipped table may not have it yet).
    const rate = await dispatch(ctx, {
      method: 'rates.add',
      input: { from: '2026-07-01', ecbPercent: 2.15 },
      userId: 1,
    });
    if (!rate.ok) throw new Error(rate.error.message);
    ctx.db.transaction(() => {
      for (let i = 1; i <= LETTERS; i++) {
        const id = addCustomer(ctx.db, {
          code: `C${String(i).padStart(5, '0')}`,
          name:
            i % 10 === 0
              ? `Officina Meccanica di Precisione Fratelli ${i} & Figli S.n.c. in liquidazione`
              : `Cliente ${i} S.r.l.`,
          address: `Via Giuseppe Garibaldi ${i}, 20121 Milano (MI)`,
          vat: `IT${String(10_000_000_000 + i).slice(1)}`,
        });
        addItem(ctx.db, id, {
          number: `FT ${i}/2026`,
          date: '2026-03-02',
          due: '2026-04-30',
          amount: 254_489 + i,
        });
        addItem(ctx.db, id, {
          number: `FT ${i + 5000}/2026`,
          date: '2026-05-10',
          due: '2026-06-30',
          amount: 1_220_000,
          residual: 800_000,
        });
        addItem(ctx.db, id, {
          number: `FT ${i + 9000}/2026`,
          date: '2026-08-01',
          due: '2026-09-30',
          amount: 98_000,
        });
        addItem(ctx.db, id, {
          type: 'credit_note',
          number: `NC ${i}/2026`,
          date: '2026-07-15',
          due: '2026-07-15',
          amount: -12_000,
        });
        addLetterTask(ctx.db, id, 'letter', 'formal_notice', TODAY);
      }
    });
  } finally {
    closeLedger(ctx.db);
  }
}

// ---------- the measured steps (each in a child process) ----------

const cpuNow = () => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
};

/** The app's batch job: the request as the Letters page sends it, in browser mode (worker threads). */
async function appStep(dbPath: string): Promise<StepResult> {
  const ctx = await createBackend({ dbPath, mode: 'browser', today: TODAY });
  try {
    const c0 = cpuNow();
    const t = performance.now();
    const res = await dispatch(ctx, { method: 'letters.batch', input: {}, userId: 1, job: 'bench' });
    const ms = performance.now() - t;
    if (!res.ok) throw new Error(res.error.message);
    const b = res.data as BatchResult;
    if (b.letters !== LETTERS) throw new Error(`the batch printed ${b.letters} of ${LETTERS}`);
    return {
      ms,
      cpuS: cpuNow() - c0,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      detail: { letters: b.letters, pages: b.pages, mergedBytes: fs.statSync(b.mergedPath ?? '').size },
    };
  } finally {
    closeLedger(ctx.db);
  }
}

/** Stock pdfmake: the shipped fonts in its virtual file system, nothing shared between documents. */
function stockPdfmake(): typeof pdfmake {
  const dir = letterAssets().fontsDir;
  const files = {
    normal: 'LiberationSans-Regular.ttf',
    bold: 'LiberationSans-Bold.ttf',
    italics: 'LiberationSans-Italic.ttf',
    bolditalics: 'LiberationSans-BoldItalic.ttf',
  };
  for (const file of Object.values(files))
    pdfmake.virtualfs.writeFileSync(file, fs.readFileSync(path.join(dir, file)));
  pdfmake.setFonts({ LiberationSans: files });
  return pdfmake;
}

/** The floor: the same letters' merged document laid out and written by stock pdfmake, in one thread. */
async function floorStep(dbPath: string): Promise<StepResult> {
  const ctx = await createBackend({ dbPath, mode: 'cli', today: TODAY });
  let models: LetterModel[];
  let images: Awaited<ReturnType<typeof letterContext>>['images'];
  try {
    const lctx = await letterContext(ctx.db, ctx.dataDir, TODAY);
    images = lctx.images;
    const ids = ctx.db.$client.prepare('SELECT id FROM customers ORDER BY id').pluck().all() as number[];
    models = (
      await composeMany(
        ctx.db,
        lctx,
        (
          await customersByIds(ctx.db, ids)
        ).map((customer) => ({
          customer,
          template: 'formal_notice' as const,
          channel: 'letter' as const,
        })),
      )
    ).flatMap((c) => (c.model ? [c.model] : []));
  } finally {
    closeLedger(ctx.db);
  }
  if (models.length !== LETTERS) throw new Error(`composed ${models.length} of ${LETTERS}`);
  const engine = stockPdfmake();
  const { doc } = lettersDocument(models.map(prepareLetter), images);
  const c0 = cpuNow();
  const t = performance.now();
  const pdf = await engine.createPdf(doc).getBuffer();
  return {
    ms: performance.now() - t,
    cpuS: cpuNow() - c0,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    detail: { bytes: pdf.length },
  };
}

async function runStep(argv: string[]): Promise<void> {
  const [step, dbPath = ''] = argv;
  const r = step === 'app' ? await appStep(dbPath) : await floorStep(dbPath);
  console.log(`BENCH ${JSON.stringify(r)}`);
  process.exit(0);
}

function child(step: 'app' | 'floor', dbPath: string): StepResult {
  const res = spawnSync(process.execPath, ['--import', 'tsx', THIS_FILE, step, dbPath], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    cwd: ROOT,
  });
  const line = res.stdout.split('\n').find((l) => l.startsWith('BENCH '));
  if (res.status !== 0 || !line) throw new Error(`bench step ${step} failed:\n${res.stderr}`);
  return JSON.parse(line.slice(6)) as StepResult;
}

/** `npm run cli -- letters --out DIR` as the user runs it (minus npm's own start-up). */
function cli(dbPath: string, out: string): StepResult {
  const rssFile = `${dbPath}.rss`;
  const t = performance.now();
  const res = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'BENCHCPU %U %S',
      process.execPath,
      '--import',
      RSS_HOOK,
      CLI,
      'letters',
      '--out',
      out,
      '--db',
      dbPath,
      '--today',
      TODAY,
      '--json',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      cwd: ROOT,
    },
  );
  const ms = performance.now() - t;
  if (res.status !== 0) throw new Error(`letters --out failed (${res.status}):\n${res.stderr}`);
  const cpu = /BENCHCPU ([\d.]+) ([\d.]+)/.exec(res.stderr);
  const out1 = JSON.parse(res.stdout) as { letters: number; pages: number; merged: string };
  if (out1.letters !== LETTERS) throw new Error(`the CLI printed ${out1.letters} of ${LETTERS}`);
  return {
    ms,
    cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN,
    maxRssMb: Number(fs.readFileSync(rssFile, 'utf8')),
    detail: { letters: out1.letters, pages: out1.pages, mergedBytes: fs.statSync(out1.merged).size },
  };
}

// ---------- the figures ----------

const check = (ok: boolean) => (ok ? 'met' : 'NOT met');

function step(label: string, r: StepResult): StepResult {
  console.log(
    `  · ${label}: ${fmt(r.ms / 1000, 1)} s (CPU ${fmt(r.cpuS, 1)} s), peak RSS ${fmt(r.maxRssMb)} MB (load ${load()})`,
  );
  return r;
}

function report(label: string, steps: StepResult[], floor: Figure | null): void {
  const t = figure(steps.map((s) => s.ms / 1000));
  const cpu = figure(steps.map((s) => s.cpuS));
  const rss = figure(steps.map((s) => s.maxRssMb));
  const ratio = floor
    ? `; ratio to the floor (min/min) ${fmt(t.min / floor.min, 2)}×, median/median ${fmt(t.median / floor.median, 2)}×`
    : '';
  console.log(
    `${label}: min ${fmt(t.min, 1)} s, median ${fmt(t.median, 1)} s = ${fmt((t.median * 1000) / LETTERS, 1)} ms/letter (CPU median ${fmt(cpu.median, 1)} s)${ratio}`,
  );
  if (floor)
    console.log(
      `  goal < ${GOAL_S} s: ${check(t.median < GOAL_S)}; peak RSS min ${fmt(rss.min)} MB, median ${fmt(rss.median)} MB, max ${fmt(rss.max)} MB, goal < ${GOAL_RSS_MB} MB: ${check(rss.max < GOAL_RSS_MB)}`,
    );
}

export async function benchLetters(): Promise<void> {
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incasso-bench-letters-'));
  // The CLI's bundle is built once after a change, by the first `npm run cli`: not part of any run here.
  spawnSync(process.execPath, [CLI, '--help'], { cwd: ROOT, stdio: 'ignore' });
  try {
    const seeded = path.join(dir, 'seed.db');
    await seed(seeded);
    /** Each run prints into its own copy of the seeded ledger (a batch archives its letters). */
    const copy = (name: string) => {
      const dbPath = path.join(dir, name, 'ledger.db');
      fs.mkdirSync(path.dirname(dbPath));
      fs.copyFileSync(seeded, dbPath);
      return dbPath;
    };
    console.log(
      `letters: ${fmt(LETTERS)} formal notices, ${rounds} round(s) on ${os.availableParallelism()} cores, load average ${load()}`,
    );
    const floor: StepResult[] = [];
    const cliRuns: StepResult[] = [];
    const appRuns: StepResult[] = [];
    for (let i = 0; i < rounds; i++) {
      floor.push(step(`round ${i + 1} floor (stock pdfmake, merged, one thread)`, child('floor', seeded)));
      const db = copy(`cli-${i}`);
      cliRuns.push(step(`round ${i + 1} CLI letters --out`, cli(db, path.join(path.dirname(db), 'out'))));
      appRuns.push(step(`round ${i + 1} app batch job`, child('app', copy(`app-${i}`))));
    }
    const f = figure(floor.map((s) => s.ms / 1000));
    const d = cliRuns.at(-1)?.detail as { pages: number; mergedBytes: number };
    console.log(`load average after the rounds: ${load()}`);
    console.log(
      `floor, stock pdfmake merged (${fmt(LETTERS)} letters, one thread): min ${fmt(f.min, 1)} s, median ${fmt(f.median, 1)} s, peak RSS max ${fmt(figure(floor.map((s) => s.maxRssMb)).max)} MB`,
    );
    report(
      `whole \`letters --out\` command (${fmt(d.pages)} pages, merged ${fmt(d.mergedBytes / 1e6, 1)} MB)`,
      cliRuns,
      f,
    );
    report("the app's batch job (click to merged PDF)", appRuns, f);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === THIS_FILE) {
  if (process.argv[2]) await runStep(process.argv.slice(2));
  else await benchLetters();
}
