/**
 * Runtime boundaries, checked by a machine (run by `npm run lint`; exits 1 listing file:line):
 *   - electron/backend/, db/, shared/ never import 'electron' (they run under plain Node and in
 *     tests; only electron/main.ts and preload.ts may);
 *   - renderer/ and shared/ never import a Node built-in, nor anything under db/ or electron/
 *     (the renderer is a sandboxed web page; shared/ is pure TypeScript used by both sides).
 *     The renderer may not import 'electron' either: it only sees window.incasso.
 *
 *   - no SQL outside db/: electron/, shared/ and renderer/ never import drizzle-orm, better-sqlite3, pg
 *     or db/schema.ts, never pass SQL text to prepare()/exec()/pragma() nor write a sql`…` template
 *     (DESIGN: queries are plain functions in db/queries/<area>.ts);
 *   - imports go downward only: db/ never imports electron/ or renderer/; services/ never import
 *     the layers above them (handlers/, dispatch.ts, app.ts, ipc.ts, cli/, the Electron shell);
 *     handlers/ never import app.ts, ipc.ts, cli/ or the shell; the service rooms (folders under
 *     services/, see serviceRoom) import each other without a cycle;
 *   - no import cycles among the project's own files, type-only imports included (a cycle is
 *     reported once, at the import that closes it, with the whole loop).
 *
 * Import specifiers are found by a small tokenizer (comments, strings, template literals and
 * regular expressions are skipped), so text that merely looks like an import is not flagged:
 * static import/export-from (type-only included: the renderer must not even see Node types),
 * dynamic import(), require() and `/// <reference types="node" />`.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Violation {
  /** Relative to the checked root, with forward slashes. */
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

export interface ImportRef {
  specifier: string;
  line: number;
}

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'migrations', '.vite', 'coverage']);
/** Build tooling beside the renderer runs in Node, not in the page (vite.config.ts…). */
const NODE_TOOLING = /(?:^|\/)[^/]+\.config\.[cm]?[jt]s$/;
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0] as string]));

export function isNodeBuiltin(specifier: string): boolean {
  // 'node' itself: `/// <reference types="node" />` brings in every Node type.
  if (specifier === 'node' || specifier.startsWith('node:') || specifier.startsWith('@types/node'))
    return true;
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0] ?? '');
}

const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');

type Token =
  | { kind: 'id'; value: string; line: number }
  | { kind: 'str'; value: string; line: number }
  | { kind: 'punct'; value: string; line: number };

/** Tokens that can precede an expression: after them a `/` starts a regular expression. */
const BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
]);

