import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files start first, so the two workers end together instead of one waiting on a late
 * e2e file. Vitest orders by the last run's durations when it has them (a developer's machine) and by
 * file size otherwise (a clean clone: CI), which starts a 90 s browser test after a 20 ms unit file of
 * more lines. Here the end-to-end files (a browser and a server each) go first, then the files that
 * spawn processes, then the rest in vitest's own order.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = (spec: TestSpecification): number => {
      const file = spec.moduleId.split(path.sep).join('/');
      if (file.includes('/test/e2e/')) return 0;
      const source = fs.readFileSync(spec.moduleId, 'utf8');
      return /\b(spawn|spawnSync|execFile|execFileSync|fork)\(/.test(source) ? 1 : 2;
    };
    const sorted = await super.sort(files);
    const weights = new Map(sorted.map((spec) => [spec, weight(spec)]));
    // Array.prototype.sort is stable: within a weight, vitest's order stays.
    return sorted.sort((a, b) => (weights.get(a) ?? 2) - (weights.get(b) ?? 2));
  }
}

/** Test files that run in a process of their own (see `projects` below). */
const ISOLATED = ['test/e2e/**/*.test.ts', 'test/ui/**/*.test.ts', 'test/ui/**/*.test.tsx'];

export default defineConfig({
  plugins: [react()],
  test: {
    // Which files: see `projects` (each project's `include` adds to this one's, so it stays unset).
    environment: 'node',
    // Real SQLite files and a real browser: child processes (not threads), 2 cores here.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        // The browser tests and the jsdom UI tests: a new process for each file, as before (a jsdom
        // window and a Chromium each per file; sharing a process made UI tests fail and run slower).
        extends: true,
        test: { name: 'isolated', include: ISOLATED },
      },
      {
        /**
         * The Node tests (api, db, unit) share their worker processes: a process runs file after file
         * with the backend's modules already loaded. With a new process per file each of ~100 files
         * loaded them again (3–5 s of "import" each, as much as many files' tests): twelve api/db files
         * took 56 s alone, 26 s shared. These files leave no global state behind (each test opens its
         * own ledger in its own folder; the few that change the environment or spy restore it).
         * A shared process keeps the modules it loaded first: a source file edited during a run is
         * seen by the next run, not by the files left in this one.
         */
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ISOLATED],
          isolate: false,
        },
      },
    ],
  },
});
