/**
 * The public API report: every door's exports and every declaration its .d.ts reaches, as
 * `lib/` declares them, in a form that does not depend on how the bundler split the chunks
 * (chunk files, the short aliases between them, comments). etc/public-api.d.ts.txt is the
 * reviewed copy: `npm run api:check` (and the package test) fails when the build differs, so a
 * change to the public types is always deliberate: `npm run api:update`, then a semver bump and
 * a CHANGELOG.md entry.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export const DOORS = ['index', 'server', 'react', 'sandbox'] as const;
export const REPORT_FILE = 'etc/public-api.d.ts.txt';

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function declarationName(statement: ts.Statement): string {
  const named = statement as ts.Statement & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.map((d) => d.name.getText()).join(',');
  return '';
}

/** `export { a as B }` across chunks, followed to the declaration's own name. */
function exportsOf(checker: ts.TypeChecker, file: ts.SourceFile): string[] {
  const module = checker.getSymbolAtLocation(file);
  if (!module) return [];
  return checker
    .getExportsOfModule(module)
    .map((symbol) => {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const kind = target.flags & ts.SymbolFlags.Value ? 'value' : 'type';
      return symbol.name === target.name
        ? `${symbol.name} (${kind})`
        : `${symbol.name} = ${target.name} (${kind})`;
    })
    .sort();
}

/**
 * TypeScript prints an inferred union of literals, and the members of an inferred object type,
 * in the order it met them, which differs from one compilation to the next (`2 | 1 | 5` then
 * `1 | 2 | 5`): sorted (neither order means anything to the type), the report is stable.
 */
const sortLiteralUnions: ts.TransformerFactory<ts.Node> = (context) => {
  const visit = (node: ts.Node): ts.Node => {
    const visited = ts.visitEachChild(node, visit, context);
    if (ts.isTypeLiteralNode(visited) && visited.members.every(ts.isPropertySignature)) {
      const name = (m: ts.TypeElement) => (m.name && 'text' in m.name ? String(m.name.text) : '');
      const members = [...visited.members].sort((a, b) => (name(a) < name(b) ? -1 : 1));
      return context.factory.updateTypeLiteralNode(
        visited,
        context.factory.createNodeArray(members),
      );
    }
    if (!ts.isUnionTypeNode(visited) || !visited.types.every(ts.isLiteralTypeNode)) return visited;
    const text = (t: ts.TypeNode) =>
      printer.printNode(ts.EmitHint.Unspecified, t, undefined as never);
    const types = [...visited.types].sort((a, b) => (text(a) < text(b) ? -1 : 1));
    return context.factory.updateUnionTypeNode(visited, context.factory.createNodeArray(types));
  };
  return visit;
};

export function buildApiReport(libDir = 'lib'): string {
  const roots = DOORS.map((door) => join(libDir, `${door}.d.ts`));
  const program = ts.createProgram(roots, {
    noEmit: true,
    skipLibCheck: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    types: [],
  });
  const checker = program.getTypeChecker();
  const sections: string[] = [];
  const declarations = new Map<string, string>();
  for (const [i, root] of roots.entries()) {
    const file = program.getSourceFile(root);
    if (!file) throw new Error(`${root} is missing: run npm run build:lib first`);
    const door = DOORS[i] === 'index' ? 'kustomer-escalation' : `kustomer-escalation/${DOORS[i]}`;
    sections.push(
      `// ${door}\n${exportsOf(checker, file)
        .map((e) => `//   ${e}`)
        .join('\n')}`,
    );
  }
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.includes(`${libDir}/`) || file.fileName.includes('node_modules')) continue;
    for (const statement of file.statements) {
      if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) continue;
      const [stable] = ts.transform(statement, [sortLiteralUnions]).transformed;
      const text = printer.printNode(ts.EmitHint.Unspecified, stable!, file);
      declarations.set(`${declarationName(statement)}\u0000${text}`, text);
    }
  }
  const sorted = [...declarations.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${sections.join('\n\n')}\n\n${sorted.map(([, text]) => text).join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = buildApiReport();
  if (process.argv.includes('--update')) {
    writeFileSync(REPORT_FILE, report);
    console.log(`${REPORT_FILE} updated`);
  } else if (readFileSync(REPORT_FILE, 'utf8') !== report) {
    console.error(
      `The public API differs from ${REPORT_FILE}. If the change is meant, run npm run api:update, bump the version (semver) and add a CHANGELOG.md entry.`,
    );
    process.exit(1);
  } else console.log('public API unchanged');
}
