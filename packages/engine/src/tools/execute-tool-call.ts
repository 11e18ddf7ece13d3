import {
  executeTool,
  type ToolExecutionResult,
  ToolRequirementsNotMetError,
} from '@toolgrant/worker';
import { authorizationRequirementOf } from './authorization-requirement-of.js';
import type { AuthorizationRequirement, CredentialResolver } from './credential-resolver.js';
import type { SecretResolver } from './secret-resolver.js';
import type { RegisteredTool } from './tool-registry.js';

// One execution of an in-process tool for a user: the declared secrets first (a missing one
// is the developer's to fix, so the user is not sent through consent for nothing), then the
// user's credential, then the worker's executeTool (input validation, timeout, output check,
// error mapping, redaction). Only the tool's own credential and declared secrets reach it.

export type ToolCallResult =
  | { type: 'executed'; result: ToolExecutionResult; finishedAt: Date }
  | { type: 'authorization_required'; requirement: AuthorizationRequirement };

export async function executeToolCall({
  registered,
  userId,
  input,
  credentials,
  secrets,
  signal,
  timeoutMs,
}: {
  registered: RegisteredTool;
  /** Absent only for tools without an authorization requirement (the route checks). */
  userId: string | undefined;
  input: unknown;
  credentials: CredentialResolver;
  secrets: SecretResolver;
  signal?: AbortSignal | undefined;
  /** For tools without a `timeoutMs` of their own. */
  timeoutMs?: number | undefined;
}): Promise<ToolCallResult> {
  const { tool, toolkit, definition } = registered;
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

  const result = await executeTool({
    tool,
    toolkit,
    input,
    context: { userId, authToken, secrets: secretValues, ...(signal ? { signal } : {}) },
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return { type: 'executed', result, finishedAt: new Date() };
}
