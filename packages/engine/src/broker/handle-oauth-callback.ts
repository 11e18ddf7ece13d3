import { exchangeAuthorizationCode } from '../oauth/exchange-authorization-code.js';
import { OAuthTokenError } from '../oauth/oauth-token-error.js';
import { safeErrorCode } from '../oauth/safe-error-code.js';
import type { BrokerContext } from './broker-context.js';
import { isBoundBrowser } from './browser-binding.js';
import { describeError } from './describe-error.js';
import { failFlow } from './fail-flow.js';
import { page } from './oauth-page.js';
import type { OAuthPageOutcome } from './oauth-page-outcome.js';
import { settleFlowWithCredential } from './settle-flow-with-credential.js';

/**
 * `GET /v1/oauth/callback`: the provider's authorization response. Every query value is
 * untrusted: the state is single-use, it counts only in the browser that opened the flow's
 * link, and the provider's error code is shown only if it looks like one.
 */
export async function handleOAuthCallback({
  store,
  providers,
  logger,
  redirectUri,
  verifierUrl,
  allowedRedirectOrigins,
  query: { code, state, error },
  browserSecret,
}: Pick<
  BrokerContext,
  'store' | 'providers' | 'logger' | 'redirectUri' | 'verifierUrl' | 'allowedRedirectOrigins'
> & {
  query: {
    code?: string | undefined;
    state?: string | undefined;
    error?: string | undefined;
  };
  /** From the browser's binding cookie; undefined when it sent none. */
  browserSecret: string | undefined;
}): Promise<OAuthPageOutcome> {
  if (state === undefined || state === '') {
    return page(
      400,
      'state_missing',
      'Authorization failed',
      'The provider sent the browser back without a state parameter, so the engine cannot tell which authorization this is. Go back to the application and start the authorization again.',
    );
  }
  const consumed = await store.consumeState(state);
  if (consumed.outcome === 'unknown') {
    return page(
      400,
      'state_unknown',
      'Authorization failed',
      'This authorization response does not belong to any authorization the engine started. Go back to the application and start the authorization again.',
    );
  }
  if (consumed.outcome === 'already_used') {
    // Left alone: the first response may still be completing, and a replayed code is
    // useless without the flow's PKCE verifier.
    return page(
      400,
      'state_already_used',
      'Authorization link already used',
      'This authorization response was already handled; a response is accepted only once. If the authorization did not complete, go back to the application and start it again.',
    );
  }
  if (consumed.outcome === 'expired') {
    await failFlow({ store, logger, flowId: consumed.flowId, reason: 'expired' });
    return page(
      400,
      'state_expired',
      'Authorization expired',
      'This authorization took longer than 10 minutes and has expired. Go back to the application and start the authorization again.',
    );
  }
  const { flow } = consumed;
  // Before anything else, and before any code exchange: the response must arrive in the
  // browser that opened the link (RFC 9700 §4.5 and §4.7: a state bound to the user agent;
  // MCP URL elicitation: the person completing the URL is the one who triggered it). A
  // response in another browser is a forwarded link, an injected code, or a lost cookie; the
  // state is spent and the flow fails, so the same response cannot be replayed later from the
  // right browser (say, after a user pasted it to an attacker), and a waiting client learns at
  // once that the user has to start again.
  if (!isBoundBrowser(flow, browserSecret)) {
    await failFlow({ store, logger, flowId: flow.id, reason: 'browser_mismatch' });
    return page(
      400,
      'browser_mismatch',
      'Authorization opened in another browser',
      'This authorization was not started in this browser (or its cookies were cleared), so it was stopped and nothing was connected. Open the link in the same browser you started in: go back to the application, start the authorization again, and finish it in the browser that opens the link.',
    );
  }
  if (error !== undefined && error !== '') {
    const reason = safeErrorCode(error);
    await failFlow({ store, logger, flowId: flow.id, reason: `provider_error:${reason}` });
    return page(
      400,
      'provider_error',
      reason === 'access_denied' ? 'Authorization denied' : 'Authorization failed',
      reason === 'access_denied'
        ? 'Access was not granted at the provider, so nothing was connected. Go back to the application and start again if you change your mind.'
        : `The provider answered with the error '${reason}', so nothing was connected. Go back to the application and start the authorization again.`,
    );
  }
  const provider = providers.get(flow.providerId);
  if (code === undefined || code === '' || provider?.type !== 'oauth2') {
    await failFlow({
      store,
      logger,
      flowId: flow.id,
      reason: provider === undefined ? 'provider_not_configured' : 'code_missing',
    });
    return page(
      400,
      provider === undefined ? 'provider_not_configured' : 'code_missing',
      'Authorization failed',
      provider === undefined
        ? `The engine no longer has the provider '${flow.providerId}' this authorization was started for. Ask the application's operator to configure it, then start again.`
        : 'The provider sent the browser back without an authorization code. Go back to the application and start the authorization again.',
    );
  }
  // Marked as exchanging while it runs: if this process dies, the flow (whose state is spent)
  // is failed as code_exchange_interrupted instead of staying pending until it expires.
  return store.withCodeExchange(flow.id, async () => {
    let tokens: Awaited<ReturnType<typeof exchangeAuthorizationCode>>;
    try {
      tokens = await exchangeAuthorizationCode({
        provider,
        code,
        redirectUri: flow.redirectUri ?? redirectUri,
        codeVerifier: flow.pkceVerifier,
        scopes: flow.scopes,
      });
    } catch (exchangeError) {
      const reason = OAuthTokenError.isInstance(exchangeError)
        ? `code_exchange_failed:${safeErrorCode(exchangeError.code)}`
        : 'code_exchange_failed';
      logger.error('The authorization code exchange failed', {
        flowId: flow.id,
        providerId: flow.providerId,
        error: describeError(exchangeError),
      });
      await failFlow({ store, logger, flowId: flow.id, reason });
      return page(
        502,
        'code_exchange_failed',
        'Authorization failed',
        `The engine could not exchange the authorization for a token at '${flow.providerId}', so nothing was connected. Go back to the application and start the authorization again; if it keeps failing, the engine's operator finds the reason in its log.`,
      );
    }
    return settleFlowWithCredential({
      store,
      logger,
      verifierUrl,
      allowedRedirectOrigins,
      flow,
      credential: {
        scopes: tokens.scopes,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        tokenType: tokens.tokenType,
        expiresAt: tokens.expiresAt,
      },
    });
  });
}
