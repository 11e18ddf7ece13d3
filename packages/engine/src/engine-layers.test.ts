import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The engine's folders form layers, and imports point one way: down. A folder may import
// only the folders listed for it; `shared` (the logger, the options error, the id rule, Zod)
// sits below every layer. Tests, the store contract suite (store-contract.ts and its folder)
// and `src/*.ts` (the composition root: createEngine, the config, the in-process client, the
// entry points) are not checked.
//
//   cli, src/*.ts
//   http                      the Arcade v1 API and the browser's OAuth routes
//   mcp                       the MCP endpoint (Streamable HTTP), mounted by http
//   broker · workers          consent and credentials · remote workers (not each other)
//   tools                     the registry, execution, and the resolver interfaces
//   oauth · store             OAuth 2.0 requests · the encrypted store (not each other)
//   crypto
//   shared

const mayImport: Record<string, readonly string[]> = {
  cli: ['.', 'http', 'mcp', 'broker', 'workers', 'tools', 'oauth', 'store', 'crypto', 'shared'],
  http: ['mcp', 'broker', 'workers', 'tools', 'oauth', 'store', 'crypto', 'shared'],
  mcp: ['tools', 'store', 'crypto', 'shared'],
  broker: ['tools', 'oauth', 'store', 'crypto', 'shared'],
  workers: ['tools', 'oauth', 'store', 'crypto', 'shared'],
  tools: ['oauth', 'store', 'crypto', 'shared'],
  oauth: ['crypto', 'shared'],
  store: ['crypto', 'shared'],
  crypto: ['shared'],
  shared: [],
};

const sourceRoot = path.dirname(new URL(import.meta.url).pathname);

/** The layer a file belongs to: its first folder under src/, or '.' for src/*.ts. */
function layerOf(file: string): string {
  const [first, ...rest] = path.relative(sourceRoot, file).split(path.sep);
  return rest.length === 0 ? '.' : (first as string);
}

function productionFiles(directory = sourceRoot): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'store-contract' ? [] : productionFiles(file);
    const isProduction =
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.test.ts') &&
      !entry.name.endsWith('.test-d.ts') &&
      entry.name !== 'store-contract.ts';
    return isProduction ? [file] : [];
  });
}

/** Every relative module a file imports or re-exports, statically or with `import()`. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
}

/** Imports from one layer into another: `from -> to (file imports file)`. */
function crossLayerImports(): Array<{ from: string; to: string; edge: string }> {
  return productionFiles().flatMap((file) =>
    importsOf(file)
      .map((target) => ({ from: layerOf(file), to: layerOf(target), target }))
      .filter(({ from, to }) => from !== to)
      .map(({ from, to, target }) => ({
        from,
        to,
        edge: `${path.relative(sourceRoot, file)} imports ${path.relative(sourceRoot, target)}`,
      })),
  );
}

/** The imports the table does not allow (the composition root may import anything). */
function forbidden<Edge extends { from: string; to: string }>(edges: readonly Edge[]): Edge[] {
  return edges.filter(({ from, to }) => from !== '.' && !(mayImport[from] ?? []).includes(to));
}

/** Folder-level cycles: a -> ... -> a over the imports found. */
function folderCycles(edges: ReadonlyArray<{ from: string; to: string }>): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const cycles: string[][] = [];
  const walk = (start: string, at: string, trail: string[]) => {
    for (const to of next.get(at) ?? []) {
      if (to === start) cycles.push([...trail, to]);
      else if (!trail.includes(to)) walk(start, to, [...trail, to]);
    }
  };
  for (const start of next.keys()) walk(start, start, [start]);
  return cycles;
}

describe("the engine's layers", () => {
  it('knows every folder under src/', () => {
    const folders = new Set(productionFiles().map(layerOf));
    folders.delete('.');
    expect([...folders].sort()).toEqual(Object.keys(mayImport).sort());
  });

  it('finds the imports it checks (a file that imports across layers is seen)', () => {
    const edges = crossLayerImports();
    expect(edges).toContainEqual({
      from: 'http',
      to: 'tools',
      edge: 'http/routes/tools-routes.ts imports tools/execute-tool-call.ts',
    });
    expect(edges).toContainEqual({
      from: 'store',
      to: 'crypto',
      edge: 'store/sql-store.ts imports crypto/value-cipher.ts',
    });
  });

  it('has no import that points up a layer or across to a sibling', () => {
    expect(forbidden(crossLayerImports()).map(({ edge }) => edge)).toEqual([]);
  });

  it('has no cycle between folders, nor an import of the composition root below it', () => {
    const edges = crossLayerImports();
    expect(folderCycles(edges.filter(({ from }) => from !== '.' && from !== 'cli'))).toEqual([]);
    expect(
      edges.filter(({ from, to }) => to === '.' && from !== 'cli').map(({ edge }) => edge),
    ).toEqual([]);
  });

  it('refuses an upward import, a sibling import and a cycle (the checks can fail)', () => {
    const upward = { from: 'tools', to: 'http' };
    const sibling = { from: 'broker', to: 'workers' };
    const down = { from: 'broker', to: 'store' };
    expect(forbidden([upward, sibling, down])).toEqual([upward, sibling]);
    expect(
      folderCycles([
        { from: 'tools', to: 'workers' },
        { from: 'workers', to: 'tools' },
      ]),
    ).toContainEqual(['tools', 'workers', 'tools']);
  });
});
