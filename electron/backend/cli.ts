/** Entry point of `npm run cli -- <command> …`. */
import { terminalPasswordPrompt } from './cli/prompt.ts';
import { runCli } from './cli/run.ts';

// `… | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  askPassword: terminalPasswordPrompt(),
});
process.exitCode = code;
