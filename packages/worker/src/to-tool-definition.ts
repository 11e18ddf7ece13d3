import type { ToolDefinition } from '@toolgrant/core';
import type { Tool, ToolMetadata } from './define-tool.js';
import type { Toolkit } from './define-toolkit.js';
import { toToolParameters, toValueSchema } from './to-value-schema.js';

// The Arcade v1 definition the engine serves for a tool, derived from its Zod schemas.

/** The Arcade v1 definition the engine serves for a tool, derived from its Zod schemas. */
export function toToolDefinition({
  tool,
  toolkit,
}: {
  tool: Tool;
  toolkit: Pick<Toolkit, 'name' | 'version' | 'description'>;
}): ToolDefinition {
  const qualifiedName = `${toolkit.name}.${tool.name}`;
  const output =
    tool.output === undefined
      ? undefined
      : toValueSchema({ toolName: tool.name, schema: tool.output, path: 'output' });
  return {
    name: tool.name,
    qualified_name: qualifiedName,
    fully_qualified_name: `${qualifiedName}@${toolkit.version}`,
    description: tool.description,
    toolkit: {
      name: toolkit.name,
      version: toolkit.version,
      description: toolkit.description ?? null,
    },
    input: { parameters: toToolParameters({ toolName: tool.name, input: tool.input }) },
    output: {
      available_modes: ['value', 'error'],
      description: output?.description ?? null,
      value_schema: output?.valueSchema ?? null,
    },
    requirements: {
      authorization:
        tool.auth === undefined
          ? null
          : {
              provider_id: tool.auth.provider,
              provider_type: tool.auth.type,
              ...(tool.auth.type === 'oauth2' ? { oauth2: { scopes: [...tool.auth.scopes] } } : {}),
            },
      secrets: tool.secrets.map((key) => ({ key })),
    },
    metadata: toDefinitionMetadata(tool.metadata),
  };
}

function toDefinitionMetadata(metadata: ToolMetadata | undefined): Record<string, unknown> | null {
  if (metadata === undefined) return null;
  const behavior = removeUndefined({
    read_only: metadata.readOnly,
    destructive: metadata.destructive,
    idempotent: metadata.idempotent,
    open_world: metadata.openWorld,
    operations: metadata.operations ? [...metadata.operations] : undefined,
  });
  return removeUndefined({
    behavior: Object.keys(behavior).length > 0 ? behavior : undefined,
    classification: metadata.serviceDomains
      ? { service_domains: [...metadata.serviceDomains] }
      : undefined,
    extras: metadata.extras ? { ...metadata.extras } : undefined,
  });
}

function removeUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
