// Guards issue 11, point 7: every exported function and type in a package's source carries a
// JSDoc comment, so an editor shows what it is on hover.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const packagesDirectory = join(repositoryRoot, 'packages');

function isModuleFile(fileName: string): boolean {
  return (
    (fileName.endsWith('.ts') || fileName.endsWith('.tsx')) &&
    !fileName.endsWith('.d.ts') &&
    !fileName.endsWith('.test.ts') &&
    !fileName.endsWith('.test.tsx') &&
    !fileName.endsWith('.test-d.ts') &&
    fileName !== 'store-contract.ts'
  );
}

function listModuleFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listModuleFiles(path);
    return isModuleFile(entry.name) ? [path] : [];
  });
}

function isExported(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function hasJSDoc(node: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(node).length > 0;
}

function isFunctionInitializer(initializer: ts.Expression | undefined): boolean {
  return (
    initializer !== undefined &&
    (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))
  );
}

/** The exported declarations of one file that lack a JSDoc comment, as `file:line name`. */
function findUndocumentedExports(path: string): string[] {
  const sourceFile = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const offenders: string[] = [];
  const report = (node: ts.Node, name: string) => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    offenders.push(`${relative(repositoryRoot, path)}:${line + 1} ${name}`);
  };
  for (const statement of sourceFile.statements) {
    if (!isExported(statement)) continue;
    if (
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement)
    ) {
      if (!hasJSDoc(statement)) report(statement, statement.name?.text ?? 'default');
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!isFunctionInitializer(declaration.initializer)) continue;
        if (hasJSDoc(statement) || hasJSDoc(declaration)) continue;
        report(declaration, declaration.name.getText(sourceFile));
      }
    }
  }
  return offenders;
}

describe('exported names', () => {
  it('each carry a JSDoc comment', () => {
    const offenders = readdirSync(packagesDirectory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const sourceDirectory = join(packagesDirectory, entry.name, 'src');
        try {
          return listModuleFiles(sourceDirectory);
        } catch {
          return [];
        }
      })
      .flatMap(findUndocumentedExports);
    if (offenders.length > 0) console.log(offenders.join('\n'));
    expect(offenders).toEqual([]);
  });
});
