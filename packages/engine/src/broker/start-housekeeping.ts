import type { EngineLogger } from '../shared/engine-logger.js';
import type { Store } from '../store/store.js';
import { describeError } from './describe-error.js';

// What the engine tidies on a timer (and once at start-up): flows whose code exchange died
// with its process are failed and their waiters told; flows expired longer ago than the
// retention are deleted, and so are expired MCP tokens and spent MCP consent states. The timer is unref'd, so it never keeps a process alive.

export const defaultHousekeepingIntervalMs = 5 * 60 * 1000;
export const defaultFlowRetentionMs = 60 * 60 * 1000;

/** The running housekeeping timer: run a round now, or stop it. */
export type Housekeeping = {
  /** One round now; resolves when it is done (a round already running is joined). */
  runNow(): Promise<void>;
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
};

/** Starts the timer that fails flows orphaned by a dead process and deletes long-expired ones. */
export function startHousekeeping({
  store,
  logger,
  intervalMs = defaultHousekeepingIntervalMs,
  flowRetentionMs = defaultFlowRetentionMs,
}: {
  store: Store;
  logger: EngineLogger;
  intervalMs?: number;
  /** How long a flow is kept after it expired, so status polls still answer for it. */
  flowRetentionMs?: number;
}): Housekeeping {
  let running: Promise<void> | undefined;
  let stopped = false;

  async function round(): Promise<void> {
    try {
      const interrupted = await store.failInterruptedExchanges();
      if (interrupted.length > 0) {
        logger.warn('Failed authorization flows whose code exchange was interrupted', {
          flowIds: interrupted,
        });
      }
      const pruned = await store.pruneFlows({ before: new Date(Date.now() - flowRetentionMs) });
      if (pruned > 0) logger.info('Deleted expired authorization flows', { count: pruned });
      // Expired MCP tokens and spent consent states: an expired one is refused anyway.
      const prunedMcp = await store.pruneMcpRecords({ before: new Date() });
      if (prunedMcp > 0) logger.info('Deleted expired MCP records', { count: prunedMcp });
    } catch (error) {
      logger.warn('Housekeeping failed; it runs again on its schedule', {
        error: describeError(error),
      });
    }
  }

  function runNow(): Promise<void> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => {
    if (!stopped) void runNow();
  }, intervalMs);
  timer.unref();

  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
