import { z } from '../shared/zod.js';

// A remote worker as the engine is told about it (the `workers` option of `createEngine` /
// toolgrant.config, or POST /v1/workers), and the same with every default filled in.

/** A remote worker the engine routes tools to, as configured. */
export interface WorkerConfig {
  /** How the admin API names it: 1-128 letters, digits, '_', '.' or '-'. */
  id: string;
  /** Where the worker listens, for example `http://127.0.0.1:8002` (its routes are under /worker). */
  url: string;
  /** The secret the worker was started with; every request carries a JWT signed with it. */
  secret: string;
  /** How long one request to the worker may take. Default: 65 s (a tool's own default is 60 s). */
  timeoutMs?: number | undefined;
  /**
   * `attempts`: tries per execution, first one included (default 2). Only a refused connection
   * is retried, or any transport failure when the tool's metadata says it is idempotent.
   * `backoffMs`: the wait before the second try, doubled for each further one (default 100).
   */
  retry?: { attempts?: number | undefined; backoffMs?: number | undefined } | undefined;
  /** How often the engine checks `GET /worker/health`. Default: 10 s; sooner while it is down. */
  healthCheckIntervalMs?: number | undefined;
  /** A disabled worker is kept but neither checked nor served. Default: true. */
  enabled?: boolean | undefined;
}

/** A remote worker with every default filled in. */
export interface WorkerSettings {
  readonly id: string;
  /** Without a trailing slash. */
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
  readonly retry: { readonly attempts: number; readonly backoffMs: number };
  readonly healthCheckIntervalMs: number;
  readonly enabled: boolean;
  /** Configured in the engine's options (not removable through the API) or added through it. */
  readonly managed: boolean;
  /**
   * Workers added at runtime only: the toolkit names (lower case) they were admitted to serve.
   * Other toolkits they start serving later are left out until they are registered again.
   */
  readonly admittedToolkits?: readonly string[] | undefined;
}

export const defaultWorkerTimeoutMs = 65_000;
export const defaultWorkerAttempts = 2;
export const defaultWorkerBackoffMs = 100;
export const defaultHealthCheckIntervalMs = 10_000;

export const workerIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

const milliseconds = (what: string) =>
  z
    .number({ error: `must be a number of milliseconds: ${what}.` })
    .int({ error: `must be a whole number of milliseconds: ${what}.` })
    .positive({ error: `must be a positive number of milliseconds: ${what}.` })
    .max(2_147_483_647, { error: 'must be at most 2147483647 ms (about 24 days).' });

export const workerConfigSchema = z.strictObject(
  {
    id: z
      .string({ error: 'is required: a name for the worker, for example "github-tools".' })
      .regex(workerIdPattern, {
        error:
          "must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit (for example \"github-tools\").",
      }),
    url: z
      .url({
        protocol: /^https?$/,
        error: 'must be the http:// or https:// URL the worker listens on.',
      })
      .transform((url) => url.replace(/\/+$/, '')),
    secret: z
      .string({ error: 'is required: the secret the worker was started with.' })
      .min(1, { error: 'is empty: give the secret the worker was started with.' }),
    timeoutMs: milliseconds('how long one request to the worker may take').optional(),
    retry: z
      .strictObject(
        {
          attempts: z
            .int({ error: 'must be a whole number of tries, 1 or more.' })
            .min(1, { error: 'must be 1 or more (1: no retry).' })
            .max(10, { error: 'must be at most 10.' })
            .optional(),
          backoffMs: z
            .int({ error: 'must be a whole number of milliseconds.' })
            .min(0, { error: 'must be 0 or more milliseconds.' })
            .max(60_000, { error: 'must be at most 60000 ms.' })
            .optional(),
        },
        { error: 'must be an object such as { attempts: 2, backoffMs: 100 }.' },
      )
      .optional(),
    healthCheckIntervalMs: milliseconds('how often the worker is checked').optional(),
    enabled: z.boolean({ error: 'must be true or false.' }).optional(),
  },
  { error: 'must be an object such as { id, url, secret }.' },
);

/** Fills in the defaults of a configuration already checked with `workerConfigSchema`. */
export function toWorkerSettings({
  config,
  managed,
}: {
  config: WorkerConfig;
  managed: boolean;
}): WorkerSettings {
  return {
    id: config.id,
    url: config.url.replace(/\/+$/, ''),
    secret: config.secret,
    timeoutMs: config.timeoutMs ?? defaultWorkerTimeoutMs,
    retry: {
      attempts: config.retry?.attempts ?? defaultWorkerAttempts,
      backoffMs: config.retry?.backoffMs ?? defaultWorkerBackoffMs,
    },
    healthCheckIntervalMs: config.healthCheckIntervalMs ?? defaultHealthCheckIntervalMs,
    enabled: config.enabled ?? true,
    managed,
  };
}
