import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBoundaries, formatViolations, importsOf, isNodeBuiltin } from '../boundaries.ts';
import { tempDir } from '../helpers/backend.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function plant(files: Record<string, string>): string {
  dir = tempDir('incasso-boundaries-');
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('importsOf', () => {
  it('finds every form of import with its line', () => {
    const src = [
      "import fs from 'node:fs';", // 1
      "import type { Role } from './roles.ts';",
      "import './side-effect.css';",
      'import {',
      '  a,', // 5
      '  b as c,',
      "} from 'multi-line';",
      "export * from './all.ts';",
      "export * as ns from './ns.ts';",
      "export type { T } from './types.ts';", // 10
      "export { x } from './x.ts';",
      "const lazy = await import('./lazy.ts');",
      "const cjs = require('child_process');",
      'const tpl = import(`./tpl.ts`);',
      "import legacy = require('legacy');", // 15
      '/// <reference types="node" />',
    ].join('\n');
    expect(importsOf(src)).toEqual([
      { specifier: 'node:fs', line: 1 },
      { specifier: './roles.ts', line: 2 },
      { specifier: './side-effect.css', line: 3 },
      { specifier: 'multi-line', line: 4 },
      { specifier: './all.ts', line: 8 },
      { specifier: './ns.ts', line: 9 },
      { specifier: './types.ts', line: 10 },
      { specifier: './x.ts', line: 11 },
      { specifier: './lazy.ts', line: 12 },
      { specifier: 'child_process', line: 13 },
      { specifier: './tpl.ts', line: 14 },
      { specifier: 'legacy', line: 15 },
      { specifier: 'node', line: 16 },
    ]);
  });

  it('ignores look-alikes in comments, strings, templates and regular expressions', () => {
    const src = [
      "// import fs from 'fs';",
      "/* require('os')",
      "   import x from 'electron' */",
      'const msg = "import fs from \'fs\'";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: this is source text for the tokenizer
      "const t = `require('path') ${cond ? `import('os')` : ''} done`;",
      "const re = /import x from 'net'/;",
      'const url = \'http://example.com/require("tls")\';',
      'const meta = import.meta.url;',
      "obj.require('crypto');",
      'export const y = 1;',
      'export { y as z };',
      "const after = require('after-template');",
    ].join('\n');
    expect(importsOf(src)).toEqual([{ specifier: 'after-template', line: 12 }]);
  });

  it('survives JSX text', () => {
    const src = [
      "import { Button } from '@mantine/core';",
      "export const A = () => <p>Don't import fs from here: it's a page</p>;",
      "import('./late.ts');",
    ].join('\n');
    expect(importsOf(src).map((r) => r.specifier)).toEqual(['@mantine/core', './late.ts']);
  });
});

describe('isNodeBuiltin', () => {
  it.each([
    'node:fs',
    'fs',
    'fs/promises',
    'path',
    'os',
    'crypto',
    'child_process',
    'worker_threads',
    'http',
    'url',
    'util',
    'stream',
    'events',
    'buffer',
    'zlib',
    'net',
    'tls',
  ])('%s is a built-in', (s) => expect(isNodeBuiltin(s)).toBe(true));
  it.each(['react', 'zod', '@mantine/core', './fs.ts', 'pathe'])('%s is not', (s) =>
    expect(isNodeBuiltin(s)).toBe(false),
  );
});

