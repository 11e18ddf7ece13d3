import type { Context, Env, Input, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import type { z } from '../shared/zod.js';
import { ApiError } from './api-error.js';

// Request validation with the Zod schema that also types the handler's input: a failure is a
// 400 in the error envelope naming each bad field and what it expected.

type Target = 'json' | 'query' | 'param';

const targetNames: Record<Target, string> = {
  json: 'request body',
  query: 'query parameters',
  param: 'path',
};

/** Validates a request part with a Zod schema, answering 400 with each bad field named. */
export function validateRequest<
  Schema extends z.ZodType,
  T extends Target,
  E extends Env = Env,
  P extends string = string,
>(
  target: T,
  schema: Schema,
): MiddlewareHandler<
  E,
  P,
  {
    in: { [K in T]: z.input<Schema> };
    out: { [K in T]: z.output<Schema> };
  } & Input
> {
  return validator(target, async (value: unknown, context: Context) => {
    if (target === 'json' && !isJsonRequest(context)) {
      throw new ApiError({
        status: 400,
        code: 'invalid_content_type',
        message: `The request body must be JSON: send it with the header 'Content-Type: application/json'.`,
      });
    }
    const result = await schema.safeParseAsync(value);
    if (!result.success) {
      throw new ApiError({
        status: 400,
        code: 'invalid_request',
        message: `Invalid ${targetNames[target]}: ${formatIssues(result.error.issues)}.`,
      });
    }
    return result.data as z.output<Schema>;
  }) as unknown as MiddlewareHandler<
    E,
    P,
    {
      in: { [K in T]: z.input<Schema> };
      out: { [K in T]: z.output<Schema> };
    } & Input
  >;
}

function isJsonRequest(context: Context): boolean {
  const mediaType = context.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^application\/([\w.-]+\+)?json$/.test(mediaType);
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (path === '') return issue.message;
      const followsFieldName = issue.code === 'custom' && issue.params?.followsFieldName === true;
      return followsFieldName ? `'${path}' ${issue.message}` : `'${path}': ${issue.message}`;
    })
    .join('; ');
}
