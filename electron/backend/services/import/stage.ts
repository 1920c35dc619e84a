/**
 * Staged files: the bytes of a file chosen in the UI (or named on the CLI) kept beside the ledger
 * in `<dataDir>/staged/<id>` (mode 0600) between detection, preview and apply, so the big payload
 * crosses the transport once. The id is random hex and checked as such before it touches a path.
 * Files older than a day are purged on every new staging.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { listProfiles } from '../../../../db/queries/imports.ts';
import type { MethodOutput } from '../../../../shared/api/contract.ts';
import { AppError } from '../../../../shared/api/errors.ts';
import type { BackendContext } from '../../context.ts';
import { detectLayout } from './read/index.ts';

export type ImportDetection = MethodOutput<'imports.stage'>;

const ID_RE = /^[0-9a-f]{32}$/;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface StagedFile {
  fileId: string;
  fileName: string;
  path: string;
}

export function stagedDir(dataDir: string): string {
  return path.join(dataDir, 'staged');
}

function purgeOld(dir: string, now = Date.now()): void {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > MAX_AGE_MS) fs.rmSync(file, { force: true });
    } catch {
      // Another process removed it first: nothing to purge.
    }
  }
}

/** Stores the bytes and returns the staged file (no detection: the CLI reads the file at apply). */
export function stageBytes(dataDir: string, fileName: string, data: Buffer): StagedFile {
  const dir = stagedDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  purgeOld(dir);
  const fileId = crypto.randomBytes(16).toString('hex');
  const name = path.basename(fileName);
  const file = path.join(dir, fileId);
  fs.writeFileSync(file, data, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(`${file}.json`, JSON.stringify({ fileName: name }), { mode: 0o600, flag: 'wx' });
  return { fileId, fileName: name, path: file };
}

export function openStaged(dataDir: string, fileId: string): StagedFile {
  const file = path.join(stagedDir(dataDir), fileId);
  if (!ID_RE.test(fileId) || !fs.existsSync(file) || !fs.existsSync(`${file}.json`)) {
    throw new AppError(
      'NOT_FOUND',
      'The staged file is gone (staged files are kept for a day): choose the file again.',
    );
  }
  const meta = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { fileName: string };
  return { fileId, fileName: meta.fileName, path: file };
}

export function discardStaged(dataDir: string, fileId: string): void {
  if (!ID_RE.test(fileId)) return;
  const file = path.join(stagedDir(dataDir), fileId);
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.json`, { force: true });
}

/**
 * Streams a file to the staging folder as it arrives (browser mode's upload: the bytes are never
 * held whole in memory, nor sent as base64 JSON). Past `maxBytes` the partial file is removed and
 * the promise rejects with a VALIDATION error naming the limit.
 */
export async function stageStream(
  dataDir: string,
  fileName: string,
  body: AsyncIterable<Buffer | string>,
  maxBytes: number,
  onBytes?: (received: number) => void,
): Promise<StagedFile> {
  const staged = stageBytes(dataDir, fileName, Buffer.alloc(0));
  const fd = fs.openSync(staged.path, 'w');
  let size = 0;
  try {
    for await (const chunk of body) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > maxBytes) {
        throw new AppError(
          'VALIDATION',
          `${staged.fileName}: the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, the largest file Incasso imports. Export fewer rows (e.g. open items only) or split the file.`,
        );
      }
      for (let off = 0; off < buf.length; ) off += fs.writeSync(fd, buf, off);
      onBytes?.(size);
    }
  } catch (err) {
    fs.closeSync(fd);
    discardStaged(dataDir, staged.fileId);
    throw err;
  }
  fs.closeSync(fd);
  return staged;
}

/** `imports.stage` of a file already staged (uploaded): what detection finds in it. */
export async function detectStaged(ctx: BackendContext, fileId: string): Promise<ImportDetection> {
  const staged = openStaged(ctx.dataDir, fileId);
  return await detectIn(ctx, staged, fs.readFileSync(staged.path));
}

/** `imports.stage`: keeps the file and tells what detection found (sheet, header row, mapping, as-of). */
export async function stageFile(
  ctx: BackendContext,
  fileName: string,
  data: Buffer,
): Promise<ImportDetection> {
  return await detectIn(ctx, stageBytes(ctx.dataDir, fileName, data), data);
}

async function detectIn(ctx: BackendContext, staged: StagedFile, data: Buffer): Promise<ImportDetection> {
  try {
    // What detection found, but the file's hash (the staged file is named by its id).
    const {
      fileName: _name,
      sha256: _sha256,
      ...found
    } = detectLayout(data, staged.fileName, {
      profiles: await listProfiles(ctx.db),
    });
    return { fileId: staged.fileId, fileName: staged.fileName, ...found };
  } catch (err) {
    discardStaged(ctx.dataDir, staged.fileId);
    throw err;
  }
}
