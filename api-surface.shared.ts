// Shared by every package's API-surface test: the names an entry point exports, split into
// runtime values and type-only names, so a change to a public surface shows up as a diff.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The runtime and type-only export names of an entry point, each sorted. */
export interface ApiSurface {
  values: string[];
  types: string[];
}

/**
 * Reads the export names of `entry` (a `.ts` file) with the TypeScript compiler, under the
 * nearest `tsconfig.json`, and splits them by the module's runtime exports.
 */
export function apiSurface({
  entry,
  runtime,
}: {
  entry: URL;
  runtime: Record<string, unknown>;
}): ApiSurface {
  const entryPath = fileURLToPath(entry);
  const tsconfig = ts.findConfigFile(path.dirname(entryPath), ts.sys.fileExists);
  if (tsconfig === undefined) throw new Error(`No tsconfig.json above ${entryPath}.`);
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (config === undefined) throw new Error(`Cannot read ${tsconfig}.`);
  // Export names need only the package's own files: leaving other packages and the standard
  // library unresolved keeps this to a fraction of a second.
  const options = { ...config.options, noLib: true, types: [] };
  const host = ts.createCompilerHost(options);
  host.resolveModuleNames = (moduleNames, containingFile) =>
    moduleNames.map((name) =>
      name.startsWith('.')
        ? ts.resolveModuleName(name, containingFile, options, host).resolvedModule
        : undefined,
    );
  const program = ts.createProgram({ rootNames: [entryPath], options, host });
  const source = program.getSourceFile(entryPath);
  const moduleSymbol = source && program.getTypeChecker().getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error(`${entryPath} is not a module.`);
  const names = program
    .getTypeChecker()
    .getExportsOfModule(moduleSymbol)
    .map((symbol) => symbol.getName());
  const values = Object.keys(runtime).sort();
  const types = names.filter((name) => !(name in runtime)).sort();
  return { values, types };
}