export function tokenize(src: string): { tokens: Token[]; references: ImportRef[] } {
  const tokens: Token[] = [];
  const references: ImportRef[] = [];
  let i = 0;
  let line = 1;
  // Template literal nesting: each entry is the brace depth at which a `${` was opened.
  const templates: number[] = [];
  let braces = 0;
  const n = src.length;

  const readTemplate = (): void => {
    // At the character after "`" or after the "}" closing a substitution.
    while (i < n) {
      const c = src[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c === '`') {
        i++;
        return;
      }
      if (c === '$' && src[i + 1] === '{') {
        i += 2;
        templates.push(braces);
        braces++;
        return;
      }
      i++;
    }
  };

  while (i < n) {
    const c = src[i] as string;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      const comment = src.slice(i, end === -1 ? n : end);
      const ref = /^\/\/\/\s*<reference\s+types\s*=\s*["']([^"']+)["']/.exec(comment);
      if (ref) references.push({ specifier: ref[1] as string, line });
      i = end === -1 ? n : end;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (c === "'" || c === '"') {
      const start = line;
      let value = '';
      i++;
      while (i < n && src[i] !== c && src[i] !== '\n') {
        if (src[i] === '\\') {
          value += src[i + 1] ?? '';
          i += 2;
        } else value += src[i++];
      }
      i++; // closing quote (or the newline of an unterminated string, e.g. an apostrophe in JSX text)
      if (src[i - 1] === '\n') line++;
      tokens.push({ kind: 'str', value, line: start });
      continue;
    }
    if (c === '`') {
      const start = line;
      const from = i + 1;
      i++;
      const depth = templates.length;
      readTemplate();
      // A template without substitutions is a plain string (import(`x`), require(`x`)).
      if (templates.length === depth)
        tokens.push({ kind: 'str', value: src.slice(from, i - 1), line: start });
      else tokens.push({ kind: 'punct', value: '`', line: start });
      continue;
    }
    if (c === '{') {
      braces++;
      tokens.push({ kind: 'punct', value: c, line });
      i++;
      continue;
    }
    if (c === '}') {
      braces--;
      if (templates.length > 0 && templates[templates.length - 1] === braces) {
        templates.pop();
        i++;
        readTemplate();
        continue;
      }
      tokens.push({ kind: 'punct', value: c, line });
      i++;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(src[j] as string)) j++;
      tokens.push({ kind: 'id', value: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (/\d/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(src[j] as string)) j++;
      tokens.push({ kind: 'punct', value: '0', line });
      i = j;
      continue;
    }
    if (c === '/') {
      const prev = tokens[tokens.length - 1];
      const regexAllowed =
        !prev ||
        (prev.kind === 'punct' && !/^[)\]}0`]$/.test(prev.value)) ||
        (prev.kind === 'id' && BEFORE_EXPRESSION.has(prev.value));
      if (regexAllowed) {
        let inClass = false;
        i++;
        while (i < n && src[i] !== '\n') {
          const r = src[i];
          if (r === '\\') i++;
          else if (r === '[') inClass = true;
          else if (r === ']') inClass = false;
          else if (r === '/' && !inClass) break;
          i++;
        }
        // Not a regular expression after all if the line ended first (e.g. `</p>` in JSX).
        if (src[i] === '/') {
          i++;
          while (i < n && /[a-z]/.test(src[i] as string)) i++;
        }
        tokens.push({ kind: 'punct', value: '0', line });
        continue;
      }
    }
    tokens.push({ kind: 'punct', value: c, line });
    i++;
  }
  return { tokens, references };
}

/** Every module specifier a TS/TSX/JS source imports, with its line. */
export function importsOf(src: string): ImportRef[] {
  const { tokens, references } = tokenize(src);
  const found: ImportRef[] = [];
  const at = (k: number) => tokens[k];
  const isPunct = (k: number, v: string) => at(k)?.kind === 'punct' && at(k)?.value === v;
  const isId = (k: number, v?: string) => at(k)?.kind === 'id' && (v === undefined || at(k)?.value === v);
  const str = (k: number) => {
    const t = at(k);
    return t?.kind === 'str' ? t : undefined;
  };
  /** From k, walks an import/export clause to `from '<specifier>'`. */
  const fromClause = (k: number): Token | undefined => {
    for (let j = k; j < tokens.length && j < k + 400; j++) {
      const t = at(j) as Token;
      if (t.kind === 'id' && t.value === 'from' && str(j + 1)) return str(j + 1);
      if (t.kind === 'str' || (t.kind === 'punct' && !['{', '}', ',', '*'].includes(t.value)))
        return undefined;
      if (t.kind === 'id' && (t.value === 'import' || t.value === 'export')) return undefined;
    }
    return undefined;
  };

  for (let k = 0; k < tokens.length; k++) {
    const t = at(k) as Token;
    if (t.kind !== 'id') continue;
    const afterDot = isPunct(k - 1, '.') || isPunct(k - 1, '?');
    if (t.value === 'import' && !afterDot) {
      if (isPunct(k + 1, '(') && str(k + 2)) {
        found.push({ specifier: (str(k + 2) as Token).value, line: t.line });
      } else if (str(k + 1)) {
        found.push({ specifier: (str(k + 1) as Token).value, line: t.line });
      } else if (!isPunct(k + 1, '.') && !isPunct(k + 1, '(')) {
        const spec = fromClause(k + 1);
        if (spec) found.push({ specifier: spec.value, line: t.line });
      }
    } else if (t.value === 'export' && !afterDot) {
      const next = isId(k + 1, 'type') ? k + 2 : k + 1;
      if (isPunct(next, '*') || isPunct(next, '{')) {
        const spec = fromClause(next);
        if (spec) found.push({ specifier: spec.value, line: t.line });
      }
    } else if (t.value === 'require' && !isPunct(k - 1, '.') && isPunct(k + 1, '(') && str(k + 2)) {
      found.push({ specifier: (str(k + 2) as Token).value, line: t.line });
    }
  }
  return [...found, ...references].sort((a, b) => a.line - b.line);
}

/** Calls that hand SQL text to the driver (`x.prepare('SELECT …')`) and sql`…` templates, by line. */
export function sqlOf(src: string): ImportRef[] {
  const { tokens } = tokenize(src);
  const found: ImportRef[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'id') continue;
    const next = tokens[k + 1];
    const prev = tokens[k - 1];
    const afterDot = prev?.kind === 'punct' && prev.value === '.';
    if (
      afterDot &&
      (t.value === 'prepare' || t.value === 'exec' || t.value === 'pragma') &&
      next?.kind === 'punct' &&
      next.value === '(' &&
      (tokens[k + 2]?.kind === 'str' || (tokens[k + 2]?.kind === 'punct' && tokens[k + 2]?.value === '`'))
    )
      found.push({ specifier: `.${t.value}(…)`, line: t.line });
    else if (
      t.value === 'sql' &&
      !afterDot &&
      (next?.kind === 'str' || (next?.kind === 'punct' && next.value === '`')) &&
      next.line === t.line
    )
      found.push({ specifier: 'sql`…`', line: t.line });
  }
  return found;
}

