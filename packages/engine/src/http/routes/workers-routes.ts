import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { findIdentityValueProblem } from '../../shared/identity-value.js';
import { z } from '../../shared/zod.js';
import type { WorkerState } from '../../workers/create-worker-pool.js';
import { WorkerRegistrationError } from '../../workers/worker-registration-error.js';
import {
  toWorkerSettings,
  workerConfigSchema,
  workerIdPattern,
} from '../../workers/worker-settings.js';
import { ApiError } from '../api-error.js';
import { apiErrorOf } from '../api-error-of.js';
import { paginationQuery, toPage } from '../pagination.js';
import type { RouteDependencies } from '../route-dependencies.js';
import { validateRequest } from '../validate-request.js';

// /v1/workers: the remote workers, in the Arcade API's shapes, so the official client's
// `workers.create/list/get/delete/health/tools` work. `http.timeout` is in seconds and
// `http.retry` counts retries after the first try. A worker's secret is never returned.
// Adding and removing workers is off unless the engine has `runtimeWorkers.enabled`; the pool
// decides what a new worker may serve (see createWorkerPool) and keeps it in the store.

export const createWorkerBody = z.object({
  id: z.string({ error: 'id is required: a name for the worker, for example "github-tools"' }),
  enabled: z.boolean().optional(),
  /** A worker added at runtime that this one takes the place of, toolkits included. */
  replaces: z
    .string({ error: 'replaces must be the id of the worker this one replaces' })
    .regex(workerIdPattern, {
      error:
        "replaces must be the id of a worker added at runtime: 1-128 letters, digits, '_', '.' or '-'",
    })
    .optional(),
  type: z
    .literal('http', {
      error: "type must be 'http': this engine talks to workers over the HTTP worker protocol",
    })
    .optional(),
  http: z.object(
    {
      uri: z.string({ error: 'http.uri is required: the URL the worker listens on' }),
      secret: z.string({
        error: 'http.secret is required: the secret the worker was started with',
      }),
      timeout: z
        .number({ error: 'http.timeout must be a number of seconds' })
        .positive({ error: 'http.timeout must be a positive number of seconds' })
        .max(86_400, { error: 'http.timeout must be at most 86400 seconds' })
        .optional(),
      retry: z
        .int({ error: 'http.retry must be a whole number of retries' })
        .min(0, { error: 'http.retry must be 0 or more' })
        .max(9, { error: 'http.retry must be at most 9' })
        .optional(),
    },
    {
      error:
        'http is required: { uri, secret, timeout?, retry? } (mcp workers are not supported by this engine)',
    },
  ),
});

function toWorkerResponse(state: WorkerState) {
  const { settings } = state;
  return {
    id: settings.id,
    type: 'http' as const,
    enabled: settings.enabled,
    /** Configured in the engine's options: change it there. */
    managed: settings.managed,
    binding: { type: 'static' as const },
    http: {
      uri: settings.url,
      timeout: settings.timeoutMs / 1000,
      retry: settings.retry.attempts - 1,
      secret: { binding: 'static' as const, editable: !settings.managed, exists: true },
    },
    health: toHealthResponse(state),
    toolkits: [...new Set(state.tools.map(({ toolkit }) => `${toolkit.name}@${toolkit.version}`))],
  };
}

function toHealthResponse(state: WorkerState) {
  const { settings } = state;
  const healthy = settings.enabled && state.health === 'healthy';
  const message = !settings.enabled
    ? 'The worker is disabled.'
    : state.health === 'unknown'
      ? 'The worker has not been checked yet.'
      : (state.problem ?? `Healthy; serves ${state.tools.length} tools.`);
  return {
    id: settings.id,
    enabled: settings.enabled,
    healthy,
    message,
    ...(state.checkedAt === undefined ? {} : { checked_at: state.checkedAt.toISOString() }),
  };
}

async function asApiError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw apiErrorOf(error) ?? error;
  }
}

/** The worker routes: list, register and remove remote workers, and read their health and tools. */
export function createWorkersRoutes({ workers, registry }: RouteDependencies) {
  // Before the body is read: an engine with registration off says so, whatever was sent.
  const requireRuntimeRegistration: MiddlewareHandler = async (_context, next) => {
    if (!workers.runtimeRegistration) {
      throw apiErrorOf(WorkerRegistrationError.runtimeRegistrationOff());
    }
    await next();
  };

  const requireWorkerId = (id: string): void => {
    const problem = findIdentityValueProblem(id);
    if (problem !== undefined) {
      throw new ApiError({
        status: 400,
        code: 'invalid_request',
        message: `Invalid path: the worker id ${problem}; worker ids are 1-128 letters, digits, '_', '.' or '-'. GET /v1/workers lists the workers.`,
      });
    }
  };
  const stateOf = (id: string): WorkerState => {
    requireWorkerId(id);
    const state = workers.get(id);
    if (state === undefined) {
      throw new ApiError({
        status: 404,
        code: 'worker_not_found',
        message: `There is no worker '${id}'. GET /v1/workers lists the workers.`,
      });
    }
    return state;
  };

  return new Hono()
    .post(
      '/workers',
      requireRuntimeRegistration,
      validateRequest('json', createWorkerBody),
      async (context) => {
        const body = context.req.valid('json');
        const parsed = workerConfigSchema.safeParse({
          id: body.id,
          url: body.http.uri,
          secret: body.http.secret,
          timeoutMs:
            body.http.timeout === undefined ? undefined : Math.round(body.http.timeout * 1000),
          retry: body.http.retry === undefined ? undefined : { attempts: body.http.retry + 1 },
          enabled: body.enabled,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = { url: 'http.uri', secret: 'http.secret' }[String(issue?.path[0])] ?? 'id';
          throw new ApiError({
            status: 400,
            code: 'invalid_request',
            message: `Invalid request body: '${field}' ${issue?.message ?? 'is invalid.'}`,
          });
        }
        const settings = toWorkerSettings({ config: parsed.data, managed: false });
        const state = await asApiError(() =>
          workers.register({ settings, replaces: body.replaces }),
        );
        return context.json(toWorkerResponse(state), 201);
      },
    )
    .get('/workers', validateRequest('query', paginationQuery), (context) => {
      const query = context.req.valid('query');
      const page = toPage({ items: workers.list(), limit: query.limit, offset: query.offset });
      return context.json({ ...page, items: page.items.map(toWorkerResponse) });
    })
    .get('/workers/:id', (context) =>
      context.json(toWorkerResponse(stateOf(context.req.param('id')))),
    )
    .delete('/workers/:id', requireRuntimeRegistration, async (context) => {
      const id = context.req.param('id');
      requireWorkerId(id);
      await asApiError(() => workers.unregister(id));
      return context.body(null, 204);
    })
    .get('/workers/:id/health', async (context) => {
      const id = context.req.param('id');
      stateOf(id);
      // A live check, so the answer is the worker's state now, not at the last interval.
      const state = (await workers.checkHealth(id)) ?? stateOf(id);
      return context.json(toHealthResponse(state));
    })
    .get('/workers/:id/tools', validateRequest('query', paginationQuery), (context) => {
      const query = context.req.valid('query');
      const state = stateOf(context.req.param('id'));
      // As the engine serves them: a toolkit version also served elsewhere is not this worker's.
      const served = registry
        .list({ allVersions: true })
        .filter((entry) => entry.source === 'worker' && entry.workerId === state.settings.id);
      const page = toPage({ items: served, limit: query.limit, offset: query.offset });
      return context.json({ ...page, items: page.items.map(({ definition }) => definition) });
    });
}
