import type { Tool, ToolAnnotations } from '@modelcontextprotocol/server';
import { type ToolDefinition, type ToolParameter, toJsonSchema, toToolName } from '@toolgrant/core';
import type { RegisteredTool } from '../tools/tool-registry.js';

// A registered tool as MCP lists it: named as the adapters name it for models
// (`Gmail_ListEmails`), its input as core's draft 2020-12 JSON Schema, an output schema when the
// tool returns an object of known keys (MCP's outputSchema must describe an object), and the
// behaviour hints of its metadata as MCP annotations.

/** The MCP `Tool` of a registered tool. */
export function toMcpTool({ definition }: RegisteredTool): Tool {
  const outputSchema = outputSchemaOf(definition);
  const annotations = annotationsOf(definition);
  return {
    name: toToolName(definition.qualified_name),
    description: definition.description ?? '',
    inputSchema: toJsonSchema(definition, 'json-schema') as unknown as Tool['inputSchema'],
    ...(outputSchema === undefined ? {} : { outputSchema }),
    ...(annotations === undefined ? {} : { annotations }),
  };
}

/**
 * The output as an object schema, built with core's converter from the output's keys. Objects
 * are left open: a client checks `structuredContent` against it, and a tool's value may carry
 * keys its schema does not list.
 */
function outputSchemaOf(definition: ToolDefinition): Tool['outputSchema'] | undefined {
  const valueSchema = definition.output?.value_schema;
  if (valueSchema?.val_type !== 'json' || !valueSchema.properties) return undefined;
  const parameters: ToolParameter[] = Object.entries(valueSchema.properties).map(
    ([name, property]) => ({
      name,
      required: property.required === true,
      description: property.description ?? null,
      value_schema: property,
    }),
  );
  const { description: _description, ...schema } = toJsonSchema(
    { ...definition, description: null, input: { parameters } },
    'json-schema',
  );
  return openObjects(schema) as Tool['outputSchema'];
}

function openObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openObjects);
  if (typeof schema !== 'object' || schema === null) return schema;
  const opened: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key !== 'additionalProperties') opened[key] = openObjects(value);
  }
  return opened;
}

const hints = [
  ['read_only', 'readOnlyHint'],
  ['destructive', 'destructiveHint'],
  ['idempotent', 'idempotentHint'],
  ['open_world', 'openWorldHint'],
] as const;

function annotationsOf(definition: ToolDefinition): ToolAnnotations | undefined {
  // Arcade's definitions keep the hints under `metadata.behavior`.
  const behavior = definition.metadata?.behavior;
  if (typeof behavior !== 'object' || behavior === null) return undefined;
  const annotations: ToolAnnotations = {};
  for (const [field, hint] of hints) {
    const value = (behavior as Record<string, unknown>)[field];
    if (typeof value === 'boolean') annotations[hint] = value;
  }
  return Object.keys(annotations).length === 0 ? undefined : annotations;
}
