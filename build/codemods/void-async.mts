/**
 * Finds async functions given where a function returning void is expected (an interface member
 * `reopen: () => void`, a callback typed `() => void`): their promise is dropped by whoever calls
 * them, so a failure becomes an unhandled rejection instead of an error. Lists them for a hand fix.
 */
import path from 'node:path';
import { Node, Project, SyntaxKind, ts } from 'ts-morph';

const root = path.resolve(process.argv[2] ?? '/work/wt-async');
const project = new Project({ tsConfigFilePath: path.join(root, 'tsconfig.json') });
project.addSourceFilesAtPaths(path.join(root, 'test/e2e/**/*.ts'));
const checker = project.getTypeChecker();
let n = 0;
for (const sf of project.getSourceFiles()) {
  const p = sf.getFilePath();
  if (p.includes('/node_modules/') || p.includes('/renderer/')) continue;
  for (const fn of [
    ...sf.getDescendantsOfKind(SyntaxKind.ArrowFunction),
    ...sf.getDescendantsOfKind(SyntaxKind.FunctionExpression),
    ...sf.getDescendantsOfKind(SyntaxKind.MethodDeclaration),
  ]) {
    if (!fn.isAsync()) {
      // A plain arrow whose expression is a promise drops it just the same.
      if (!Node.isArrowFunction(fn)) continue;
      const body = fn.getBody();
      if (Node.isBlock(body)) continue;
      const bt = body.getType();
      if ((bt.getSymbol() ?? bt.getAliasSymbol())?.getName() !== 'Promise') continue;
    }
    let ctx: ts.Type | undefined;
    if (Node.isMethodDeclaration(fn)) {
      const parent = fn.getParent();
      if (!Node.isObjectLiteralExpression(parent)) continue;
      const t = checker.compilerObject.getContextualType(parent.compilerNode);
      const prop = t?.getProperty(fn.getName());
      if (!prop) continue;
      ctx = checker.compilerObject.getTypeOfSymbolAtLocation(prop, parent.compilerNode);
    } else {
      ctx = checker.compilerObject.getContextualType(fn.compilerNode as never);
    }
    if (!ctx) continue;
    const sigs = ctx.getCallSignatures();
    if (!sigs.length) continue;
    const voids = sigs.every((s) => {
      const r = s.getReturnType();
      return (r.flags & ts.TypeFlags.Void) !== 0;
    });
    if (voids) {
      n++;
      console.log(
        `${path.relative(root, p)}:${fn.getStartLineNumber()}: ${fn.getText().slice(0, 80).replace(/\s+/g, ' ')}`,
      );
    }
  }
}
console.error(`${n} async functions where void is expected`);