describe('checkBoundaries', () => {
  it('catches planted violations, with file and line', () => {
    const root = plant({
      'electron/backend/handlers/bad.ts': "// fine\nimport { app } from 'electron';\n",
      'db/queries/bad.ts': "\n\nconst { safeStorage } = require('electron/main');\n",
      'shared/domain/bad.ts':
        "import fs from 'node:fs';\nimport { ipcRenderer } from 'electron';\nimport { x } from '../../db/open.ts';\n",
      'shared/api/types.d.ts': '/// <reference types="node" />\n',
      'renderer/src/pages/Bad.tsx':
        "import { useState } from 'react';\nimport path from 'path';\nexport async function f() {\n  return import('../../../electron/backend/app.ts');\n}\n",
      'renderer/src/api.ts': "import crypto from 'crypto';\nimport { ipcRenderer } from 'electron';\n",
      // Allowed: Node tooling beside the renderer, the Electron shell itself, look-alikes.
      'renderer/vite.config.ts': "import path from 'node:path';\n",
      'electron/main.ts': "import { app } from 'electron';\nimport fs from 'node:fs';\n",
      'electron/backend/ok.ts': "import fs from 'node:fs';\nimport { x } from '../../db/open.ts';\n",
      'shared/ok.ts':
        "// import fs from 'fs'\nexport const s = \"require('electron')\";\nimport { z } from 'zod';\n",
      'renderer/dist/assets/bundle.js': "require('fs')",
    });
    const found = checkBoundaries(root).map((v) => `${v.file}:${v.line} ${v.specifier}`);
    expect(found.sort()).toEqual(
      [
        'electron/backend/handlers/bad.ts:2 electron',
        'db/queries/bad.ts:3 electron/main',
        'shared/domain/bad.ts:1 node:fs',
        'shared/domain/bad.ts:2 electron',
        'shared/domain/bad.ts:3 ../../db/open.ts',
        'shared/api/types.d.ts:1 node',
        'renderer/src/pages/Bad.tsx:2 path',
        'renderer/src/pages/Bad.tsx:4 ../../../electron/backend/app.ts',
        'renderer/src/api.ts:1 crypto',
        'renderer/src/api.ts:2 electron',
      ].sort(),
    );
    expect(formatViolations(checkBoundaries(root))).toMatch(/^db\/queries\/bad\.ts:3: 'electron\/main': /m);
  });

  it('catches SQL outside db/: the driver, the schema, SQL text handed to the driver', () => {
    const root = plant({
      'electron/backend/services/letters/bad.ts': [
        "import { eq } from 'drizzle-orm';",
        "import { plans } from '../../../../db/schema.ts';",
        "const rows = db.$client.prepare('SELECT * FROM plans').all();",
        'const n = db.get(sql`SELECT count(*) FROM items`);',
        '',
      ].join('\n'),
      'electron/backend/services/safety/raw.ts':
        "import Database from 'better-sqlite3';\nclient.pragma(`quick_check`);\n",
      'renderer/src/pages/Sql.tsx': "import { sql } from 'drizzle-orm/sql';\n",
      // Allowed: db/ itself, regular expressions' exec on a variable, a word "sql" in a string.
      'db/queries/ok.ts':
        "import { eq, sql } from 'drizzle-orm';\nimport { plans } from '../schema.ts';\nconst x = sql`SELECT 1`;\n",
      'electron/backend/services/letters/ok.ts':
        "const m = /x/.exec(text);\nconst label = 'sql';\nconst rows = planItems(db, ids);\n",
    });
    const found = checkBoundaries(root).map((v) => `${v.file}:${v.line} ${v.specifier}`);
    expect(found.sort()).toEqual(
      [
        'electron/backend/services/letters/bad.ts:1 drizzle-orm',
        'electron/backend/services/letters/bad.ts:2 ../../../../db/schema.ts',
        'electron/backend/services/letters/bad.ts:3 .prepare(…)',
        'electron/backend/services/letters/bad.ts:4 sql`…`',
        'electron/backend/services/safety/raw.ts:1 better-sqlite3',
        'electron/backend/services/safety/raw.ts:2 .pragma(…)',
        'renderer/src/pages/Sql.tsx:1 drizzle-orm/sql',
      ].sort(),
    );
    expect(formatViolations(checkBoundaries(root))).toMatch(
      /bad\.ts:3: '\.prepare\(…\)': no SQL outside db\//,
    );
  });

  it('catches imports that point upward: db/ to the backend, services/ to handlers or the runner', () => {
    const root = plant({
      'db/queries/up.ts': "import type { BackendContext } from '../../electron/backend/context.ts';\n",
      'electron/backend/context.ts': 'export interface BackendContext {}\n',
      'electron/backend/app.ts': 'export const createBackend = 1;\n',
      'electron/backend/dispatch.ts': 'export const dispatch = 1;\n',
      'electron/backend/cli/run.ts': 'export const runCli = 1;\n',
      'electron/backend/handlers/up.ts':
        "import { runCli } from '../cli/run.ts';\nimport type { BackendContext } from '../context.ts';\n",
      'electron/backend/services/import/up.ts': [
        "import { dispatch } from '../../dispatch.ts';",
        "import { createBackend } from '../../app.ts';",
        "import type { BackendContext } from '../../context.ts';",
        "import { x } from '../../handlers/up.ts';",
        '',
      ].join('\n'),
    });
    const found = checkBoundaries(root).map((v) => `${v.file}:${v.line} ${v.specifier}`);
    expect(found.sort()).toEqual(
      [
        'db/queries/up.ts:1 ../../electron/backend/context.ts',
        'electron/backend/handlers/up.ts:1 ../cli/run.ts',
        'electron/backend/services/import/up.ts:1 ../../dispatch.ts',
        'electron/backend/services/import/up.ts:2 ../../app.ts',
        'electron/backend/services/import/up.ts:4 ../../handlers/up.ts',
      ].sort(),
    );
  });

  it('catches service rooms importing each other in a cycle, even without a file-level cycle', () => {
    const root = plant({
      // letters uses dunning, and dunning reaches back into letters through another file.
      'electron/backend/services/letters/batch.ts': "import { step } from '../dunning/steps.ts';\n",
      'electron/backend/services/dunning/steps.ts': 'export const step = 1;\n',
      'electron/backend/services/dunning/tasks.ts': "\nimport { render } from '../letters/render.ts';\n",
      'electron/backend/services/letters/render.ts': 'export const render = 1;\n',
      // Allowed: the reading toolkit below its users, import-kinds inside the import room.
      'electron/backend/services/customers/read.ts': "import { csv } from '../import/read/csv.ts';\n",
      'electron/backend/services/import/read/csv.ts': 'export const csv = 1;\n',
      'electron/backend/services/import/adopt.ts': "import { read } from '../customers/read.ts';\n",
      'electron/backend/services/import/job.ts': "import type { Kind } from '../import-kinds/worker.ts';\n",
      'electron/backend/services/import-kinds/worker.ts': "import { adopt } from '../import/adopt.ts';\n",
    });
    const found = checkBoundaries(root).map((v) => `${v.file}:${v.line} ${v.rule}`);
    expect(found).toEqual([
      'electron/backend/services/letters/batch.ts:1 service rooms import in a cycle (each room only imports rooms below it): dunning -> letters -> dunning',
    ]);
  });

  it('catches import cycles, type-only ones too, once each with the whole loop', () => {
    const root = plant({
      // A runtime cycle of three files (the CLI runner and a command module, say).
      'electron/backend/cli/run.ts':
        "import { SAFETY } from './commands-safety.ts';\nexport class CliError {}\n",
      'electron/backend/cli/commands-safety.ts':
        "import { helper } from './helper.ts';\nexport const SAFETY = {};\n",
      'electron/backend/cli/helper.ts': "import { CliError } from './run.ts';\nexport const helper = 1;\n",
      // A type-only cycle of two.
      'electron/backend/context.ts':
        "import type { Auth } from './services/auth/sessions.ts';\nexport type T = 1;\n",
      'electron/backend/services/auth/sessions.ts':
        "import type { T } from '../../context.ts';\nexport type Auth = T;\n",
      // Not a cycle: a diamond.
      'shared/a.ts': "import { b } from './b.ts';\nimport { c } from './c.ts';\n",
      'shared/b.ts': "import { d } from './d.ts';\n",
      'shared/c.ts': "import { d } from './d.ts';\n",
      'shared/d.ts': 'export const d = 1;\n',
    });
    const cycles = checkBoundaries(root).filter((v) => v.rule.startsWith('import cycle'));
    expect(cycles.map((v) => v.rule).sort()).toEqual([
      'import cycle: electron/backend/cli/commands-safety.ts -> electron/backend/cli/helper.ts -> electron/backend/cli/run.ts -> electron/backend/cli/commands-safety.ts',
      'import cycle: electron/backend/context.ts -> electron/backend/services/auth/sessions.ts -> electron/backend/context.ts',
    ]);
    // Reported at the import that closes the loop.
    expect(cycles.map((v) => `${v.file}:${v.line} ${v.specifier}`).sort()).toEqual([
      'electron/backend/cli/run.ts:1 ./commands-safety.ts',
      'electron/backend/services/auth/sessions.ts:1 ../../context.ts',
    ]);
  });

  it('passes on the real tree', () => {
    expect(formatViolations(checkBoundaries(ROOT))).toBe('');
  });

  it('exits non-zero with the list when run as the lint step', () => {
    const root = plant({ 'shared/x.ts': "import os from 'os';\n" });
    // The script checks its own project; run a copy placed in the planted tree.
    fs.mkdirSync(path.join(root, 'test'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'test', 'boundaries.ts'), path.join(root, 'test', 'boundaries.ts'));
    const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const run = spawnSync(process.execPath, [tsx, path.join(root, 'test', 'boundaries.ts')], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("shared/x.ts:1: 'os'");
  });
});
