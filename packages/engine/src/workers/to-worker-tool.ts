import {
  InvalidToolDefinitionError,
  parseToolDefinition,
  type ToolDefinition,
} from '@toolgrant/core';
import type { AuthRequirement } from '@toolgrant/worker';
import type { WorkerRegisteredTool } from '../tools/tool-registry.js';

// A definition a worker serves, checked with core's parser and read for what the engine acts
// on: the user authorization and secrets it declares, and whether it is idempotent. The
// stored definition keeps only declarations; users' statuses are added when it is listed.
// Its fully qualified name is always `Toolkit.Tool@version`, whatever the worker sent.

/** A worker's tool definition, checked with core's parser and read for what the engine acts on. */
export function toWorkerTool({
  workerId,
  value,
}: {
  workerId: string;
  value: unknown;
}): WorkerRegisteredTool {
  const parsed = parseToolDefinition(value);
  const invalid = (path: string, problem: string) =>
    new InvalidToolDefinitionError({ toolName: parsed.qualified_name, path, problem });
  const version = parsed.toolkit.version;
  if (typeof version !== 'string' || version === '') {
    throw invalid(
      'toolkit.version',
      'a worker must give every toolkit a version; the engine routes executions by toolkit and version.',
    );
  }
  const authorization = parsed.requirements?.authorization;
  let auth: AuthRequirement | undefined;
  if (authorization?.provider_id) {
    const type = authorization.provider_type ?? (authorization.oauth2 ? 'oauth2' : undefined);
    if (type === 'oauth2') {
      auth = {
        type: 'oauth2',
        provider: authorization.provider_id,
        scopes: [...(authorization.oauth2?.scopes ?? [])],
      };
    } else if (type === 'api_key') {
      auth = { type: 'api_key', provider: authorization.provider_id };
    } else {
      throw invalid(
        'requirements.authorization.provider_type',
        `expected 'oauth2' or 'api_key', received ${JSON.stringify(type ?? null)}`,
      );
    }
  }
  const secrets = (parsed.requirements?.secrets ?? []).map(({ key }) => key);
  const behavior = parsed.metadata?.behavior as { idempotent?: unknown } | undefined;

  const definition: ToolDefinition = {
    ...parsed,
    // Arcade's workers name a tool `Toolkit.Tool` with no version (arcade-mcp,
    // libs/arcade-core/arcade_core/schema.py `FullyQualifiedName.__str__`; arcade-mcp-ts,
    // src/catalog.ts). Everywhere else — the engine's in-process tools, core's de-duplication —
    // the fully qualified name carries the version, so it is derived here, never taken as sent.
    fully_qualified_name: `${parsed.qualified_name}@${version}`,
    requirements: {
      authorization:
        auth === undefined
          ? null
          : {
              provider_id: auth.provider,
              provider_type: auth.type,
              ...(auth.type === 'oauth2' ? { oauth2: { scopes: [...auth.scopes] } } : {}),
            },
      secrets: secrets.map((key) => ({ key })),
    },
  };
  return {
    source: 'worker',
    workerId,
    tool: {
      name: parsed.name,
      auth,
      secrets,
      metadata: { idempotent: behavior?.idempotent === true },
    },
    toolkit: {
      name: parsed.toolkit.name,
      version,
      description: parsed.toolkit.description ?? undefined,
    },
    definition,
  };
}
