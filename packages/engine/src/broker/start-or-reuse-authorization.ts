import { createPkcePair } from '../oauth/create-pkce-pair.js';
import { mergeScopes } from '../oauth/merge-scopes.js';
import type { Authorization, AuthorizationRequirement } from '../tools/credential-resolver.js';
import type { BrokerContext } from './broker-context.js';
import { isUsable } from './connection-usability.js';
import { describeFlow } from './describe-flow.js';
import { encodeGrantedId } from './granted-authorization-id.js';
import { InvalidNextUriError } from './invalid-next-uri-error.js';
import { nextUriProblem } from './next-uri-problem.js';
import { providerForRequirement } from './provider-for-requirement.js';

/**
 * `completed` at once when the user holds a usable credential covering the requirement;
 * else the user's pending flow for these scopes that they can still open (the same id and
 * link, however often an agent asks), else a new flow (PKCE S256 when the provider uses it,
 * single-use state) with its link.
 */
export async function startOrReuseAuthorization({
  store,
  providers,
  logger,
  clock,
  publicUrl,
  redirectUri,
  allowedRedirectOrigins,
  userId,
  requirement,
  nextUri,
}: Pick<
  BrokerContext,
  | 'store'
  | 'providers'
  | 'logger'
  | 'clock'
  | 'publicUrl'
  | 'redirectUri'
  | 'allowedRedirectOrigins'
> & {
  userId: string;
  requirement: AuthorizationRequirement;
  nextUri?: string | undefined;
}): Promise<Authorization> {
  const problem =
    nextUri === undefined ? undefined : nextUriProblem(nextUri, allowedRedirectOrigins);
  if (problem !== undefined) {
    throw new InvalidNextUriError({ problem });
  }
  const provider = providerForRequirement(providers, requirement);
  const [connection] = await store.listConnections({ userId, providerId: provider.id });
  if (connection !== undefined && isUsable(connection, requirement, clock)) {
    const scopes = mergeScopes(requirement.scopes);
    return {
      id: encodeGrantedId({ userId, providerId: provider.id, scopes }),
      status: 'completed',
      providerId: provider.id,
      scopes,
      userId,
    };
  }
  // Scopes accumulate: the new grant keeps what the user granted before.
  const scopes =
    provider.type === 'api_key' ? [] : mergeScopes(connection?.scopes ?? [], requirement.scopes);
  const { flow, reused } = await store.findOrCreateFlow({
    userId,
    providerId: provider.id,
    providerType: provider.type,
    scopes,
    pkceVerifier:
      provider.type === 'oauth2' && provider.pkce ? createPkcePair().codeVerifier : undefined,
    redirectUri: provider.type === 'oauth2' ? redirectUri : undefined,
    nextUri,
    // A link about to expire is not handed out again: the user needs time to consent.
    reusableUntil: new Date(clock().getTime() + minimumRemainingLifetimeMs),
  });
  logger.info(reused ? 'Authorization flow reused' : 'Authorization flow started', {
    flowId: flow.id,
    userId,
    providerId: provider.id,
  });
  return describeFlow(flow, publicUrl, clock);
}

const minimumRemainingLifetimeMs = 2 * 60 * 1000;
