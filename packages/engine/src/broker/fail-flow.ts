import type { EngineLogger } from '../shared/engine-logger.js';
import type { Store } from '../store/store.js';

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
