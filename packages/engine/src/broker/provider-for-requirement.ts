import { ApiError } from '../http/api-error.js';
import type { ProviderConfig } from '../oauth/provider-config.js';
import type { AuthorizationRequirement } from '../tools/credential-resolver.js';

export function providerForRequirement(
  providers: ReadonlyMap<string, ProviderConfig>,
  requirement: AuthorizationRequirement,
): ProviderConfig {
  const provider = providers.get(requirement.providerId);
  if (provider === undefined) {
    const known = [...providers.keys()];
    throw new ApiError({
      status: 400,
      code: 'provider_not_configured',
      message: `The engine has no provider '${requirement.providerId}'. ${
        known.length === 0
          ? 'No providers are configured; add one to the engine configuration.'
          : `Configured providers: ${known.join(', ')}. Add '${requirement.providerId}' to the engine configuration or use one of these.`
      }`,
    });
  }
  if (provider.type !== requirement.providerType) {
    throw new ApiError({
      status: 400,
      code: 'provider_type_mismatch',
      message: `Provider '${provider.id}' is configured as ${provider.type}, but the requirement asks for ${requirement.providerType}; make the tool's auth and the engine configuration agree.`,
    });
  }
  return provider;
}
