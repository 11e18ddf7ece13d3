import type { EngineLogger } from '../shared/engine-logger.js';
import type { Store } from '../store/store.js';

/** Marks a flow failed with a reason, and logs it if this call was the one that failed it. */
export async function failFlow({
  store,
  logger,
  flowId,
  reason,
}: {
  store: Store;
  logger: EngineLogger;
  flowId: string;
  reason: string;
}): Promise<void> {
  if (await store.failFlow({ flowId, reason })) {
    logger.warn('Authorization flow failed', { flowId, reason });
  }
}
