/**
 * What the benchmarks that time a whole CLI command (test/bench/import.ts, test/bench/letters.ts)
 * share: the CLI's bundle as `npm run cli` runs it, the hook that makes its process write its peak
 * RSS, and the figures they print — numbers, the load average, min / median / max over the rounds.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// What `npm run cli` runs: the CLI's bundle (build/cli.mjs builds it first when a source is newer).
export const CLI = path.join(ROOT, 'build/cli.mjs');
/** Preloaded into the CLI's process: writes its peak RSS (worker threads included) where told. */
export const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import fs from 'node:fs'; process.on('exit', () => { if (process.env.BENCH_RSS_FILE) fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS / 1024)); });",
)}`;

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** The load average over 1, 5 and 15 minutes. */
export const load = () =>
  os
    .loadavg()
    .map((l) => fmt(l, 1))
    .join(' ');

/** min, median and max of a figure over the rounds. */
export interface Figure {
  min: number;
  median: number;
  max: number;
}
export function figure(values: number[]): Figure {
  const all = [...values].sort((a, b) => a - b);
  const mid = Math.floor(all.length / 2);
  const median =
    all.length % 2 ? (all[mid] as number) : ((all[mid - 1] as number) + (all[mid] as number)) / 2;
  return { min: all[0] as number, median, max: all.at(-1) as number };
}
