import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { isTool } from './define-tool.js';
import type { Toolkit } from './define-toolkit.js';
import { InvalidWorkerOptionsError } from './invalid-worker-options-error.js';

// The toolkits a file exports, for `toolgrant-worker serve <file>`. TypeScript is loaded with
// tsx, so a toolkit package runs as a worker without a build step. The default export may be
// a toolkit or an array of them; without one, every exported toolkit is served.

/** Imports a module and returns the toolkits it exports. */
export async function loadToolkits({
  file,
  directory = process.cwd(),
}: {
  file: string;
  directory?: string;
}): Promise<Toolkit[]> {
  const resolved = path.resolve(directory, file);
  const exists = await access(resolved).then(
    () => true,
    () => false,
  );
  if (!exists) {
    throw new InvalidWorkerOptionsError({
      option: 'file',
      message: `The toolkit file ${resolved} does not exist. Pass the file that exports your toolkit, for example 'toolgrant-worker serve ./src/toolkit.ts'.`,
    });
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = (await tsImport(pathToFileURL(resolved).href, {
      parentURL: import.meta.url,
    })) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidWorkerOptionsError({
      option: 'file',
      message: `The toolkit file ${resolved} could not be loaded: ${error instanceof Error ? error.message : String(error)}. Run it with \`npx tsx ${path.basename(resolved)}\` to see the full error.`,
    });
  }
  const exports = unwrapCommonJs(loaded);
  const fromDefault = exports.default;
  if (fromDefault !== undefined) {
    const toolkits = Array.isArray(fromDefault) ? fromDefault : [fromDefault];
    toolkits.forEach((candidate, index) => {
      if (!isToolkit(candidate)) {
        throw new InvalidWorkerOptionsError({
          option: 'file',
          message: `The default export of ${resolved}${Array.isArray(fromDefault) ? ` (item ${index})` : ''} is not a toolkit. Export defineToolkit({ name, version, tools }) or an array of them.`,
        });
      }
    });
    return toolkits as Toolkit[];
  }
  const named = Object.values(exports).filter(isToolkit);
  if (named.length === 0) {
    throw new InvalidWorkerOptionsError({
      option: 'file',
      message: `${resolved} exports no toolkit. Add \`export default defineToolkit({ name, version, tools })\`.`,
    });
  }
  return named;
}

function isToolkit(value: unknown): value is Toolkit {
  if (typeof value !== 'object' || value === null) return false;
  const { name, version, tools } = value as Partial<Toolkit>;
  return (
    typeof name === 'string' &&
    typeof version === 'string' &&
    Array.isArray(tools) &&
    tools.length > 0 &&
    tools.every(isTool)
  );
}

// A .ts file outside a `"type": "module"` package is compiled to CommonJS: its exports arrive
// as the namespace's `default`, marked `__esModule`.
function unwrapCommonJs(loaded: Record<string, unknown>): Record<string, unknown> {
  const value = loaded.default;
  if (typeof value === 'object' && value !== null && '__esModule' in value && value.__esModule) {
    return value as Record<string, unknown>;
  }
  return loaded;
}
