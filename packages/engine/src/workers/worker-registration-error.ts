import { ToolgrantError } from '@toolgrant/core';

// A worker the engine refused to add, replace or remove through the API. `status` is the HTTP
// answer (403 registration off or URL not allowed, 409 a toolkit another source serves, ...);
// the message says what was wrong and what to do, and never holds the worker's secret.

const marker = 'toolgrant.error.WorkerRegistrationError';
const symbol = Symbol.for(marker);

export class WorkerRegistrationError extends ToolgrantError {
  protected readonly [symbol] = true;
  readonly status: number;
  /** Stable and machine-readable, for example `toolkit_taken`. */
  readonly code: string;

  constructor({
    status,
    code,
    message,
    cause,
  }: {
    status: number;
    code: string;
    message: string;
    cause?: unknown;
  }) {
    super({ name: 'WorkerRegistrationError', message, cause });
    this.status = status;
    this.code = code;
  }

  static override isInstance(error: unknown): error is WorkerRegistrationError {
    return ToolgrantError.hasMarker(error, marker);
  }

  /** POST/DELETE /v1/workers on an engine without `runtimeWorkers.enabled`. */
  static runtimeRegistrationOff(): WorkerRegistrationError {
    return new WorkerRegistrationError({
      status: 403,
      code: 'runtime_workers_disabled',
      message:
        "Adding, replacing and removing workers through the API is turned off on this engine. Configure the worker in the engine's options (workers: [{ id, url, secret }]), or have the operator turn runtime registration on with runtimeWorkers: { enabled: true, allowedUrls: [...] } and adminApiKeys.",
    });
  }
}
