import { toJsonSchema } from '@toolgrant/core';
import { Hono } from 'hono';
import { z } from '../../shared/zod.js';
import { idFields } from '../id-fields.js';
import { paginationQuery, toPage } from '../pagination.js';
import type { RouteDependencies } from '../route-dependencies.js';
import { validateRequest } from '../validate-request.js';

// /v1/formatted_tools: tool definitions in a model provider's format (core's toJsonSchema).

const format = z
  .enum(['openai', 'anthropic'], { error: "format must be 'openai' or 'anthropic'" })
  .default('openai');

export const listFormattedToolsQuery = paginationQuery.extend({
  format,
  toolkit: idFields.toolkit.optional(),
  user_id: idFields.userId.optional(),
  include_all_versions: z.stringbool({ error: "use 'true' or 'false'" }).optional(),
});

export const getFormattedToolQuery = z.object({ format, user_id: idFields.userId.optional() });

export const getFormattedToolParam = z.object({ name: idFields.toolName });

/** The routes that serve tools' schemas in a model provider's format. */
export function createFormattedToolsRoutes({ registry }: RouteDependencies) {
  return new Hono()
    .get('/formatted_tools', validateRequest('query', listFormattedToolsQuery), (context) => {
      const query = context.req.valid('query');
      const tools = registry.list({
        toolkit: query.toolkit,
        allVersions: query.include_all_versions ?? false,
      });
      const page = toPage({ items: tools, limit: query.limit, offset: query.offset });
      return context.json({
        ...page,
        items: page.items.map(({ definition }) => toJsonSchema(definition, query.format)),
      });
    })
    .get(
      '/formatted_tools/:name',
      validateRequest('param', getFormattedToolParam),
      validateRequest('query', getFormattedToolQuery),
      (context) => {
        const query = context.req.valid('query');
        const { definition } = registry.find({ name: context.req.valid('param').name });
        return context.json(toJsonSchema(definition, query.format));
      },
    );
}
