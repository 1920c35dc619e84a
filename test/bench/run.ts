/**
 * `npm run bench [-- NAME…]`: the benchmarks (not part of `npm test`). They print figures against
 * their targets and never fail on them. Without names, all run.
 */
import { benchBank } from './bank.ts';
import { benchDunning } from './dunning.ts';
import { benchImport } from './import.ts';
import { benchLetters } from './letters.ts';
import { benchReports } from './reports.ts';
import { benchWorklist } from './worklist.ts';

const BENCHES: Record<string, () => Promise<void>> = {
  import: benchImport,
  dunning: benchDunning,
  letters: benchLetters,
  reports: benchReports,
  bank: benchBank,
  worklist: benchWorklist,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown bench: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  await run();
}
