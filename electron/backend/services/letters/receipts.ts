/**
 * PEC receipts imported as .eml: the provider's "accettazione" and "avvenuta consegna" messages
 * are the legal proof of delivery (REFERENCE.md §2: delivery is perfected by the consegna receipt).
 * Each is stored unchanged in the archive with its sha256 and linked to the letter whose
 * Message-ID it names (X-Riferimento-Message-ID). Only the headers are read: no MIME parsing is
 * needed to identify a receipt.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../../../db/open.ts';
import { insertReceipt, outboxByMessageId, receiptBySha } from '../../../../db/queries/letters.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { ARCHIVE, sha256 } from './archive.ts';

/** The message's header fields (unfolded, names lower-cased; the first occurrence wins). */
export function parseHeaders(eml: Buffer): Map<string, string> {
  const text = eml.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(i + 1).trim());
  }
  return headers;
}

/** "=?UTF-8?B?…?=" / "=?UTF-8?Q?…?=" words in a subject, decoded. */
function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g,
    (_m, charset: string, enc: string, data: string) => {
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) =>
                  String.fromCharCode(Number.parseInt(h, 16)),
                ),
              'latin1',
            );
      return new TextDecoder(/^utf-?8$/i.test(charset) ? 'utf-8' : 'latin1').decode(bytes);
    },
  );
}

const angle = (id: string) => {
  const trimmed = id.trim();
  return trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
};

export async function importReceipt(
  db: Ledger,
  dataDir: string,
  input: { fileName: string; data: Buffer },
  userId: number,
) {
  const headers = parseHeaders(input.data);
  const kind = headers.get('x-ricevuta');
  if (!kind) {
    throw new AppError('VALIDATION', `${input.fileName} is not a PEC receipt (no X-Ricevuta header).`);
  }
  const digest = sha256(input.data);
  if (await receiptBySha(db, digest))
    throw new AppError('CONFLICT', `${input.fileName} was already imported.`);
  const ref = headers.get('x-riferimento-message-id') ?? null;
  const outbox = ref ? await outboxByMessageId(db, angle(ref)) : null;
  const rel = path.join(ARCHIVE, 'receipts', `${digest}.eml`);
  const file = path.join(dataDir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, input.data, { mode: 0o600 });
  const date = headers.get('date');
  const parsedDate = date ? new Date(date) : null;
  const receiptId = await insertReceipt(db, {
    letterId: outbox?.letterId ?? null,
    outboxId: outbox?.id ?? null,
    kind,
    refMessageId: ref ? angle(ref) : null,
    subject: headers.has('subject') ? decodeWords(headers.get('subject') ?? '') : null,
    receivedAt: parsedDate && !Number.isNaN(parsedDate.getTime()) ? parsedDate.toISOString() : null,
    fileName: path.basename(input.fileName),
    path: rel,
    sha256: digest,
    userId,
  });
  return { receiptId, kind, refMessageId: ref ? angle(ref) : null, letterId: outbox?.letterId ?? null };
}
