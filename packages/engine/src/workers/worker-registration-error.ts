import { ToolgrantError } from '@toolgrant/core';

// A worker the engine refused to add, replace or remove through the API. `reason` says why, in
// the domain's words; `http/` gives each reason its HTTP answer. The message says what was
// wrong and what to do, and never holds the worker's secret.

/** Why a registration was refused; each has one HTTP answer (see `http/api-error-of.ts`). */
export type WorkerRegistrationRefusal =
  | 'runtime_workers_disabled'
  | 'worker_url_not_allowed'
  | 'toolkit_taken'
  | 'worker_managed'
  | 'worker_not_found'
  | 'worker_exists'
  | 'configured_worker_unread'
  | 'worker_unreadable';

const marker = 'toolgrant.error.WorkerRegistrationError';
const symbol = Symbol.for(marker);

/** A worker the engine refused to add, replace or remove through the API, with the reason. */
export class WorkerRegistrationError extends ToolgrantError {
  protected readonly [symbol] = true;
  /** Stable and machine-readable, for example `toolkit_taken`. */
  readonly reason: WorkerRegistrationRefusal;

  constructor({
    reason,
    message,
    cause,
  }: {
    reason: WorkerRegistrationRefusal;
    message: string;
    cause?: unknown;
  }) {
    super({ name: 'WorkerRegistrationError', message, cause });
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is WorkerRegistrationError {
    return ToolgrantError.hasMarker(error, marker);
  }

  /** POST/DELETE /v1/workers on an engine without `runtimeWorkers.enabled`. */
  static runtimeRegistrationOff(): WorkerRegistrationError {
    return new WorkerRegistrationError({
      reason: 'runtime_workers_disabled',
      message:
        "Adding, replacing and removing workers through the API is turned off on this engine. Configure the worker in the engine's options (workers: [{ id, url, secret }]), or have the operator turn runtime registration on with runtimeWorkers: { enabled: true, allowedUrls: [...] } and adminApiKeys.",
    });
  }
}
