import type { ProviderConfig } from '../oauth/provider-config.js';
import type { AuthorizationRequirement } from '../tools/credential-resolver.js';
import { ProviderNotConfiguredError } from './provider-not-configured-error.js';
import { ProviderTypeMismatchError } from './provider-type-mismatch-error.js';

/** The configured provider an authorization requirement names, checked to be of the right type. */
export function providerForRequirement(
  providers: ReadonlyMap<string, ProviderConfig>,
  requirement: AuthorizationRequirement,
): ProviderConfig {
  const provider = providers.get(requirement.providerId);
  if (provider === undefined) {
    throw new ProviderNotConfiguredError({
      providerId: requirement.providerId,
      configuredProviderIds: [...providers.keys()],
    });
  }
  if (provider.type !== requirement.providerType) {
    throw new ProviderTypeMismatchError({
      providerId: provider.id,
      configuredType: provider.type,
      requiredType: requirement.providerType,
    });
  }
  return provider;
}
