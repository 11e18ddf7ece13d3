import type { ToolRequirements } from '@toolgrant/worker';
import type { AuthorizationRequirement } from './credential-resolver.js';

/** The user authorization a tool declared, as the credential resolver takes it. */
export function authorizationRequirementOf(
  tool: Pick<ToolRequirements, 'auth'>,
): AuthorizationRequirement | undefined {
  if (tool.auth === undefined) return undefined;
  return {
    providerId: tool.auth.provider,
    providerType: tool.auth.type,
    scopes: tool.auth.type === 'oauth2' ? [...tool.auth.scopes] : [],
  };
}
