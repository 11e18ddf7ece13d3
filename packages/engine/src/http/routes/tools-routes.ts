import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from '../../shared/zod.js';
import { authorizationRequirementOf } from '../../tools/authorization-requirement-of.js';
import { describeTools } from '../../tools/describe-tools.js';
import { executeToolCall } from '../../tools/execute-tool-call.js';
import { invokeWorkerTool } from '../../workers/invoke-worker-tool.js';
import { ApiError } from '../api-error.js';
import { idFields } from '../id-fields.js';
import { nextUriField } from '../next-uri-field.js';
import { paginationQuery, toPage } from '../pagination.js';
import type { RouteDependencies } from '../route-dependencies.js';
import { toAuthorizationResponse } from '../to-authorization-response.js';
import { validateRequest } from '../validate-request.js';

// /v1/tools: list, get, execute and authorize the in-process tools.

const includedFormats = ['arcade', 'openai', 'anthropic'] as const;

/** `openai,anthropic` (the official client joins arrays with commas) or repeated parameters. */
const includeFormat = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((item) => item.split(','))
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
  .pipe(
    z.array(
      z.enum(includedFormats, {
        error: `include_format takes a comma-separated list of ${includedFormats.join(', ')}`,
      }),
    ),
  );

const booleanQuery = z.stringbool({ error: "use 'true' or 'false'" });

export const listToolsQuery = paginationQuery.extend({
  toolkit: idFields.toolkit.optional(),
  user_id: idFields.userId.optional(),
  include_format: includeFormat.optional(),
  include_all_versions: booleanQuery.optional(),
});

export const getToolParam = z.object({ name: idFields.toolName });

export const getToolQuery = z.object({
  user_id: idFields.userId.optional(),
  include_format: includeFormat.optional(),
});

export const executeToolBody = z.object({
  tool_name: idFields.toolName,
  tool_version: idFields.toolVersion.optional(),
  // Required only for tools that act for a user (checked once the tool is known).
  user_id: idFields.userId.optional(),
  input: z
    .record(z.string(), z.unknown(), {
      error: 'input must be a JSON object of the tool arguments, for example {"query": "hello"}',
    })
    .optional(),
  include_error_stacktrace: z.boolean().optional(),
  run_at: z.string().optional(),
});

export const authorizeToolBody = z.object({
  tool_name: idFields.toolName,
  tool_version: idFields.toolVersion.optional(),
  user_id: idFields.userId,
  next_uri: nextUriField.optional(),
});

/** The tool routes: list tools, describe one, execute a call, and start a tool's authorization. */
export function createToolsRoutes({
  registry,
  credentials,
  secrets,
  executionTimeoutMs,
  workers,
}: RouteDependencies) {
  return new Hono()
    .get('/tools', validateRequest('query', listToolsQuery), async (context) => {
      const query = context.req.valid('query');
      const tools = registry.list({
        toolkit: query.toolkit,
        allVersions: query.include_all_versions ?? false,
      });
      const page = toPage({ items: tools, limit: query.limit, offset: query.offset });
      const items = await describeTools({
        tools: page.items,
        userId: query.user_id,
        credentials,
        secrets,
        formats: query.include_format,
      });
      return context.json({ ...page, items });
    })
    .post('/tools/execute', validateRequest('json', executeToolBody), async (context) => {
      const body = context.req.valid('json');
      if (body.run_at !== undefined) {
        throw new ApiError({
          status: 400,
          code: 'scheduling_not_supported',
          message:
            'This engine runs tools immediately and does not schedule them; leave run_at out.',
        });
      }
      const registered = registry.find({ name: body.tool_name, version: body.tool_version });
      const requirement = authorizationRequirementOf(registered.tool);
      if (requirement !== undefined && body.user_id === undefined) {
        throw new ApiError({
          status: 400,
          code: 'invalid_request',
          message: `user_id is required: tool '${registered.definition.qualified_name}' acts for an end user (it needs their authorization at '${requirement.providerId}'). Pass the id of that user (any stable id from your application).`,
        });
      }
      const id = `te_${randomUUID()}`;
      const call = await executeToolCall({
        registered,
        executionId: id,
        invokeWorkerTool:
          workers === undefined
            ? undefined
            : (invocation) => invokeWorkerTool({ ...invocation, workers }),
        userId: body.user_id,
        input: body.input ?? {},
        credentials,
        secrets,
        signal: context.req.raw.signal,
        timeoutMs: executionTimeoutMs,
      });
      if (call.type === 'authorization_required') {
        const { providerId, scopes } = call.requirement;
        // The official client's Zod helpers (executeOrAuthorizeZodTool in @arcadeai/arcadejs
        // lib/zod) recognise this case only by "authorization required" or "permission denied"
        // in the message, so the message starts with those words.
        throw new ApiError({
          status: 403,
          code: 'authorization_required',
          message: `Authorization required: user '${body.user_id}' has not authorized tool '${registered.definition.qualified_name}' (provider '${providerId}'${scopes.length > 0 ? `, scopes ${scopes.join(' ')}` : ''}). Call POST /v1/tools/authorize with this tool_name and user_id, send the user to the returned url, wait for completion, then execute again.`,
        });
      }
      return context.json({
        id,
        execution_id: id,
        execution_type: 'immediate',
        status: call.result.success ? 'success' : 'failed',
        success: call.result.success,
        duration: call.result.duration,
        finished_at: call.finishedAt.toISOString(),
        output: call.result.output,
      });
    })
    .post('/tools/authorize', validateRequest('json', authorizeToolBody), async (context) => {
      const body = context.req.valid('json');
      const registered = registry.find({ name: body.tool_name, version: body.tool_version });
      const requirement = authorizationRequirementOf(registered.tool);
      if (requirement === undefined) {
        // Nothing to consent to: the tool can run as it is.
        return context.json({
          id: `no_authorization_${registered.definition.qualified_name}`,
          status: 'completed',
          scopes: [],
          user_id: body.user_id,
        });
      }
      const authorization = await credentials.authorize({
        userId: body.user_id,
        requirement,
        nextUri: body.next_uri,
      });
      return context.json(toAuthorizationResponse(authorization));
    })
    .get(
      '/tools/:name',
      validateRequest('param', getToolParam),
      validateRequest('query', getToolQuery),
      async (context) => {
        const query = context.req.valid('query');
        const registered = registry.find({ name: context.req.valid('param').name });
        const [described] = await describeTools({
          tools: [registered],
          userId: query.user_id,
          credentials,
          secrets,
          formats: query.include_format,
        });
        return context.json(described);
      },
    );
}
