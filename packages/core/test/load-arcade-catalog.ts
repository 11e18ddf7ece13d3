// The real catalog of 508 Arcade tool definitions (see fixtures/README.md), read from the repo.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const catalogPath = fileURLToPath(
  new URL('../../../fixtures/arcade-catalog.json', import.meta.url),
);

/** A fresh copy on every call, so tests and benchmark runs never share definition objects. */
export function loadArcadeCatalog(): unknown[] {
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8')) as { items: unknown[] };
  return catalog.items;
}
