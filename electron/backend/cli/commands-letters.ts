/**
 * CLI commands of letters, e-mail and PEC: the print batch, single letters and statements,
 * sending, the rate table, interest, settings (letterhead, mail accounts, passwords from
 * standard input) and PEC receipts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LetterFile } from '../../../shared/api/contracts/letters.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { percentToBp } from '../../../shared/domain/interest.ts';
import { formatCents } from '../../../shared/domain/money.ts';
import { type Command, type CommandContext, command } from './command.ts';

const need = (value: string | undefined, what: string): string => {
  if (!value)
    throw new AppError('VALIDATION', `Missing ${what}.`, { issues: [{ path: what, message: 'required' }] });
  return value;
};

const idList = (raw: string | undefined, name: string): number[] | undefined => {
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) {
    throw new AppError('VALIDATION', `--${name} must be a comma-separated list of ids, got "${raw}"`);
  }
  return parts.map(Number);
};

/** Copies an archived PDF to where the user asked (the archive keeps its own copy). */
function copyOut(from: string, to: string): string {
  const target = path.resolve(to);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(from, target);
  return target;
}

async function singleLetter(c: CommandContext, template: string): Promise<LetterFile & { file: string }> {
  const customerCode = need(c.args[0], 'CUSTOMER');
  const out = need(c.values.out, '--out FILE');
  const letter = await c.call('letters.create', {
    customerCode,
    template,
    ...(c.values.channel ? { channel: c.values.channel } : {}),
  });
  const file = copyOut(letter.path, out);
  for (const issue of letter.issues) c.io.err(`Warning: ${issue}`);
  return { ...letter, file };
}

const letterHuman = (l: LetterFile & { file: string }) => {
  return `${l.template} for ${l.customerCode} (${l.reference}): ${l.pages} page(s), to pay ${formatCents(l.amounts.toPayCents)} -> ${l.file}`;
};

/** A password from standard input: typed without echo on a terminal, or piped. */
async function readPassword(io: CommandContext['io']): Promise<string> {
  const stdin = io.stdin ?? process.stdin;
  if (stdin.isTTY) {
    io.err('Password (not shown): ');
    stdin.setRawMode(true);
    return new Promise((resolve, reject) => {
      let text = '';
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            stdin.setRawMode(false);
            stdin.off('data', onData);
            stdin.pause();
            resolve(text);
            return;
          }
          if (ch === '\u0003') {
            stdin.setRawMode(false);
            reject(new AppError('CANCELLED', 'Cancelled.'));
            return;
          }
          text = ch === '\u007f' ? text.slice(0, -1) : text + ch;
        }
      };
      stdin.on('data', onData);
      stdin.resume();
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  // One trailing line break is the terminator of `echo`, not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const IMAGE_KEYS: Record<string, 'logo' | 'signature'> = {
  'company.logo': 'logo',
  'company.signature': 'signature',
};

