import { ApiError } from '../http/api-error.js';
import type { AuthFlow, Store } from '../store/store.js';

export async function findFlowOrThrow(store: Store, id: string): Promise<AuthFlow> {
  const flow = await store.findFlow(id);
  if (flow === undefined) {
    throw new ApiError({
      status: 404,
      code: 'authorization_not_found',
      message: `There is no authorization '${id}'. Use the id from an authorize response; a flow expires 10 minutes after it starts and is deleted some time later (an hour by default: the engine option flowRetentionMs).`,
    });
  }
  return flow;
}
