import type { AuthFlow, Store } from '../store/store.js';
import { AuthorizationNotFoundError } from './authorization-not-found-error.js';

/** The flow with id `id`; throws `AuthorizationNotFoundError` when there is none. */
export async function findFlowOrThrow(store: Store, id: string): Promise<AuthFlow> {
  const flow = await store.findFlow(id);
  if (flow === undefined) throw new AuthorizationNotFoundError({ flowId: id });
  return flow;
}
