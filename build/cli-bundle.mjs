/**
 * The command line as one file, built on demand (build/cli.mjs runs it). Started from source, every
 * command first loads ~600 TypeScript modules through tsx's loader hooks: 2-3 s and ~70 MB before any
 * work, paid by each import an accountant scripts and by every figure the import benchmark times
 * (issue 18.1: the user's wait includes start-up). esbuild puts the backend in one ESM file instead;
 * the packages stay in node_modules (`packages: 'external'`).
 *
 * The bundle behaves exactly as the sources: every `import.meta.url` is replaced by the URL of the source
 * file it is written in, so the files the code finds beside itself (migrations, fonts, the rate table,
 * the worker entries, PostgreSQL's migrations) are found where they are in the checkout. It lives in
 * node_modules/.cache (ignored by git, dropped by `npm ci`), and is rebuilt whenever a source is newer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = path.join(ROOT, 'electron', 'backend', 'cli.ts');
export const BUNDLE = path.join(ROOT, 'node_modules', '.cache', 'incasso-cli', 'cli.mjs');
/** What the bundle is made of: a change to any of these makes it stale. */
const SOURCE_DIRS = ['electron', 'db', 'shared'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'tsconfig.json'];

/** The newest modification time among the sources (ms), 0 when there are none. */
export function newestSource(root = ROOT) {
  let newest = 0;
  const visit = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (/\.(ts|tsx|mts|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) visit(path.join(root, d));
  for (const f of SOURCE_FILES) {
    try {
      newest = Math.max(newest, fs.statSync(path.join(root, f)).mtimeMs);
    } catch {
      // A checkout without a lock file: nothing to compare.
    }
  }
  return newest;
}

/** The bundle exists and no source is newer. */
export function bundleIsFresh(bundle = BUNDLE, root = ROOT) {
  try {
    return fs.statSync(bundle).mtimeMs >= newestSource(root);
  } catch {
    return false;
  }
}

/** `import.meta.url` of each source, as a literal: the bundle finds files where the sources do. */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|tsx|mts)$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return {
        contents: text.replace(/\bimport\.meta\.url\b/g, url),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

/** Builds the bundle (written beside, then renamed: a CLI started meanwhile never sees half a file). */
export async function buildBundle(bundle = BUNDLE, entry = ENTRY) {
  const { build } = await import('esbuild');
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  const partial = `${bundle}.${process.pid}.partial`;
  try {
    await build({
      entryPoints: [entry],
      outfile: partial,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
      plugins: [sourceUrls],
    });
    fs.renameSync(partial, bundle);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return bundle;
}
