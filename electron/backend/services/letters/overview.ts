/**
 * What the Letters page lists: today's letter, e-mail and PEC tasks with their latest letter and
 * send attempt, the archive, and an archived file's bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../../../db/open.ts';
import {
  customerByCode,
  dueLetterTasks,
  getBatch,
  getLetter,
  latestLetterByTask,
  latestOutboxByTask,
  listLetters,
  receiptsOfLetters,
} from '../../../../db/queries/letters.ts';
import type { LetterTask } from '../../../../shared/api/contracts/letters.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import { type Notice, notice } from '../../../../shared/api/notices.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import { addressLines } from '../../../../shared/domain/letters/compose.ts';
import { letterhead } from '../settings/store.ts';
import { isTemplateName, letterheadNotices } from './load.ts';
import { rateTable } from './rates.ts';

export async function letterTasks(
  db: Ledger,
  today: IsoDate,
): Promise<{ rows: LetterTask[]; warnings: string[]; notices: Notice[] }> {
  const tasks = await dueLetterTasks(db, today);
  const ids = tasks.map((t) => t.t.id);
  const letters = await latestLetterByTask(db, ids);
  const outbox = await latestOutboxByTask(db, ids);
  const rows = tasks.flatMap((t): LetterTask[] => {
    if (!isTemplateName(t.t.template)) return [];
    const type = t.t.type as LetterTask['type'];
    const l = letters.get(t.t.id);
    const o = outbox.get(t.t.id);
    return [
      {
        taskId: t.t.id,
        type,
        template: t.t.template,
        step: t.t.stepName,
        customerCode: t.customerCode,
        customerName: t.customerName,
        language: t.language,
        recipient:
          type === 'pec'
            ? t.pec
            : type === 'email'
              ? (t.dunningEmail ?? t.email)
              : (addressLines(t.address)[0] ?? null),
        dueDate: t.t.dueDate,
        overdueCents: t.overdueCents,
        assignee: t.assignee,
        letter: l ? { id: l.id, status: l.status, batchId: l.batchId } : null,
        mail: o
          ? { status: o.status, attempts: o.attempts, response: o.response, messageId: o.messageId }
          : null,
      },
    ];
  });
  const notices = letterheadNotices(await letterhead(db));
  if (rows.some((r) => r.template === 'formal_notice')) {
    const { missing } = await rateTable(db, today);
    if (missing.length > 0) {
      notices.push(
        notice(
          'rates.missingForNotices',
          `Formal notices cannot be produced: the late-payment rate is missing for ${missing.join(', ')} (rates add --from YYYY-MM-DD --ecb PERCENT).`,
          { list: missing.join(', ') },
        ),
      );
    }
  }
  const warnings = notices.map((n) => n.message);
  return { rows, warnings, notices };
}

export async function archivedLetters(db: Ledger, f: { customerCode?: string | undefined; limit: number }) {
  let customerId: number | undefined;
  if (f.customerCode !== undefined) {
    const c = await customerByCode(db, f.customerCode);
    if (!c) throw new AppError('NOT_FOUND', `No customer with code "${f.customerCode}".`);
    customerId = c.id;
  }
  const rows = await listLetters(db, { ...(customerId !== undefined ? { customerId } : {}), limit: f.limit });
  const receipts = await receiptsOfLetters(
    db,
    rows.map((r) => r.l.id),
  );
  return rows.map(({ l, customerCode, customerName }) => ({
    id: l.id,
    customerCode,
    customerName,
    template: l.template,
    language: l.language,
    channel: l.channel,
    date: l.date,
    reference: l.reference,
    status: l.status,
    sha256: l.sha256,
    pages: l.pages,
    totalCents: l.totalCents,
    messageId: l.messageId,
    taskId: l.taskId,
    batchId: l.batchId,
    receipts: receipts
      .filter((r) => r.letterId === l.id)
      .map((r) => ({ id: r.id, kind: r.kind, receivedAt: r.receivedAt })),
  }));
}

export async function archivedFile(
  db: Ledger,
  dataDir: string,
  input: { letterId?: number | undefined; batchId?: number | undefined },
) {
  let rel: string;
  let sha: string;
  if (input.letterId !== undefined) {
    const l = await getLetter(db, input.letterId);
    if (!l) throw new AppError('NOT_FOUND', `No letter ${input.letterId}.`);
    rel = l.path;
    sha = l.sha256;
  } else {
    const b = input.batchId !== undefined ? await getBatch(db, input.batchId) : null;
    if (!b) throw new AppError('NOT_FOUND', `No letter batch ${input.batchId}.`);
    rel = b.mergedPath;
    sha = b.mergedSha256;
  }
  const file = path.join(dataDir, rel);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `The archived file ${rel} is missing.`);
  return { fileName: path.basename(rel), sha256: sha, pdfBase64: fs.readFileSync(file).toString('base64') };
}
