import { type ToolDefinition, type ToolSchemaFormat, toJsonSchema } from '@toolgrant/core';
import { authorizationRequirementOf } from './authorization-requirement-of.js';
import type { AuthorizationStatus, CredentialResolver } from './credential-resolver.js';
import type { SecretResolver } from './secret-resolver.js';
import type { RegisteredTool } from './tool-registry.js';

// Tool definitions as `/v1/tools` serves them. Secrets' `met` says whether the engine (or,
// with a user, that user) has a value; with a user, the authorization's `token_status` and
// the overall `met` are that user's. Model-provider formats go under `formatted_schema`.

/** A schema format a tool list can include besides the Arcade definition. */
export type IncludedFormat = 'arcade' | 'openai' | 'anthropic';

/** A tool definition as listed, with its schema in a model provider's format if asked for. */
export type DescribedTool = ToolDefinition & { formatted_schema?: Record<string, unknown> };

/** The definitions of `tools` as listed, with the user's authorization statuses filled in. */
export async function describeTools({
  tools,
  userId,
  credentials,
  secrets,
  formats = [],
}: {
  tools: readonly RegisteredTool[];
  userId?: string | undefined;
  credentials: CredentialResolver;
  secrets: SecretResolver;
  formats?: readonly IncludedFormat[];
}): Promise<DescribedTool[]> {
  const needsSecrets = tools.some(({ tool }) => tool.secrets.length > 0);
  const knownSecrets = needsSecrets
    ? new Set((await secrets.listSecrets({ userId })).map(({ key }) => key))
    : new Set<string>();

  // One lookup per distinct requirement, however many tools share it.
  const tokenStatuses = new Map<string, Promise<AuthorizationStatus>>();
  const tokenStatusOf = (registered: RegisteredTool) => {
    const requirement = authorizationRequirementOf(registered.tool);
    if (requirement === undefined || userId === undefined) return undefined;
    const key = JSON.stringify([requirement.providerId, [...requirement.scopes].sort()]);
    let status = tokenStatuses.get(key);
    if (status === undefined) {
      status = credentials.getTokenStatus({ userId, requirement });
      tokenStatuses.set(key, status);
    }
    return status;
  };

  return Promise.all(
    tools.map(async (registered) => {
      const { definition, tool } = registered;
      const tokenStatus = await tokenStatusOf(registered);
      const secretRequirements = tool.secrets.map((key) => ({ key, met: knownSecrets.has(key) }));
      const secretsMet = secretRequirements.every(({ met }) => met);
      const authorization = definition.requirements?.authorization;
      const met =
        tool.auth === undefined
          ? secretsMet
          : tokenStatus === undefined
            ? undefined
            : secretsMet && tokenStatus === 'completed';
      const described: DescribedTool = {
        ...definition,
        requirements: {
          authorization:
            authorization == null
              ? null
              : {
                  ...authorization,
                  ...(tokenStatus === undefined ? {} : { token_status: tokenStatus }),
                },
          secrets: secretRequirements,
          ...(met === undefined ? {} : { met }),
        },
      };
      const formatted = formatsOf(definition, formats);
      if (formatted !== undefined) described.formatted_schema = formatted;
      return described;
    }),
  );
}

function formatsOf(
  definition: ToolDefinition,
  formats: readonly IncludedFormat[],
): Record<string, unknown> | undefined {
  const wanted = formats.filter(
    (format): format is Exclude<IncludedFormat, 'arcade'> & ToolSchemaFormat => format !== 'arcade',
  );
  if (wanted.length === 0) return undefined;
  return Object.fromEntries(wanted.map((format) => [format, toJsonSchema(definition, format)]));
}
