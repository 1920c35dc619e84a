import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
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

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Real SQLite files and a real browser: keep files in separate processes, 2 cores here.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    sequence: { sequencer: LongestFirst },
  },
});
