import {
  type AuthorizationInterrupt,
  isAuthorizationInterrupt,
} from './authorization-interrupt.js';

// Reads the Toolgrant authorization interrupts out of what a LangGraph run hands back: an
// `invoke` result or a `stream` chunk (`updates` or `values` mode, alone or as the
// `[mode, chunk]` / `[namespace, mode, chunk]` tuples of several modes or subgraphs).

/** A Toolgrant authorization interrupt, with the id to resume it by. */
export interface PendingAuthorization extends AuthorizationInterrupt {
  /** LangGraph's interrupt id: resume several at once with `new Command({ resume: { [interruptId]: {} } })`. */
  interruptId: string | undefined;
}

/** The Toolgrant authorization interrupts of a LangGraph `invoke` result or `stream` chunk. */
export function getAuthorizationInterrupts(resultOrChunk: unknown): PendingAuthorization[] {
  const state = Array.isArray(resultOrChunk) ? resultOrChunk.at(-1) : resultOrChunk;
  if (typeof state !== 'object' || state === null || !('__interrupt__' in state)) return [];
  const interrupts = state.__interrupt__;
  if (!Array.isArray(interrupts)) return [];
  return interrupts.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, value } = entry as { id?: unknown; value?: unknown };
    if (!isAuthorizationInterrupt(value)) return [];
    return [{ ...value, interruptId: typeof id === 'string' ? id : undefined }];
  });
}
