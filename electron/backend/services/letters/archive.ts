/**
 * The letters archive: each PDF produced is kept under `<data folder>/letters/` with its
 * sha256, recorded in `letters` and — once it went out — logged in the customer's contact log.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Ledger } from '../../../../db/open.ts';
import { insertContactRow, insertLetter } from '../../../../db/queries/letters.ts';
import type { IsoDate } from '../../../../shared/domain/dates.ts';
import type { LetterChannel, LetterModel } from '../../../../shared/domain/letters/model.ts';
import { TEMPLATE_TITLES } from '../../../../shared/domain/letters/shipped.ts';

export const ARCHIVE = 'letters';

/** A letter batch renders into `letters/.batch-<stamp>/`, renamed into the archive when it commits. */
export const BATCH_SCRATCH_PREFIX = '.batch-';
/** A scratch folder this old belongs to no running batch (a batch renders in minutes). */
export const ORPHAN_BATCH_AGE_MS = 60 * 60 * 1000;

/**
 * Removes the scratch folders of letter batches that never committed (a killed process): PDFs with
 * personal data that the ledger does not know of. Run at start and before an anonymisation; a
 * folder younger than an hour may be a batch still running in another process, and is left alone.
 * Returns the folders removed (relative to the data folder).
 */
export function removeOrphanBatches(
  dataDir: string,
  nowMs: number,
  minAgeMs = ORPHAN_BATCH_AGE_MS,
): string[] {
  const root = path.join(dataDir, ARCHIVE);
  let names: string[];
  try {
    names = fs.readdirSync(root).filter((n) => n.startsWith(BATCH_SCRATCH_PREFIX));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const dir = path.join(root, name);
    try {
      if (nowMs - fs.statSync(dir).mtimeMs < minAgeMs) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(path.join(ARCHIVE, name));
    } catch (err) {
      console.error(`letters scratch ${dir}:`, err);
    }
  }
  return removed;
}

export const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40);

/** A fresh relative path for a letter: letters/YYYY/MM/<date>-<template>-<customer>-<random>.pdf */
export function archivePath(model: Pick<LetterModel, 'date' | 'template' | 'customerCode'>): string {
  const [y = '0000', m = '00'] = model.date.split('-');
  const name = `${model.date}-${model.template}-${safe(model.customerCode)}-${crypto.randomBytes(3).toString('hex')}.pdf`;
  return path.join(ARCHIVE, y, m, name);
}

/** Writes a new archive file (never overwrites) readable by the user only. */
export function writeArchived(dataDir: string, rel: string, pdf: Buffer): { sha256: string; bytes: number } {
  const file = path.join(dataDir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, pdf, { mode: 0o600, flag: 'wx' });
  return { sha256: sha256(pdf), bytes: pdf.length };
}

export interface LetterRecordInput {
  model: LetterModel;
  customerId: number;
  caseId: number | null;
  taskId: number | null;
  batchId: number | null;
  path: string;
  sha256: string;
  bytes: number;
  pages: number;
  status: 'generated' | 'sent';
  userId: number;
}

export async function recordLetter(db: Ledger, r: LetterRecordInput): Promise<number> {
  const a = r.model.amounts;
  return await insertLetter(db, {
    customerId: r.customerId,
    caseId: r.caseId,
    taskId: r.taskId,
    batchId: r.batchId,
    template: r.model.template,
    language: r.model.language,
    channel: r.model.channel,
    date: r.model.date,
    reference: r.model.reference,
    path: r.path,
    sha256: r.sha256,
    sizeBytes: r.bytes,
    pages: r.pages,
    overdueCents: a.overdueCents,
    creditsCents: a.creditsCents,
    interestCents: a.interestCents,
    compensationCents: a.compensationCents,
    totalCents: r.model.payment?.amountCents ?? a.toPayCents,
    status: r.status,
    userId: r.userId,
  });
}

/** The contact-log row the customer's timeline shows for a letter, e-mail or PEC. */
export async function logLetterContact(
  db: Ledger,
  c: {
    customerId: number;
    caseId: number | null;
    taskId: number | null;
    date: IsoDate;
    channel: LetterChannel;
    template: LetterModel['template'];
    reference: string;
    outcome: 'sent' | 'generated';
    path: string;
    sha256: string;
    messageId?: string | null;
    to?: string | null;
    userId: number;
  },
): Promise<number> {
  const title = TEMPLATE_TITLES[c.template].it;
  const parts = [`${title} – rif. ${c.reference}`];
  if (c.to) parts.push(`a ${c.to}`);
  if (c.messageId) parts.push(`Message-ID ${c.messageId}`);
  return await insertContactRow(db, {
    customerId: c.customerId,
    caseId: c.caseId,
    taskId: c.taskId,
    date: c.date,
    channel: c.channel,
    direction: 'out',
    outcome: c.outcome,
    note: parts.join(' – '),
    documentPath: c.path,
    documentSha256: c.sha256,
    userId: c.userId,
  });
}
