import { ApiError } from '../http/api-error.js';
import type { AuthFlow, Store } from '../store/store.js';

export async function findFlowOrThrow(store: Store, id: string): Promise<AuthFlow> {
  const flow = await store.findFlow(id);
  if (flow === undefined) {
    throw new ApiError({
      status: 404,
      code: 'authorization_not_found',
      message: `There is no authorization '${id}'. Use the id from an authorize response; flows are kept for a while after they expire (10 minutes after they start).`,
    });
  }
  return flow;
}
