/**
 * Reads a password from the terminal without echoing it. Only offered when stdin is a terminal:
 * a script with no terminal gets exit 2 and a message instead of a prompt that would hang.
 */
export function terminalPasswordPrompt(
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): ((question: string) => Promise<string>) | undefined {
  if (!input.isTTY) return undefined;
  return (question) =>
    new Promise((resolve, reject) => {
      output.write(question);
      input.setRawMode(true);
      input.resume();
      input.setEncoding('utf8');
      let typed = '';
      const done = (err: Error | null) => {
        input.setRawMode(false);
        input.pause();
        input.removeListener('data', onData);
        output.write('\n');
        if (err) reject(err);
        else resolve(typed);
      };
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(null);
          if (ch === '\u0003') return done(new Error('Cancelled.'));
          if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      input.on('data', onData);
    });
}
