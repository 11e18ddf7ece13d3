import { readFileSync } from 'node:fs';
import { parseToolDefinition, type ToolDefinition } from '@toolgrant/core';

// What the adapters' benchmarks share (`@toolgrant/testkit/bench`): the catalog fixture, a
// build timing over it, and interleaved timing of calls against a reference measured in the
// same run. Figures only: nothing asserts on time.

/** The middle value of `values` (NaN when empty). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const catalogUrl = new URL('../../../fixtures/arcade-catalog.json', import.meta.url);
const catalogItems = (JSON.parse(readFileSync(catalogUrl, 'utf8')) as { items: unknown[] }).items;

/**
 * Prints the median ms `build` takes for the whole catalog. Definitions are parsed afresh for
 * every round, so no per-definition cache is reused; `build` returns how many tools it made.
 */
export function benchCatalogBuild({
  name,
  build,
  rounds = 20,
}: {
  name: string;
  build: (definitions: ToolDefinition[]) => number;
  rounds?: number;
}): void {
  const times: number[] = [];
  let toolCount = 0;
  for (let round = 0; round < rounds; round++) {
    const definitions = catalogItems.map((item) => parseToolDefinition(structuredClone(item)));
    const started = performance.now();
    toolCount = build(definitions);
    times.push(performance.now() - started);
  }
  console.log(
    `${name}, whole catalog (${toolCount} tools): median ${median(times).toFixed(2)} ms over ${times.length} runs`,
  );
}

/**
 * Times each case `rounds` times, interleaved so that drift in the engine or the machine weighs
 * on all alike, after `warmup` untimed rounds; prints each median with its ratio to the first
 * case, the reference.
 */
export async function benchAgainstReference({
  title,
  cases,
  rounds = 1_000,
  warmup = 100,
}: {
  title: string;
  cases: Record<string, () => Promise<unknown>>;
  rounds?: number;
  warmup?: number;
}): Promise<void> {
  const entries = Object.entries(cases);
  const times = new Map(entries.map(([name]) => [name, [] as number[]]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (const [name, run] of entries) {
      const started = performance.now();
      await run();
      if (round >= warmup) times.get(name)?.push(performance.now() - started);
    }
  }
  const medians = [...times].map(([name, list]) => [name, median(list)] as const);
  const reference = medians[0]?.[1] ?? Number.NaN;
  console.log(title);
  for (const [name, value] of medians) {
    const ratio = value / reference;
    console.log(
      `  ${name.padEnd(42)} median ${value.toFixed(3)} ms  ratio ${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)}% over the reference)`,
    );
  }
}
