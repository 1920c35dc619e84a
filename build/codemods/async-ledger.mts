/**
 * Codemod (issue 17 step 1, docs/team-edition.md): the data layer becomes asynchronous.
 * Seeds: every function in db/queries that takes a `Ledger` and runs a statement itself. Then, to a
 * fixed point, every call whose type became a Promise (and was not an unhandled promise before the
 * change) is awaited and its enclosing function made async; array callbacks that became async go
 * through shared/in-order.ts; `x.transaction(cb)` whose callback became async becomes
 * `inTransaction(x, cb)`; `ReturnType<typeof f>` of such an f becomes `Awaited<…>`.
 * After hand edits (a callback type that now returns a promise), `SEED_CALLS='name1|name2'` runs only
 * the propagation: calls to those names are awaited, and so on up.
 * Not a dependency of the product: `npm i --no-save ts-morph` in a scratch folder, then
 * `npx tsx build/codemods/async-ledger.mts <checkout>` (a few minutes), then `npx tsc --noEmit` and
 * `npx tsx build/codemods/void-async.mts <checkout>` for what needs a hand.
 */
import path from 'node:path';
import {
  type ArrowFunction,
  type CallExpression,
  type FunctionDeclaration,
  type FunctionExpression,
  type MethodDeclaration,
  Node,
  Project,
  type SourceFile,
  SyntaxKind,
} from 'ts-morph';

const root = path.resolve(process.argv[2] ?? '/work/wt-async');
const project = new Project({ tsConfigFilePath: path.join(root, 'tsconfig.json') });
project.addSourceFilesAtPaths(path.join(root, 'test/e2e/**/*.ts'));

type Fn = FunctionDeclaration | ArrowFunction | FunctionExpression | MethodDeclaration;

const isFn = (n: Node): n is Fn =>
  Node.isFunctionDeclaration(n) ||
  Node.isArrowFunction(n) ||
  Node.isFunctionExpression(n) ||
  Node.isMethodDeclaration(n);

function files(): SourceFile[] {
  return project.getSourceFiles().filter((f) => {
    const p = f.getFilePath();
    return (
      !p.includes('/node_modules/') &&
      !p.includes('/renderer/') &&
      !p.includes('/db/pg/') &&
      !p.endsWith('.d.ts')
    );
  });
}

function isPromiseType(call: CallExpression): boolean {
  const t = call.getType();
  const s = t.getSymbol() ?? t.getAliasSymbol();
  return s?.getName() === 'Promise';
}

function handled(call: CallExpression): boolean {
  const p = call.getParent();
  if (!p) return true;
  if (Node.isAwaitExpression(p) || Node.isVoidExpression(p)) return true;
  if (Node.isPropertyAccessExpression(p) && ['then', 'catch', 'finally'].includes(p.getName())) return true;
  if (Node.isArrayLiteralExpression(p)) {
    const pc = p.getParent();
    if (
      pc &&
      Node.isCallExpression(pc) &&
      /^Promise\.(all|allSettled|race|any)$/.test(pc.getExpression().getText())
    )
      return true;
  }
  if (Node.isCallExpression(p) && /^Promise\.(all|allSettled|race|any)$/.test(p.getExpression().getText()))
    return true;
  // expect(promise).rejects / .resolves: vitest awaits it.
  if (Node.isCallExpression(p) && p.getExpression().getText() === 'expect') {
    const pp = p.getParent();
    if (pp && Node.isPropertyAccessExpression(pp) && ['rejects', 'resolves'].includes(pp.getName()))
      return true;
  }
  return false;
}

const made = new Set<Fn>();
const log: string[] = [];

function makeAsync(fn: Fn): void {
  if (fn.isAsync()) return;
  if (Node.isMethodDeclaration(fn) && fn.getParent()?.getKind() === SyntaxKind.ClassDeclaration) {
    // fine: class methods can be async
  }
  fn.setIsAsync(true);
  made.add(fn);
  const rt = fn.getReturnTypeNode();
  if (rt && !/^Promise</.test(rt.getText())) fn.setReturnType(`Promise<${rt.getText()}>`);
  log.push(`async: ${where(fn)}`);
  rewriteCallbackUse(fn);
}

function where(n: Node): string {
  return `${path.relative(root, n.getSourceFile().getFilePath())}:${n.getStartLineNumber()}`;
}

