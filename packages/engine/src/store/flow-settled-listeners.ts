import type { FlowSettledListener } from './store.js';

/**
 * This process's listeners for settled flows, by flow id. The database says which flow
 * settled, on this process or another; these are the ones woken.
 */
export class FlowSettledListeners {
  readonly #byFlow = new Map<string, Set<FlowSettledListener>>();

  /** Adds `listener` for `flowId`; returns the function that removes it. */
  add(flowId: string, listener: FlowSettledListener): () => void {
    let listeners = this.#byFlow.get(flowId);
    if (listeners === undefined) {
      listeners = new Set();
      this.#byFlow.set(flowId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#byFlow.get(flowId) === listeners) {
        this.#byFlow.delete(flowId);
      }
    };
  }

  /** Calls every listener of `flowId`. */
  deliver(flowId: string): void {
    const listeners = this.#byFlow.get(flowId);
    if (listeners === undefined) return;
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        // One failing waiter must not keep the others asleep.
        process.emitWarning(error instanceof Error ? error : String(error));
      }
    }
  }

  /** Calls every listener of every flow, after notifications may have been missed. */
  deliverAll(): void {
    for (const flowId of [...this.#byFlow.keys()]) this.deliver(flowId);
  }

  clear(): void {
    this.#byFlow.clear();
  }
}
