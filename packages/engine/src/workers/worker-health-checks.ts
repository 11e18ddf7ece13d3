import type { EngineLogger } from '../shared/engine-logger.js';
import type { WorkerEntry } from './worker-entry.js';
import { WorkerTransportError } from './worker-transport-error.js';

// A worker's health: checked every `healthCheckIntervalMs`, and sooner while it is down (from
// `firstRecheckMs`, doubled after each failure up to the interval). A check that finds the
// worker up re-reads its tools when it was down, was never read, or lists another number of them.

/** The first re-check of a worker that went down; doubled up to its interval. */
const firstRecheckMs = 100;

/** Health checks over the pool's entries. */
export interface WorkerHealthChecks {
  /** One health check (and a tool read when needed); concurrent callers share it. */
  check(entry: WorkerEntry): Promise<void>;
  /** Plans the entry's next check: sooner while it is down. */
  schedule(entry: WorkerEntry): void;
  /** The worker answered. */
  markUp(entry: WorkerEntry): void;
  /** The worker did not answer: `error` says why. */
  markDown(entry: WorkerEntry, error: unknown): void;
}

/** Health checks that read a worker's tools with `readTools` and stop once `isClosed()`. */
export function createWorkerHealthChecks({
  readTools,
  isClosed,
  logger,
}: {
  /** Reads the worker's tools and serves the ones the engine may use. */
  readTools: (entry: WorkerEntry) => Promise<void>;
  /** The pool is closed: no further checks are planned. */
  isClosed: () => boolean;
  logger: EngineLogger;
}): WorkerHealthChecks {
  function schedule(entry: WorkerEntry): void {
    clearTimeout(entry.timer);
    if (isClosed() || entry.removed || !entry.settings.enabled) return;
    const interval = entry.settings.healthCheckIntervalMs;
    const delay =
      entry.health === 'unhealthy'
        ? Math.min(interval, firstRecheckMs * 2 ** Math.min(entry.failures - 1, 16))
        : interval;
    entry.timer = setTimeout(() => void check(entry), delay);
    // Health checks never keep the process alive on their own.
    entry.timer.unref();
  }

  function markDown(entry: WorkerEntry, error: unknown): void {
    const wasHealthy = entry.health !== 'unhealthy';
    entry.health = 'unhealthy';
    entry.failures += 1;
    entry.problem = error instanceof Error ? error.message : String(error);
    entry.checkedAt = new Date();
    if (wasHealthy) {
      logger.warn(
        `Worker '${entry.settings.id}' is unhealthy; its tools answer a transport error until it is back.`,
        {
          problem: entry.problem,
        },
      );
    }
  }

  function markUp(entry: WorkerEntry): void {
    if (entry.health === 'unhealthy') {
      logger.info(`Worker '${entry.settings.id}' is healthy again.`);
    }
    entry.health = 'healthy';
    entry.failures = 0;
    entry.checkedAt = new Date();
  }

  function check(entry: WorkerEntry): Promise<void> {
    entry.checking ??= (async () => {
      try {
        const wasDown = entry.health !== 'healthy';
        const { toolCount } = await entry.client.health();
        markUp(entry);
        const countChanged =
          toolCount !== undefined &&
          toolCount !== entry.tools.length &&
          entry.problem === undefined;
        if (!entry.toolsLoaded || wasDown || countChanged) await readTools(entry);
      } catch (error) {
        if (!WorkerTransportError.isInstance(error)) throw error;
        markDown(entry, error);
      } finally {
        entry.checking = undefined;
        schedule(entry);
      }
    })();
    return entry.checking;
  }

  return { check, schedule, markUp, markDown };
}
