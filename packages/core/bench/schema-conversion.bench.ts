// How long converting the whole Arcade catalog takes: our Zod schemas and JSON Schema formats
// next to the official client's `toZodToolSet`, on the same 508 definitions in the same run.
// Every run converts fresh copies of the definitions, so the `toZodSchema` cache never hits.
// Figures only; nothing here asserts on time. Run with `pnpm --filter @toolgrant/core bench`.

import { Arcade } from '@arcadeai/arcadejs';
// The docs import '@arcadeai/arcadejs/lib', which the package's exports map does not resolve.
import { toZodToolSet } from '@arcadeai/arcadejs/lib/index';
import { parseToolDefinition } from '../src/parse-tool-definition.js';
import { toJsonSchema } from '../src/to-json-schema.js';
import { toZodSchema } from '../src/to-zod-schema.js';
import type { ToolDefinition } from '../src/tool-definition.js';
import { loadArcadeCatalog } from '../test/load-arcade-catalog.js';

const warmUpRuns = 10;
const measuredRuns = 40;

type ArcadeToolDefinitions = Parameters<typeof toZodToolSet>[0]['tools'];

interface Case {
  name: string;
  ours: boolean;
  /** Prepares fresh input outside the timing, then returns the timed work. */
  prepare: () => () => unknown;
}

const client = new Arcade({ apiKey: 'bench', baseURL: 'http://127.0.0.1:9' });

// toZodToolSet throws on a definition whose output is an array without an inner type, which
// the real catalog has (Hubspot.GetAvailableIndustryTypes). Both sides are timed on the
// definitions it can convert, so they do the same work.
const unconvertible: string[] = [];
const catalog = loadArcadeCatalog().filter((item) => {
  try {
    toZodToolSet({
      tools: [structuredClone(item)] as ArcadeToolDefinitions,
      client,
      userId: 'bench',
    });
    return true;
  } catch {
    unconvertible.push((item as { qualified_name: string }).qualified_name);
    return false;
  }
});
const freshCopies = () => structuredClone(catalog);
const freshDefinitions = (): ToolDefinition[] =>
  freshCopies().map((item) => parseToolDefinition(item));
const cases: Case[] = [
  {
    name: 'parseToolDefinition',
    ours: true,
    prepare: () => {
      const items = freshCopies();
      return () => items.map((item) => parseToolDefinition(item));
    },
  },
  {
    name: 'toZodSchema',
    ours: true,
    prepare: () => {
      const definitions = freshDefinitions();
      return () => definitions.map((definition) => toZodSchema(definition));
    },
  },
  ...(['json-schema', 'openai', 'anthropic'] as const).map(
    (format): Case => ({
      name: `toJsonSchema '${format}'`,
      ours: true,
      prepare: () => {
        const definitions = freshDefinitions();
        return () => definitions.map((definition) => toJsonSchema(definition, format));
      },
    }),
  ),
  {
    name: 'parse + toZodSchema',
    ours: true,
    prepare: () => {
      const items = freshCopies();
      return () => items.map((item) => toZodSchema(parseToolDefinition(item)));
    },
  },
  {
    name: 'arcadejs toZodToolSet',
    ours: false,
    prepare: () => {
      const tools = freshCopies() as ArcadeToolDefinitions;
      return () => toZodToolSet({ tools, client, userId: 'bench' });
    },
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const timings = new Map<string, number[]>(cases.map(({ name }) => [name, []]));
for (let run = 0; run < warmUpRuns + measuredRuns; run++) {
  // Interleaved, so a slow moment of the machine does not land on one case only.
  for (const benchCase of cases) {
    const work = benchCase.prepare();
    const started = performance.now();
    const result = work();
    const elapsed = performance.now() - started;
    if (result === undefined) throw new Error(`${benchCase.name} produced nothing`);
    if (run >= warmUpRuns) timings.get(benchCase.name)?.push(elapsed);
  }
}

const theirs = median(timings.get('arcadejs toZodToolSet') ?? []);
const rows = cases.map(({ name, ours }) => {
  const values = timings.get(name) ?? [];
  const ms = median(values);
  return {
    conversion: name,
    'median ms': ms.toFixed(2),
    'min ms': Math.min(...values).toFixed(2),
    'µs per tool': ((ms * 1000) / catalog.length).toFixed(1),
    'ours / theirs': ours ? (ms / theirs).toFixed(2) : '1.00',
  };
});

for (const name of unconvertible) {
  parseToolDefinition(
    loadArcadeCatalog().find(
      (item) => (item as { qualified_name: string }).qualified_name === name,
    ),
  );
  console.log(`Left out: ${name} (toZodToolSet throws on it; toolgrant converts it).`);
}
console.log(
  `${catalog.length} tool definitions, median of ${measuredRuns} runs after ${warmUpRuns} warm-up runs, Node ${process.version}`,
);
console.table(rows);
console.log(
  'theirs = toZodToolSet from @arcadeai/arcadejs: Zod without descriptions, json as z.any(), not strict. Ours adds descriptions (.describe), closed objects, nested objects and safe integers.',
);