const IN_ORDER: Record<string, string> = {
  map: 'mapInOrder',
  forEach: 'forEachInOrder',
  filter: 'filterInOrder',
  every: 'everyInOrder',
};
/** Array methods whose async callback the code needs no helper for yet: rewritten by hand. */
const BY_HAND = new Set(['flatMap', 'some', 'find', 'findIndex', 'reduce', 'sort']);
const needImport = new Map<SourceFile, Set<string>>();

function want(sf: SourceFile, name: string): void {
  let s = needImport.get(sf);
  if (!s) {
    s = new Set();
    needImport.set(sf, s);
  }
  if (s.has(name)) return;
  s.add(name);
  if (sf.getImportDeclarations().some((d) => d.getNamedImports().some((n) => n.getName() === name))) return;
  // Imported at once, so the next round's type check sees the promise the helper returns.
  let r = path.relative(
    path.dirname(sf.getFilePath()),
    path.join(root, name === 'inTransaction' ? 'db/transaction.ts' : 'shared/in-order.ts'),
  );
  if (!r.startsWith('.')) r = `./${r}`;
  sf.addImportDeclaration({ moduleSpecifier: r, namedImports: [name] });
}

/** A function that became async and is passed as a callback: rewrite the call that takes it. */
function rewriteCallbackUse(fn: Fn): void {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) return;
  const call = fn.getParent();
  if (!call || !Node.isCallExpression(call)) return;
  const callee = call.getExpression();
  const sf = fn.getSourceFile();
  if (Node.isPropertyAccessExpression(callee)) {
    const name = callee.getName();
    const helper = IN_ORDER[name];
    if (helper && call.getArguments()[0] === fn) {
      const target = callee.getExpression().getText();
      const args = call.getArguments().map((a) => a.getText());
      want(sf, helper);
      log.push(`in-order ${name}: ${where(call)}`);
      call.replaceWithText(`(await ${helper}(${target}, ${args.join(', ')}))`);
      return;
    }
    if (BY_HAND.has(name) && call.getArguments().includes(fn)) {
      log.push(`BY HAND: an async callback given to .${name}(): ${where(call)}`);
      return;
    }
    if (name === 'transaction' && call.getArguments()[0] === fn) {
      const target = callee.getExpression().getText();
      const args = call.getArguments().map((a) => a.getText());
      want(sf, 'inTransaction');
      log.push(`transaction: ${where(call)}`);
      // better-sqlite3's client.transaction(fn)() form: the trailing call goes too.
      const outer = call.getParent();
      const db = target.endsWith('.$client') ? target.slice(0, -'.$client'.length) : target;
      if (
        outer &&
        Node.isCallExpression(outer) &&
        outer.getExpression() === call &&
        outer.getArguments().length === 0
      )
        outer.replaceWithText(`inTransaction(${db}, ${args.join(', ')})`);
      else call.replaceWithText(`inTransaction(${db}, ${args.join(', ')})`);
      return;
    }
  }
  if (Node.isIdentifier(callee) && callee.getText() === 'expect' && call.getArguments()[0] === fn) {
    // expect(() => f()).toThrow(x)  ->  await expect((async () => f())()).rejects.toThrow(x)
    const pa = call.getParent();
    if (pa && Node.isPropertyAccessExpression(pa) && /^toThrow/.test(pa.getName())) {
      log.push(`expect-rejects: ${where(call)}`);
      call.replaceWithText(`expect((${fn.getText()})()).rejects`);
    } else if (pa && Node.isPropertyAccessExpression(pa) && pa.getName() === 'not') {
      const pb = pa.getParent();
      if (pb && Node.isPropertyAccessExpression(pb) && /^toThrow/.test(pb.getName())) {
        log.push(`expect-resolves: ${where(call)}`);
        call.replaceWithText(`expect((${fn.getText()})()).resolves`);
        // .resolves.not.toThrow() passes when the promise resolves.
      }
    }
  }
}

function enclosing(n: Node): Fn | undefined {
  for (let p = n.getParent(); p; p = p.getParent()) if (isFn(p)) return p;
  return undefined;
}