const isDbDriver = (s: string) =>
  s === 'drizzle-orm' ||
  s.startsWith('drizzle-orm/') ||
  s === 'better-sqlite3' ||
  // PostgreSQL's driver (the team edition): only db/pg/ talks to it.
  s === 'pg' ||
  s.startsWith('pg/');

/** The file a relative specifier names (the project writes extensions; index files too). */
function resolveFile(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Which layer a path is in, for the downward rule (null: not constrained). */
function upwardTarget(from: string, to: string): string | null {
  const shell = to.startsWith('electron/') && !to.startsWith('electron/backend/');
  if (from.startsWith('db/') && (to.startsWith('electron/') || to.startsWith('renderer/')))
    return 'db/ must not import from electron/ or renderer/ (the database layer is below the backend)';
  const above = (names: string[]) =>
    shell ||
    names.some((n) =>
      n.endsWith('/') ? to.startsWith(`electron/backend/${n}`) : to === `electron/backend/${n}`,
    );
  if (
    from.startsWith('electron/backend/services/') &&
    above(['handlers/', 'cli/', 'cli.ts', 'dispatch.ts', 'app.ts', 'ipc.ts'])
  )
    return 'services/ must not import the layers above them (handlers/, dispatch.ts, app.ts, ipc.ts, cli/, the Electron shell)';
  if (from.startsWith('electron/backend/handlers/') && above(['cli/', 'cli.ts', 'app.ts', 'ipc.ts']))
    return 'handlers/ must not import app.ts, ipc.ts, cli/ or the Electron shell';
  return null;
}

const SERVICES = 'electron/backend/services/';

/**
 * The room of a service file: its folder under services/ (a file directly there is a room of its
 * own). The import room's readers (import/read/, import/types.ts) are the reading toolkit the
 * master-data and e-invoice readers use too, so they are a room below; import-kinds/ (master data
 * and e-invoices through the same staging and worker) belongs to the import room.
 */
export function serviceRoom(rel: string): string | null {
  if (!rel.startsWith(SERVICES)) return null;
  const inside = rel.slice(SERVICES.length);
  if (inside.startsWith('import/read/') || inside === 'import/types.ts') return 'import/read';
  const room = (inside.split('/')[0] as string).replace(/\.[cm]?tsx?$/, '');
  return room === 'import-kinds' ? 'import' : room;
}

/** Strongly connected groups of more than one file (or a file importing itself), Tarjan's way. */
function cyclesOf<E>(graph: Map<string, Map<string, E>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || graph.get(v)?.has(v)) groups.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return groups;
}

/** One loop through a cycle group, from its first file back to it (breadth-first, shortest). */
function loopIn<E>(group: string[], graph: Map<string, Map<string, E>>): string[] {
  const members = new Set(group);
  const start = group[0] as string;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const loop = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = cameFrom.get(u))
          loop.splice(1, 0, u);
        return [...loop, start];
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (SOURCE.test(entry.name)) out.push(full);
  }
}

