import { readFile } from 'node:fs/promises';
import { parseToolDefinition, type ToolDefinition } from '@toolgrant/core';

// The real Arcade catalog kept in the repository (fixtures/README.md says where it came from).
const catalogUrl = new URL('../../../fixtures/arcade-catalog.json', import.meta.url);

export async function loadCatalog(): Promise<ToolDefinition[]> {
  const catalog = JSON.parse(await readFile(catalogUrl, 'utf8')) as { items: unknown[] };
  return catalog.items.map(parseToolDefinition);
}
