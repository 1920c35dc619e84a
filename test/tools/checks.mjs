#!/usr/bin/env node
/**
 * The checks `npm test` runs before vitest — the four type-checks, Biome with the layer boundaries,
 * and the renderer build the e2e tests load — run side by side, as many at once as there are cores:
 * they used to run one after another (the type-checker and the bundler each leave a core idle part
 * of the time). Every check still runs to the end; the output of each is printed whole when it ends
 * (never interleaved), and the exit code is 1 when any failed, naming them.
 * Plain JavaScript on purpose: no tsx start-up before the checks start.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The project's own binaries, as npm scripts see them. */
const PATH = `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`;

/**
 * The checks are read from package.json's own scripts, so `npm run typecheck` / `lint` / `build:renderer`
 * and `npm test` cannot drift apart: each type-check of "typecheck" on its own, "lint" as one sequence
 * (its steps in order), "build:renderer" on its own.
 */
const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
const steps = (script) => scripts[script].split(' && ').map((s) => s.trim());
const CHECKS = [
  ...steps('typecheck').map((step) => ({ name: step.replace(/ --noEmit$/, ''), steps: [step] })),
  { name: 'build:renderer', steps: steps('build:renderer') },
  { name: 'lint', steps: steps('lint') },
];

const width = Math.max(1, Number(process.env.INCASSO_CHECKS_PARALLEL) || os.availableParallelism());
const children = new Set();

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, {
      shell: true,
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
    });
    children.add(child);
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('error', (err) => out.push(Buffer.from(`${err.message}\n`)));
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ ok: code === 0, output: Buffer.concat(out).toString(), why: signal ?? `exit ${code}` });
    });
  });
}

async function check({ name, steps }) {
  const started = performance.now();
  let output = '';
  for (const step of steps) {
    const r = await run(step);
    output += r.output;
    if (!r.ok) return { name, ok: false, output: `${output}\n\`${step}\` failed (${r.why})\n`, started };
  }
  return { name, ok: true, output, started };
}

process.on('SIGINT', () => {
  for (const c of children) c.kill('SIGINT');
  process.exit(130);
});

const queue = [...CHECKS];
const failed = [];
const t0 = performance.now();
await Promise.all(
  Array.from({ length: Math.min(width, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const r = await check(next);
      const secs = ((performance.now() - r.started) / 1000).toFixed(1);
      process.stdout.write(`${r.ok ? '✓' : '✗'} ${r.name} (${secs} s)\n`);
      if (r.output.trim()) process.stdout.write(`${r.output.trimEnd()}\n`);
      if (!r.ok) failed.push(r.name);
    }
  }),
);
const total = ((performance.now() - t0) / 1000).toFixed(1);
if (failed.length > 0) {
  process.stderr.write(`checks failed: ${failed.join(', ')} (${total} s)\n`);
  process.exit(1);
}
process.stdout.write(`all checks passed (${total} s, ${width} at once)\n`);
