import { AuthNotDeclaredError } from './auth-not-declared-error.js';
import type { ToolRequirements } from './define-tool.js';
import { SecretNotDeclaredError } from './secret-not-declared-error.js';
import type { ToolLogger } from './tool-logger.js';
import { ToolRequirementsNotMetError } from './tool-requirements-not-met-error.js';

// What a tool's execute() receives besides its input. Nothing here reaches the model.

/** What a tool's execute() receives besides its input; nothing here reaches the model. */
export interface ToolContext<Secret extends string = string> {
  /**
   * The end user the tool acts for. Undefined only when the caller named no user, which the
   * engine allows for tools that declare no `auth`.
   */
  readonly userId: string | undefined;
  /**
   * The user's credential for the tool's own auth requirement: an OAuth 2.0 access token, or
   * the user's API key. Throws `AuthNotDeclaredError` if the tool declared no `auth`.
   */
  getAuthToken(): string;
  /** A declared secret's value. Throws `SecretNotDeclaredError` for any other key. */
  getSecret(key: Secret): string;
  /** Aborted when the execution times out or is cancelled; pass it on to `fetch`. */
  readonly signal: AbortSignal;
  readonly logger: ToolLogger;
}

/**
 * Builds the context for one execution. The caller may pass every secret it knows and the
 * credential it resolved; the context exposes only the secrets the tool declared, and the
 * credential only if the tool declared an auth requirement. Throws
 * `ToolRequirementsNotMetError` when a declared secret or the credential is missing.
 */
export function createToolContext<Secret extends string>({
  tool,
  userId,
  authToken,
  secrets = {},
  signal = new AbortController().signal,
  logger,
}: {
  tool: ToolRequirements<Secret>;
  userId: string | undefined;
  authToken?: string | undefined;
  secrets?: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  logger: ToolLogger;
}): ToolContext<Secret> {
  const declared = new Map<string, string>();
  const missingSecrets: string[] = [];
  for (const key of tool.secrets) {
    const value = Object.hasOwn(secrets, key) ? secrets[key] : undefined;
    if (typeof value === 'string' && value !== '') declared.set(key, value);
    else missingSecrets.push(key);
  }
  const needsToken = tool.auth !== undefined && (authToken === undefined || authToken === '');
  if (missingSecrets.length > 0 || needsToken) {
    throw new ToolRequirementsNotMetError({
      toolName: tool.name,
      missingSecrets,
      ...(needsToken && tool.auth ? { missingAuthorization: tool.auth.provider } : {}),
    });
  }
  // Only the credential for the tool's own requirement is kept.
  const token = tool.auth === undefined ? undefined : authToken;

  return Object.freeze({
    userId,
    signal,
    logger,
    getAuthToken(): string {
      if (token === undefined) throw new AuthNotDeclaredError({ toolName: tool.name });
      return token;
    },
    getSecret(key: Secret): string {
      const value = declared.get(key);
      if (value === undefined) throw new SecretNotDeclaredError({ toolName: tool.name, key });
      return value;
    },
  });
}
