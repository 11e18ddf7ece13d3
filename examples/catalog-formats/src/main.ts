import { parseArgs } from 'node:util';
import type { ToolSchemaFormat } from '@toolgrant/core';
import { loadCatalog } from './load-catalog.js';
import { renderDemo } from './render-demo.js';

const formats: ToolSchemaFormat[] = ['openai', 'anthropic', 'json-schema'];
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string' } },
});

const format = values.format as ToolSchemaFormat | undefined;
if (format !== undefined && !formats.includes(format)) {
  console.error(`--format must be one of ${formats.join(', ')}; got "${format}".`);
  process.exit(1);
}

const started = performance.now();
const catalog = await loadCatalog();
const elapsed = performance.now() - started;
if (!format) {
  console.log(
    `Toolgrant: the Arcade catalog, ${catalog.length} tool definitions read and checked in ${elapsed.toFixed(0)} ms.`,
  );
  console.log(
    'Pick another toolkit or tool with `npx --yes pnpm@10.34.9 --filter @toolgrant/example-catalog-formats start <Toolkit>`; add --format openai for JSON.\n',
  );
}
try {
  console.log(renderDemo({ catalog, selection: positionals[0] ?? 'Gmail', format }));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
