/**
 * The command line run in-process: the same `runCli` that `npm run cli` (electron/backend/cli.ts)
 * calls, with stdout and stderr collected as the terminal would show them. A spawned `tsx` process
 * costs one to two seconds per command; this costs what the command itself does. The entry point
 * itself (real process, exit code, streams) keeps its own spawned tests in test/api/cli.test.ts.
 */
import { Readable } from 'node:stream';
import { runCli } from '../../electron/backend/cli/run.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run cli -- ...args` with `env` added to this process's environment (as a spawned
 * process would inherit it) and `stdin` piped in. Each line the CLI writes ends with a newline,
 * as on the terminal.
 */
export async function runCliInProcess(
  args: string[],
  env: Record<string, string> = {},
  stdin?: string,
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    {
      out: (t) => {
        stdout += `${t}\n`;
      },
      err: (t) => {
        stderr += `${t}\n`;
      },
      // Piped text, as `echo … | npm run cli -- …` gives it (not a terminal).
      ...(stdin !== undefined
        ? { stdin: Readable.from([Buffer.from(stdin)]) as unknown as NodeJS.ReadStream }
        : {}),
    },
    { ...process.env, ...env },
  );
  return { code, stdout, stderr };
}