// Before: the unhandled promise calls that exist today stay as they are.
const before = new Set<string>();
const key = (c: CallExpression) => `${c.getSourceFile().getFilePath()}|${c.getText()}`;
// A propagation pass after hand edits: calls to these names are new promises, whatever exists.
const seedCalls = process.env.SEED_CALLS ? new RegExp(`^(${process.env.SEED_CALLS})$`) : null;
const calleeName = (call: CallExpression): string => {
  const e = call.getExpression();
  return Node.isPropertyAccessExpression(e) ? e.getName() : e.getText();
};
for (const sf of files())
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression))
    if (!handled(call) && isPromiseType(call) && !(seedCalls?.test(calleeName(call)) ?? false))
      before.add(key(call));
console.error(`pre-existing unhandled promise calls: ${before.size}`);

// Seeds.
for (const sf of seedCalls ? [] : project.getSourceFiles()) {
  const p = sf.getFilePath();
  if (!p.includes('/db/queries/')) continue;
  for (const fn of sf.getDescendants().filter(isFn)) {
    // Only functions that run a statement: statement factories, subquery builders and caches
    // that take a Ledger stay synchronous.
    // The statement must run in the function itself, not in a function it returns (a finder or
    // writer object of prepared statements, called row by row, stays synchronous for now).
    const runs = fn
      .getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)
      .some(
        (pa) =>
          ['all', 'get', 'run', 'values', 'iterate', 'exec'].includes(pa.getName()) &&
          Node.isCallExpression(pa.getParent()) &&
          pa.getFirstAncestor(
            (a) => isFn(a) || Node.isConstructorDeclaration(a) || Node.isGetAccessorDeclaration(a),
          ) === fn,
      );
    if (runs && fn.getParameters().some((prm) => /\bLedger\b/.test(prm.getTypeNode()?.getText() ?? '')))
      makeAsync(fn);
  }
}
console.error(`seeds: ${made.size}`);

for (let round = 1; round < 60; round++) {
  let changed = 0;
  const todo: CallExpression[] = [];
  for (const sf of files()) {
    // Collect first (one type check of the program per round), then rewrite.
    const calls = sf
      .getDescendantsOfKind(SyntaxKind.CallExpression)
      .filter((call) => !handled(call) && isPromiseType(call) && !before.has(key(call)));
    todo.push(...calls.reverse());
  }
  for (const call of todo) {
    {
      if (call.wasForgotten() || handled(call)) continue;
      const fn = enclosing(call);
      // A class body, or electron/main.ts and preload.ts (bundled as CommonJS: no top-level await).
      if (
        !fn &&
        (call.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a)) ||
          /electron\/(main|preload)\.ts$/.test(call.getSourceFile().getFilePath()))
      ) {
        log.push(`IN-CLASS promise (by hand): ${where(call)}`);
        continue;
      }
      const p = call.getParent();
      if (
        p &&
        (Node.isPropertyAccessExpression(p) ||
          Node.isElementAccessExpression(p) ||
          Node.isNonNullExpression(p) ||
          Node.isCallExpression(p) ||
          Node.isAsExpression(p) ||
          (Node.isSpreadElement(p) === false &&
            Node.isBinaryExpression(p) === false &&
            Node.isTypeOfExpression(p))) &&
        (p as unknown as { getExpression?: () => Node }).getExpression?.() === call
      ) {
        call.replaceWithText(`(await ${call.getText()})`);
      } else {
        call.replaceWithText(`await ${call.getText()}`);
      }
      if (fn) makeAsync(fn); // else a module's top level: ES modules may await there
      changed++;
    }
  }
  console.error(`round ${round}: ${changed} awaits, ${made.size} async functions`);
  if (!changed) break;
}

for (const sf of files())
  for (const ref of sf.getDescendantsOfKind(SyntaxKind.TypeReference)) {
    if (ref.wasForgotten() || ref.getTypeName().getText() !== 'ReturnType') continue;
    const arg = ref.getTypeArguments()[0];
    if (!arg || !Node.isTypeQuery(arg)) continue;
    const decl =
      arg.getExprName().getSymbol()?.getAliasedSymbol()?.getDeclarations()[0] ??
      arg.getExprName().getSymbol()?.getDeclarations()[0];
    const fn =
      decl && (isFn(decl) ? decl : Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined);
    if (fn && isFn(fn) && made.has(fn) && !ref.getParent()?.getText().startsWith('Awaited<')) {
      log.push(`awaited-type: ${where(ref)}`);
      ref.replaceWithText(`Awaited<${ref.getText()}>`);
    }
  }

await project.save();
console.log(log.join('\n'));
