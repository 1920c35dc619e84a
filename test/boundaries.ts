/**
 * Runtime boundaries, checked by a machine (run by `npm run lint`; exits 1 listing file:line):
 *   - electron/backend/, db/, shared/ never import 'electron' (they run under plain Node and in
 *     tests; only electron/main.ts and preload.ts may);
 *   - renderer/ and shared/ never import a Node built-in, nor anything under db/ or electron/
 *     (the renderer is a sandboxed web page; shared/ is pure TypeScript used by both sides).
 *     The renderer may not import 'electron' either: it only sees window.incasso.
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

  for (const file of files) {
    const rel = path.relative(root, file).split(path.sep).join('/');
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
