/**
 * Bundles the Electron shell with esbuild into build/electron/:
 *   main.cjs      electron/main.ts and the whole backend (CommonJS, as package.json "main" says);
 *                 'electron' and 'better-sqlite3' (native) stay external
 *   preload.cjs   electron/preload.ts for a sandboxed renderer: CommonJS, browser platform, so a
 *                 Node built-in sneaking into the preload fails the build instead of the window
 *   migrations/   db/migrations, passed by main.ts as `migrationsFolder`
 *   native/       better_sqlite3.node built for Electron's ABI, when prepared (see below)
 *
 *   npm run build:electron [-- --out DIR] [-- --native]
 *
 * The native module (DESIGN.md, "Native module"): `npm install` builds better-sqlite3 for Node
 * (tests, CLI, browser mode). Electron needs a build for its own ABI. `--native` (and `npm start`
 * when the Electron binary is installed) copies the package into its own folder,
 * node_modules/.cache/incasso-electron-native/, rebuilds it there with @electron/rebuild for the
 * installed Electron version and caches the result; the bundle then ships it as
 * native/better_sqlite3.node, which main.ts hands to better-sqlite3's
 * `nativeBinding` option. node_modules/better-sqlite3 is never touched, so the two builds never
 * overwrite each other (electron-builder's own rebuild is off for the same reason). The rebuild
 * downloads Electron's headers: it cannot run on machines without that access.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildElectronOptions {
  root?: string;
  /** Defaults to <root>/build/electron. Emptied first. */
  outDir?: string;
  minify?: boolean;
}

export interface BuildElectronResult {
  main: string;
  preload: string;
  migrations: string;
  /** The Electron-ABI better-sqlite3 copied into the bundle, or null when none is prepared. */
  nativeBinding: string | null;
}

/** Modules the main bundle loads at run time instead of bundling (Electron's own, and native code). */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3'] as const;

function packageVersion(root: string, name: string): string {
  const req = createRequire(path.join(root, 'package.json'));
  return (req(`${name}/package.json`) as { version: string }).version;
}

/** Where the Electron build of better-sqlite3 is cached, keyed by both versions. */
export function nativeCachePath(root: string): string {
  const key = `electron-${packageVersion(root, 'electron')}-better-sqlite3-${packageVersion(root, 'better-sqlite3')}`;
  // Under node_modules/.cache: ignored by git, Biome and the boundary check, and dropped by a fresh
  // `npm ci`, which is when a rebuild is due anyway.
  return path.join(root, 'node_modules', '.cache', 'incasso-electron-native', key, 'better_sqlite3.node');
}

/** Worker-thread entries bundled beside main.cjs (see main.ts for how each is configured). */
export const WORKERS: readonly (readonly [string, string])[] = [
  ['electron/backend/services/import/worker.ts', 'import-worker.cjs'],
  ['electron/backend/services/letters/render-worker.ts', 'render-worker.cjs'],
  ['electron/backend/services/reports/render-worker.ts', 'report-worker.cjs'],
  ['electron/backend/services/bank/worker.ts', 'bank-worker.cjs'],
];