/** Checks the project at `root`; an empty list means every boundary holds. */
export function checkBoundaries(root: string): Violation[] {
  const violations: Violation[] = [];
  const files: string[] = [];
  for (const top of ['electron', 'db', 'shared', 'renderer']) walk(path.join(root, top), files);

  const relOf = (file: string) => path.relative(root, file).split(path.sep).join('/');
  /** file -> (imported file -> the import), relative imports among the checked files. */
  const graph = new Map<string, Map<string, ImportRef>>();

  for (const file of files) {
    const rel = relOf(file);
    const src = fs.readFileSync(file, 'utf8');
    const imports = importsOf(src);
    const edges = new Map<string, ImportRef>();
    graph.set(rel, edges);
    const outsideDb = !rel.startsWith('db/') && !(rel.startsWith('renderer/') && NODE_TOOLING.test(rel));
    for (const ref of imports) {
      const flag = (rule: string) =>
        violations.push({ file: rel, line: ref.line, specifier: ref.specifier, rule });
      if (outsideDb && isDbDriver(ref.specifier))
        flag('no SQL outside db/: only db/ may use the database driver');
      if (!ref.specifier.startsWith('.')) continue;
      const target = resolveFile(file, ref.specifier);
      const to = relOf(target ?? path.resolve(path.dirname(file), ref.specifier));
      if (target && !edges.has(to)) edges.set(to, ref);
      if (outsideDb && /^db\/schema(?:\.ts|\/.*)?$/.test(to))
        flag('no SQL outside db/: tables are read and written through db/queries/');
      const upward = upwardTarget(rel, to);
      if (upward) flag(upward);
    }
    if (outsideDb)
      for (const ref of sqlOf(src))
        violations.push({
          file: rel,
          line: ref.line,
          specifier: ref.specifier,
          rule: 'no SQL outside db/: put the query in db/queries/',
        });
  }

  // Service rooms import only downward: no cycle between rooms, reported at one import closing it.
  const rooms = new Map<string, Map<string, { file: string; ref: ImportRef }>>();
  for (const [from, edges] of graph) {
    const a = serviceRoom(from);
    if (!a) continue;
    for (const [to, ref] of edges) {
      const b = serviceRoom(to);
      if (!b || b === a) continue;
      if (!rooms.has(a)) rooms.set(a, new Map());
      const out = rooms.get(a) as Map<string, { file: string; ref: ImportRef }>;
      if (!out.has(b)) out.set(b, { file: from, ref });
    }
  }
  for (const group of cyclesOf(rooms)) {
    const loop = loopIn(group, rooms);
    const closing = rooms.get(loop[loop.length - 2] as string)?.get(loop[loop.length - 1] as string);
    if (!closing) continue;
    violations.push({
      file: closing.file,
      line: closing.ref.line,
      specifier: closing.ref.specifier,
      rule: `service rooms import in a cycle (each room only imports rooms below it): ${loop.join(' -> ')}`,
    });
  }

  for (const group of cyclesOf(graph)) {
    const loop = loopIn(group, graph);
    const from = loop[loop.length - 2] as string;
    const ref = graph.get(from)?.get(loop[loop.length - 1] as string) as ImportRef;
    violations.push({
      file: from,
      line: ref.line,
      specifier: ref.specifier,
      rule: `import cycle: ${loop.join(' -> ')}`,
    });
  }

  for (const file of files) {
    const rel = relOf(file);
    const inBackend =
      rel.startsWith('electron/backend/') || rel.startsWith('db/') || rel.startsWith('shared/');
    const inPage = (rel.startsWith('renderer/') && !NODE_TOOLING.test(rel)) || rel.startsWith('shared/');
    if (!inBackend && !inPage) continue;
    const area = rel.split('/')[0] === 'electron' ? 'electron/backend' : rel.split('/')[0];

    for (const { specifier, line } of importsOf(fs.readFileSync(file, 'utf8'))) {
      const flag = (rule: string) => violations.push({ file: rel, line, specifier, rule });
      if ((inBackend || inPage) && isElectron(specifier)) {
        flag(`${area}/ must not import electron (only electron/main.ts and electron/preload.ts may)`);
        continue;
      }
      if (!inPage) continue;
      if (isNodeBuiltin(specifier)) {
        flag(`${area}/ must not import Node built-ins (it runs in a sandboxed page)`);
      } else if (specifier.startsWith('.')) {
        const target = path
          .relative(root, path.resolve(path.dirname(file), specifier))
          .split(path.sep)
          .join('/');
        const top = target.split('/')[0];
        if (top === 'db' || top === 'electron')
          flag(`${area}/ must not import from ${top}/ (Node-only code)`);
      }
    }
  }
  return violations;
}

export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.file}:${v.line}: '${v.specifier}': ${v.rule}`).join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const violations = checkBoundaries(root);
  if (violations.length > 0) {
    process.stderr.write(`Runtime boundary violations:\n${formatViolations(violations)}\n`);
    process.exit(1);
  }
  process.stdout.write('boundaries: ok\n');
}
