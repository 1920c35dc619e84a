/**
 * The machine's time zone never shifts a date: the same files read in child processes under several TZ
 * values give the same dates (this machine runs in UTC and would hide the bug on its own).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const files = [
  'test/fixtures/samples/scadenzario-2026-10-31.xlsx',
  'test/fixtures/samples/aged-receivables-2026-11-20.xlsx',
  'test/fixtures/samples/partite-aperte-2026-11-20.csv',
  'test/fixtures/import/messy.xlsx',
  'test/fixtures/import/messy.xls',
  'test/fixtures/import/messy.ods',
  'test/fixtures/import/date1904.xlsx',
  'test/fixtures/import/english-utf8-bom.csv',
];

/** Runs in the child: reads every file and prints its zone offset and every date read. */
const script = `
import { readFileSync } from 'node:fs';
const { readImportFile } = await import(${JSON.stringify(pathToFileURL(join(root, 'electron/backend/services/import/read/index.ts')).href)});
const out = { offsetMinutes: new Date(2026, 0, 1).getTimezoneOffset(), files: {} };
for (const f of ${JSON.stringify(files)}) {
  const r = readImportFile(readFileSync(f), f);
  out.files[f] = { asOf: r.asOf, dates: r.rows.map((x) => x.documentDate + ' ' + x.dueDate).join(',') };
}
process.stdout.write(JSON.stringify(out));
`;

interface Output {
  offsetMinutes: number;
  files: Record<string, { asOf: string | null; dates: string }>;
}

function readUnder(tz: string): Output {
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Output;
}

describe('time zones', () => {
  it('gives the same dates under UTC, America/Los_Angeles, Asia/Tokyo and Europe/Rome', () => {
    const utc = readUnder('UTC');
    const la = readUnder('America/Los_Angeles');
    const tokyo = readUnder('Asia/Tokyo');
    const rome = readUnder('Europe/Rome');
    // The zones really differ in the children (the offset of local midnight on 2026-01-01).
    expect([utc.offsetMinutes, la.offsetMinutes, tokyo.offsetMinutes, rome.offsetMinutes]).toEqual([
      0, 480, -540, -60,
    ]);
    expect(Object.keys(utc.files)).toEqual(files);
    expect(utc.files['test/fixtures/import/messy.xlsx']?.dates).toBe(
      '2026-06-15 2026-07-31,2026-06-15 2026-08-31,2026-07-01 2026-07-31,2026-07-01 2026-09-30,2026-08-01 2026-08-01,2026-09-15 2026-10-31,2026-09-15 2026-10-31',
    );
    expect(utc.files['test/fixtures/import/date1904.xlsx']?.dates).toBe(' 2026-10-31, 2026-07-01');
    expect(la.files).toEqual(utc.files);
    expect(tokyo.files).toEqual(utc.files);
    expect(rome.files).toEqual(utc.files);
  }, 120_000);
});
