/**
 * SMTP through nodemailer: one transport per account (ordinary mail or PEC), a send that retries
 * with exponential backoff and reports every attempt with the server's reply, and the invoice
 * PDFs to attach, matched by document number in a configured folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { MailAccount } from '../settings/store.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** PDF unless said otherwise (a notification's XLSX list). */
  attachments: { filename: string; content: Buffer; contentType?: string }[];
}

export type SendOutcome =
  | { ok: true; messageId: string; response: string; attempts: number }
  | { ok: false; error: string; attempts: number };

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string; response: string }>;
  verify(): Promise<void>;
  close(): void;
}

type Smtp = Transporter<SMTPTransport.SentMessageInfo>;

export class MailConfigError extends Error {}

/**
 * A server on this machine named by its loopback address (127.x.x.x, ::1, localhost): a local test
 * server, the one place a password may travel without TLS.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function mailer(account: MailAccount): Mailer {
  if (!account.host)
    throw new MailConfigError(
      `the ${account.name} account has no host (settings set ${account.name}.host …)`,
    );
  if (!account.from)
    throw new MailConfigError(
      `the ${account.name} account has no sender (settings set ${account.name}.from …)`,
    );
  // nodemailer loads on the first send or check: a command or an app session that sends nothing
  // (most of them: imports, the worklist, reports) never pays its start-up and memory.
  // One transport however many sends start at once (the promise is shared).
  let transport: Smtp | null = null;
  let opening: Promise<Smtp> | null = null;
  const open = (): Promise<Smtp> =>
    (opening ??= import('nodemailer').then(({ default: nodemailer }) => {
      transport = nodemailer.createTransport({
        host: account.host,
        port: account.port,
        secure: account.secure,
        // The password only over TLS: implicit TLS (`secure`), or STARTTLS required (a server that does
        // not offer it is refused before AUTH); certificates are verified (nodemailer's default).
        requireTLS: !account.secure && !isLoopbackHost(account.host),
        ...(account.user ? { auth: { user: account.user, pass: account.password ?? '' } } : {}),
        // A server that does not answer must not hold a clerk's send run for minutes.
        connectionTimeout: 20_000,
        greetingTimeout: 20_000,
        socketTimeout: 60_000,
      });
      return transport;
    }));
  return {
    async send(mail) {
      const info = await (await open()).sendMail({
        from: account.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        attachments: mail.attachments.map((a) => ({ ...a, contentType: a.contentType ?? 'application/pdf' })),
      });
      return { messageId: info.messageId, response: info.response };
    },
    async verify() {
      await (await open()).verify();
    },
    close() {
      transport?.close();
    },
  };
}

/** The server's words when it has them ("550 5.7.1 …"), else the error. */
export function serverReply(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { response?: unknown; message?: unknown };
    if (typeof e.response === 'string' && e.response) return e.response;
    if (typeof e.message === 'string') return e.message;
  }
  return String(err);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * Sends, retrying failures after `delayMs`, 2×, 4×… up to `attempts` tries; every attempt is
 * reported. A cancel stops the retries (the message counts as failed with the last reply).
 */
export async function sendWithRetry(
  m: Mailer,
  mail: OutgoingMail,
  opts: {
    attempts: number;
    delayMs: number;
    signal: AbortSignal;
    onAttempt: (ok: boolean, response: string) => Promise<void> | void;
  },
): Promise<SendOutcome> {
  let error = '';
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    try {
      const r = await m.send(mail);
      await opts.onAttempt(true, r.response);
      return { ok: true, messageId: r.messageId, response: r.response, attempts: attempt };
    } catch (err) {
      error = serverReply(err);
      await opts.onAttempt(false, error);
      if (attempt === opts.attempts || opts.signal.aborted) return { ok: false, error, attempts: attempt };
      await sleep(opts.delayMs * 2 ** (attempt - 1), opts.signal);
    }
  }
  return { ok: false, error, attempts: opts.attempts };
}

/**
 * Invoice PDFs in `folder` whose name carries one of the document numbers as a whole token:
 * "FT 2026/123" matches "FT_2026-123.pdf" or "fattura 2026_123.pdf", never "2026_1234.pdf".
 */
export function matchInvoiceFiles(files: readonly string[], documentNumbers: readonly string[]): string[] {
  const patterns = documentNumbers
    .map((d) => d.trim())
    .filter((d) => /[0-9]/.test(d))
    .map((d) => {
      const tokens = d.split(/[^A-Za-z0-9]+/).filter(Boolean);
      // The trailing numeric part identifies the invoice; a prefix like "FT" may or may not be in the file name.
      const core = tokens.filter((t, i) => i > 0 || /[0-9]/.test(t));
      const body = core.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^A-Za-z0-9]*');
      return new RegExp(`(^|[^A-Za-z0-9])${body}($|[^A-Za-z0-9])`, 'i');
    });
  return files.filter((f) => {
    const base = path.basename(f, path.extname(f));
    return f.toLowerCase().endsWith('.pdf') && patterns.some((re) => re.test(base));
  });
}

export function invoiceAttachments(
  folder: string,
  documentNumbers: readonly string[],
  listing?: readonly string[],
): { filename: string; content: Buffer }[] {
  if (!folder || !fs.existsSync(folder)) return [];
  const files = listing ?? fs.readdirSync(folder);
  return matchInvoiceFiles(files, documentNumbers).map((f) => ({
    filename: f,
    content: fs.readFileSync(path.join(folder, f)),
  }));
}
