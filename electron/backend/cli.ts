/** Entry point of `npm run cli -- <command> …`. */
import { runCli } from './cli/run.ts';

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
});
process.exitCode = code;