export const LETTER_COMMANDS: Record<string, Command> = {
  letters: command({
    summary:
      "today's letter tasks; `letters --out DIR` prints them (one PDF each + merged), `letters confirm BATCH [--exclude IDS]` marks them sent",
    run: async ({ call, args, values, io }) => {
      if (args[0] === 'confirm') {
        const batchId = Number(need(args[1], 'BATCH'));
        if (!Number.isInteger(batchId))
          throw new AppError('VALIDATION', `Expected a batch id, got "${args[1]}"`);
        return call('letters.confirm', { batchId, excludeTaskIds: idList(values.exclude, 'exclude') ?? [] });
      }
      if (args[0] !== undefined) throw new AppError('VALIDATION', `Unknown letters subcommand "${args[0]}"`);
      if (!values.out) {
        const r = await call('letters.tasks', {});
        for (const w of r.warnings) io.err(`Warning: ${w}`);
        return r;
      }
      const ids = idList(values['task-ids'], 'task-ids');
      const batch = await call('letters.batch', ids ? { taskIds: ids } : {});
      const dir = path.resolve(values.out);
      fs.mkdirSync(dir, { recursive: true });
      const merged = batch.mergedPath
        ? copyOut(batch.mergedPath, path.join(dir, `letters-${batch.date}.pdf`))
        : null;
      const files = batch.files.map((f) => ({
        ...f,
        file: copyOut(f.path, path.join(dir, path.basename(f.path))),
      }));
      for (const s of batch.skipped) io.err(`Skipped task ${s.taskId} (${s.customerCode}): ${s.reason}`);
      return { ...batch, merged, files };
    },
    human: (b) => {
      if ('rows' in b)
        return `${b.rows.length} letter, e-mail and PEC task(s) due today (use --json to list them)`;
      // `letters confirm` (it printed the batch line with its pages and file undefined before).
      if ('tasksDone' in b) return `Batch ${b.batchId}: ${b.tasksDone.length} task(s) marked sent`;
      if (!b.batchId) return 'No letters to print today.';
      return `Batch ${b.batchId}: ${b.letters} letter(s), ${b.pages} page(s) -> ${b.merged}\nAfter printing: letters confirm ${b.batchId}`;
    },
  }),
  letter: command({
    summary:
      'one letter: `letter CUSTOMER --template reminder1|reminder2|formal_notice --out FILE [--channel letter|email|pec]`',
    run: (c) => singleLetter(c, need(c.values.template, '--template NAME')),
    human: letterHuman,
  }),
  statement: command({
    summary: 'statement of account: `statement CUSTOMER --out FILE`',
    run: (c) => singleLetter(c, 'statement'),
    human: letterHuman,
  }),
  send: command({
    summary: "send today's e-mail and PEC tasks through SMTP [--task-ids IDS]",
    run: async ({ call, values }) => {
      const ids = idList(values['task-ids'], 'task-ids');
      return call('letters.send', ids ? { taskIds: ids } : {});
    },
    human: (s) => {
      return [
        `Sent ${s.sent.length}, failed ${s.failed.length}, skipped ${s.skipped.length}`,
        ...s.sent.map((x) => `  sent #${x.taskId} ${x.customerCode} -> ${x.to} ${x.messageId}`),
        ...s.failed.map(
          (x) => `  FAILED #${x.taskId} ${x.customerCode} -> ${x.to} after ${x.attempts}: ${x.error}`,
        ),
        ...s.skipped.map((x) => `  skipped #${x.taskId} ${x.customerCode}: ${x.reason}`),
      ].join('\n');
    },
  }),
  rates: command({
    summary: 'the late-payment rate table; `rates add --from YYYY-MM-DD --ecb PERCENT [--source TEXT]`',
    run: async ({ call, args, values, io }) => {
      if (args[0] === 'add') {
        const ecb = need(values.ecb, '--ecb PERCENT').replace(',', '.');
        if (!/^-?\d+(\.\d+)?$/.test(ecb))
          throw new AppError('VALIDATION', `--ecb must be a percentage such as 2.15, got "${values.ecb}"`);
        percentToBp(ecb);
        return call('rates.add', {
          from: need(values.from, '--from YYYY-MM-DD'),
          ecbPercent: Number(ecb),
          ...(values.source ? { source: values.source } : {}),
        });
      }
      if (args[0] !== undefined) throw new AppError('VALIDATION', `Unknown rates subcommand "${args[0]}"`);
      const r = await call('rates.list', {});
      for (const m of r.missing) {
        io.err(
          `Warning: no late-payment rate for ${m}: it is not published in the shipped table. Add it with \`rates add --from YYYY-MM-DD --ecb PERCENT\`.`,
        );
      }
      return r.rates;
    },
    human: (r) =>
      Array.isArray(r)
        ? r
            .map(
              (x) =>
                `${x.from} – ${x.to}  ECB ${x.ecbPercent.toFixed(2)} %  moratory ${x.moratoryPercent.toFixed(2)} %  (${x.origin})`,
            )
            .join('\n')
        : JSON.stringify(r, null, 2),
  }),
  interest: command({
    summary: 'late-payment interest of a customer per item and half-year: `interest CUSTOMER`',
    run: async ({ call, args }) => call('interest.get', { customerCode: need(args[0], 'CUSTOMER') }),
    human: (x) => {
      return [
        `${x.customerCode}: interest to ${x.calcDate} ${formatCents(x.interestCents)}, flat compensation ${formatCents(x.compensationCents)}${x.claim.feesCents > 0 ? `, dunning fees ${formatCents(x.claim.feesCents)}` : ''}`,
        ...x.items.map(
          (i) =>
            `  ${i.document} due ${i.dueDate} on ${formatCents(i.residualCents)}: ${formatCents(i.interestCents)}`,
        ),
      ].join('\n');
    },
  }),
  settings: command({
    summary:
      'settings (letterhead, mail accounts); `settings set KEY VALUE` (company.logo/company.signature take an image file), `settings set-password smtp|pec` (from standard input)',
    run: async ({ call, args, io }) => {
      const [sub, key, ...rest] = args;
      if (sub === undefined) return call('settings.get', {});
      if (sub === 'set') {
        const k = need(key, 'KEY');
        const value = rest.join(' ');
        const image = IMAGE_KEYS[k];
        if (image) {
          if (value === '') return call('settings.setImage', { kind: image, dataBase64: null });
          if (!fs.existsSync(value)) throw new AppError('VALIDATION', `No such file: ${value}`);
          return call('settings.setImage', {
            kind: image,
            fileName: path.basename(value),
            dataBase64: fs.readFileSync(value).toString('base64'),
          });
        }
        if (rest.length === 0) throw new AppError('VALIDATION', 'Missing VALUE (use "" to clear a setting).');
        return call('settings.set', { values: { [k]: value } });
      }
      if (sub === 'set-password') {
        const account = need(key, 'smtp|pec');
        if (account !== 'smtp' && account !== 'pec')
          throw new AppError('VALIDATION', `Expected smtp or pec, got "${account}"`);
        const password = await readPassword(io);
        return call('settings.setPassword', { account, password });
      }
      throw new AppError('VALIDATION', `Unknown settings subcommand "${sub}"`);
    },
    human: (r) => ('company' in r && r.company ? JSON.stringify(r, null, 2) : JSON.stringify(r)),
  }),
  'pec-receipt': command({
    summary: 'attach a PEC receipt (.eml) to the letter it refers to: `pec-receipt FILE`',
    run: async ({ call, args }) => {
      const file = need(args[0], 'FILE');
      if (!fs.existsSync(file)) throw new AppError('VALIDATION', `No such file: ${file}`);
      return call('letters.receipt', {
        fileName: path.basename(file),
        dataBase64: fs.readFileSync(file).toString('base64'),
      });
    },
  }),
};
