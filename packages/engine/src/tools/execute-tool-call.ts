import { randomUUID } from 'node:crypto';
import { ToolRequirementsNotMetError } from '@toolgrant/worker';
import { executeTool, type ToolExecutionResult } from '@toolgrant/worker/internal';
import { authorizationRequirementOf } from './authorization-requirement-of.js';
import type { AuthorizationRequirement, CredentialResolver } from './credential-resolver.js';
import type { SecretResolver } from './secret-resolver.js';
import type { RegisteredTool, WorkerRegisteredTool } from './tool-registry.js';

// One execution of a tool for a user: the declared secrets first (a missing one is the
// developer's to fix, so the user is not sent through consent for nothing), then the user's
// credential, then the tool: in process through the worker package's executeTool (input
// validation, timeout, output check, error mapping, redaction), or on its remote worker over
// the worker protocol. Only the tool's own credential and declared secrets reach it.
// Remote workers sit above this layer, so the caller hands in how to reach them.

/** Runs a tool on its remote worker: the caller binds it to the engine's worker pool. */
export type InvokeWorkerTool = (
  invocation: { registered: WorkerRegisteredTool; executionId: string; input: unknown } & {
    userId: string | undefined;
    authToken: string | undefined;
    /** Only the keys the tool declared. */
    secrets: Readonly<Record<string, string>>;
    signal?: AbortSignal | undefined;
  },
) => Promise<ToolExecutionResult>;

/** What one execution came to: the tool's result, or that the user must authorize first. */
export type ToolCallResult =
  | { type: 'executed'; result: ToolExecutionResult; finishedAt: Date }
  | { type: 'authorization_required'; requirement: AuthorizationRequirement };

/** Runs one tool for a user: secrets, then credential, then the tool, in process or on its worker. */
export async function executeToolCall({
  registered,
  userId,
  input,
  credentials,
  secrets,
  signal,
  timeoutMs,
  invokeWorkerTool,
  executionId,
}: {
  registered: RegisteredTool;
  /** Absent only for tools without an authorization requirement (the route checks). */
  userId: string | undefined;
  input: unknown;
  credentials: CredentialResolver;
  secrets: SecretResolver;
  signal?: AbortSignal | undefined;
  /** For in-process tools without a `timeoutMs` of their own. */
  timeoutMs?: number | undefined;
  /** How worker tools are run; required for them. */
  invokeWorkerTool?: InvokeWorkerTool | undefined;
  /** The id the execute response carries; sent to workers. */
  executionId?: string | undefined;
}): Promise<ToolCallResult> {
  const { tool, definition } = registered;
  const startedAt = performance.now();

  const secretValues =
    tool.secrets.length === 0 ? {} : await secrets.getSecrets({ keys: tool.secrets, userId });
  const missingSecrets = tool.secrets.filter((key) => {
    const value = Object.hasOwn(secretValues, key) ? secretValues[key] : undefined;
    return typeof value !== 'string' || value === '';
  });
  if (missingSecrets.length > 0) {
    const error = new ToolRequirementsNotMetError({
      toolName: definition.qualified_name,
      missingSecrets,
    });
    return {
      type: 'executed',
      finishedAt: new Date(),
      result: {
        success: false,
        output: {
          error: { message: error.message, kind: 'TOOL_REQUIREMENTS_NOT_MET', can_retry: false },
          logs: [],
        },
        duration: performance.now() - startedAt,
      },
    };
  }

  const requirement = authorizationRequirementOf(tool);
  let authToken: string | undefined;
  if (requirement !== undefined && userId !== undefined) {
    const credential = await credentials.getCredential({ userId, requirement, signal });
    if (credential.type === 'authorization_required') {
      return { type: 'authorization_required', requirement };
    }
    authToken = credential.token;
  }

  if (registered.source === 'worker') {
    if (invokeWorkerTool === undefined) {
      throw new Error(
        `Tool '${definition.qualified_name}' is served by a worker, but no worker pool was given.`,
      );
    }
    const declared: Record<string, string> = {};
    for (const key of tool.secrets) declared[key] = secretValues[key] as string;
    const result = await invokeWorkerTool({
      registered,
      executionId: executionId ?? `te_${randomUUID()}`,
      input,
      userId,
      authToken,
      secrets: declared,
      signal,
    });
    return { type: 'executed', result, finishedAt: new Date() };
  }

  const result = await executeTool({
    tool: registered.tool,
    toolkit: registered.toolkit,
    input,
    context: { userId, authToken, secrets: secretValues, ...(signal ? { signal } : {}) },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return { type: 'executed', result, finishedAt: new Date() };
}