export async function buildElectron(opts: BuildElectronOptions = {}): Promise<BuildElectronResult> {
  const root = opts.root ?? ROOT;
  const outDir = opts.outDir ?? path.join(root, 'build', 'electron');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const common = {
    absWorkingDir: root,
    tsconfig: path.join(root, 'tsconfig.json'),
    bundle: true,
    format: 'cjs' as const,
    sourcemap: 'linked' as const,
    minify: opts.minify ?? false,
    logLevel: 'warning' as const,
    legalComments: 'none' as const,
  };
  const main = path.join(outDir, 'main.cjs');
  const preload = path.join(outDir, 'preload.cjs');

  // The main process and its workers: Node bundles with the native and Electron modules outside.
  const nodeBundle = {
    ...common,
    platform: 'node' as const,
    // Electron 41 runs Node 24; 22 keeps the output conservative.
    target: 'node22',
    external: [...MAIN_EXTERNALS],
    // The sources are ESM and locate files with import.meta.url (db/open.ts, main.ts): give the
    // CommonJS bundle the URL of itself, so those paths resolve next to main.cjs.
    define: { 'import.meta.url': '__incassoBundleUrl' },
    banner: { js: "const __incassoBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  };

  await build({ ...nodeBundle, entryPoints: [path.join(root, 'electron', 'main.ts')], outfile: main });

  // Long jobs run in worker threads: each worker is its own entry beside main.cjs, told by main.ts.
  for (const [entry, out] of WORKERS) {
    await build({ ...nodeBundle, entryPoints: [path.join(root, entry)], outfile: path.join(outDir, out) });
  }

  await build({
    ...common,
    entryPoints: [path.join(root, 'electron', 'preload.ts')],
    outfile: preload,
    // Sandboxed preloads get a browser-like context plus require('electron') only.
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
  });

  const migrations = path.join(outDir, 'migrations');
  fs.cpSync(path.join(root, 'db', 'migrations'), migrations, { recursive: true });
  // Letters embed these fonts and seed the late-payment rates from this table (assets.ts).
  fs.cpSync(
    path.join(root, 'electron', 'backend', 'services', 'letters', 'fonts'),
    path.join(outDir, 'fonts'),
    {
      recursive: true,
    },
  );
  fs.copyFileSync(
    path.join(root, 'db', 'seed', 'interest_rates_231.csv'),
    path.join(outDir, 'interest_rates_231.csv'),
  );

  let nativeBinding: string | null = null;
  const cached = nativeCachePath(root);
  if (fs.existsSync(cached)) {
    nativeBinding = path.join(outDir, 'native', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(nativeBinding), { recursive: true });
    fs.copyFileSync(cached, nativeBinding);
  }
  return { main, preload, migrations, nativeBinding };
}

/**
 * Builds better-sqlite3 for the installed Electron in its own folder
 * (node_modules/.cache/incasso-electron-native/) and caches the .node file; a no-op when the
 * cache is there. Throws when the rebuild fails (its output went to the terminal).
 */
export async function prepareElectronSqlite(
  root = ROOT,
  log: (line: string) => void = console.error,
): Promise<string> {
  const cached = nativeCachePath(root);
  if (fs.existsSync(cached)) return cached;
  const req = createRequire(path.join(root, 'package.json'));
  const work = path.join(path.dirname(cached), 'work');
  fs.rmSync(work, { recursive: true, force: true });
  const moduleDir = path.join(work, 'node_modules', 'better-sqlite3');
  const source = path.dirname(req.resolve('better-sqlite3/package.json'));
  // Sources only: the Node build in build/ must not be mistaken for an Electron one.
  fs.cpSync(source, moduleDir, {
    recursive: true,
    filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'build',
  });
  fs.writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({
      name: 'incasso-electron-native',
      private: true,
      dependencies: { 'better-sqlite3': packageVersion(root, 'better-sqlite3') },
    }),
  );
  const electronVersion = packageVersion(root, 'electron');
  log(`Building better-sqlite3 for Electron ${electronVersion} in ${path.relative(root, work)} …`);
  // @electron/rebuild comes with electron-builder; loaded lazily, only where Electron is installed.
  const { rebuild } = (await import(pathToFileURL(req.resolve('@electron/rebuild')).href)) as {
    rebuild: (opts: {
      buildPath: string;
      electronVersion: string;
      onlyModules: string[];
      force: boolean;
    }) => Promise<void>;
  };
  // An npm `nodedir` setting points node-gyp at Node's own headers: the build would "succeed" for
  // the wrong ABI. Electron's headers must be used.
  const nodedir = process.env.npm_config_nodedir;
  delete process.env.npm_config_nodedir;
  try {
    await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  } catch (err) {
    throw new Error(
      `Could not build better-sqlite3 for Electron ${electronVersion} (@electron/rebuild downloads ` +
        `Electron's headers): ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    if (nodedir !== undefined) process.env.npm_config_nodedir = nodedir;
  }
  const built = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  const abi = fs.readFileSync(req.resolve('electron/abi_version'), 'utf8').trim();
  const found = nativeAbi(built);
  if (found !== abi) {
    throw new Error(`better-sqlite3 was built for ABI ${found}, Electron ${electronVersion} needs ${abi}`);
  }
  fs.copyFileSync(built, cached);
  return cached;
}

/**
 * The NODE_MODULE_VERSION a native module was built for, learnt by loading it in a child Node:
 * Node names the module's version when it refuses it, and loads it when it is its own.
 */
export function nativeAbi(file: string): string {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      "try { process.dlopen({ exports: {} }, process.argv[1]); console.log('LOADED'); } catch (e) { console.log(e.message); }",
      file,
    ],
    { encoding: 'utf8' },
  );
  if (probe.stdout.trim() === 'LOADED') return process.versions.modules;
  const refused = /NODE_MODULE_VERSION (\d+)\. This version of Node\.js requires/.exec(probe.stdout);
  return refused ? (refused[1] as string) : `unknown (${probe.stdout.trim() || probe.stderr.trim()})`;
}

async function cliMain(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, native: { type: 'boolean', default: false } },
  });
  if (values.native) await prepareElectronSqlite(ROOT);
  const result = await buildElectron(values.out ? { outDir: path.resolve(values.out) } : {});
  const rel = (p: string) => path.relative(ROOT, p);
  process.stderr.write(
    `Electron bundle: ${rel(result.main)}, ${rel(result.preload)}, ${rel(result.migrations)}/` +
      (result.nativeBinding
        ? `, ${rel(result.nativeBinding)}\n`
        : ' (no Electron build of better-sqlite3)\n'),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cliMain().catch((err: unknown) => {
    process.stderr.write(`build:electron failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
