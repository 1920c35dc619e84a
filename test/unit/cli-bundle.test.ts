/**
 * `npm run cli` runs the command line's bundle (build/cli.mjs, build/cli-bundle.mjs): it must be rebuilt
 * whenever a source is newer, and behave as the sources do — the files the code finds beside itself
 * (migrations, fonts) found where they are in the checkout.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle, bundleIsFresh, ROOT } from '../../build/cli-bundle.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incasso-cli-bundle-'));
// Inside the checkout, as the real one: the bundle finds its packages in the checkout's node_modules.
const built = path.join(ROOT, 'node_modules', '.cache', `incasso-cli-test-${process.pid}`);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(built, { recursive: true, force: true });
});

const setTime = (file: string, seconds: number) => fs.utimesSync(file, seconds, seconds);

describe("the CLI's bundle", () => {
  it('is stale when missing or older than any source, fresh otherwise', () => {
    const root = path.join(dir, 'checkout');
    const source = path.join(root, 'shared', 'domain', 'x.ts');
    fs.mkdirSync(path.dirname(source), { recursive: true });
    fs.writeFileSync(source, 'export const x = 1;\n');
    const bundle = path.join(root, 'bundle.mjs');
    expect(bundleIsFresh(bundle, root)).toBe(false);
    fs.writeFileSync(bundle, '');
    setTime(source, 1_000);
    setTime(bundle, 2_000);
    expect(bundleIsFresh(bundle, root)).toBe(true);
    // A source edited after the build, however deep: rebuilt.
    setTime(source, 3_000);
    expect(bundleIsFresh(bundle, root)).toBe(false);
    // So is a change of the dependencies.
    setTime(source, 1_000);
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
    setTime(path.join(root, 'package-lock.json'), 2_500);
    expect(bundleIsFresh(bundle, root)).toBe(false);
  });

  it('runs the commands as the sources do, finding the migrations and fonts of the checkout', async () => {
    const bundle = await buildBundle(path.join(built, 'cli.mjs'));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bundle, ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env },
      });
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: npm run cli');
    const db = path.join(dir, 'ledger.db');
    expect(run('init', '--db', db, '--today', '2026-11-20').status).toBe(0);
    expect(run('demo', '--db', db, '--today', '2026-11-20').status).toBe(0);
    const summary = run('summary', '--db', db, '--today', '2026-11-20', '--json');
    expect(summary.status).toBe(0);
    expect(JSON.parse(summary.stdout)).toMatchObject({ customers: 300, items: 1527 });
    // A letter: fonts and the rate table read from beside their modules in the checkout.
    const pdf = path.join(dir, 'letter.pdf');
    const letter = run(
      'letter',
      'C00001',
      '--template',
      'reminder1',
      '--out',
      pdf,
      '--db',
      db,
      '--today',
      '2026-11-20',
    );
    expect(letter.status, letter.stderr).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
