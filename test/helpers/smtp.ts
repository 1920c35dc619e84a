/**
 * A real SMTP server in-process on loopback (smtp-server) for the mail tests: plain text (no
 * STARTTLS), login optional, every accepted message parsed with mailparser into `received`.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Inbox {
  server: SMTPServer;
  /** The port it listens on at 127.0.0.1. */
  port: number;
  received: ParsedMail[];
  /** Stops the server (its open connections too). */
  close: () => Promise<void>;
}

/** The hooks a test may add: how a login or a recipient is answered. */
export type InboxHooks = Pick<SMTPServerOptions, 'onAuth' | 'onRcptTo'>;

/**
 * Starts a server; `extra` is the test's own state kept on the inbox (counters, switches), which
 * the hooks made by `hooks` can read and write.
 */
export async function startInbox<X extends object = Record<never, never>>(
  extra: X = {} as X,
  hooks: (inbox: Inbox & X) => InboxHooks = () => ({}),
): Promise<Inbox & X> {
  const inbox = Object.assign({ received: [] as ParsedMail[] }, extra) as Inbox & X;
  inbox.server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    ...hooks(inbox),
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((mail) => {
          inbox.received.push(mail);
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => inbox.server.listen(0, '127.0.0.1', resolve));
  inbox.port = (inbox.server.server.address() as AddressInfo).port;
  inbox.close = () => new Promise<void>((resolve) => inbox.server.close(() => resolve()));
  return inbox;
}

/** An `onAuth` hook that accepts only this password (the user named is the one signed in). */
export function passwordOnly(password: string): NonNullable<InboxHooks['onAuth']> {
  return (auth, _session, cb) => {
    if (auth.password !== password) return cb(new Error('Invalid username or password'));
    cb(null, { user: auth.username });
  };
}
