import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { type ApiScope, describeScope } from './api-scopes.js';
import type { DemoUser } from './demo-users.js';
import { renderConsentPage, renderLoginPage, renderMessagePage } from './interaction-pages.js';
import { readForm } from './read-body.js';

// The provider's own login and consent steps under /interaction/<uid>: oidc-provider sends the
// browser here, and these routes hand the outcome back with interactionResult.

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/** The request handler of the login and consent pages, for paths under /interaction/. */
export function createInteractionRoutes({
  provider,
  users,
  scopes,
}: {
  provider: Provider;
  users: readonly DemoUser[];
  scopes: readonly ApiScope[];
}) {
  const html = (response: ServerResponse, status: number, body: string) => {
    response.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(body);
  };
  const finish = async (
    request: IncomingMessage,
    response: ServerResponse,
    result: InteractionResults,
  ) => {
    const location = await provider.interactionResult(request, response, result, {
      mergeWithLastSubmission: true,
    });
    response.writeHead(303, { location });
    response.end();
  };

  return async function handleInteraction(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<void> {
    const [, , uid, action] = path.split('/');
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(request, response);
    } catch {
      html(
        response,
        400,
        renderMessagePage({
          title: 'Sign-in expired',
          message:
            'This sign-in page expired or was opened in another browser. Go back to the application and start again.',
        }),
      );
      return;
    }
    const clientId = String(interaction.params.client_id);
    const client = await provider.Client.find(clientId);
    const clientName = client?.clientName ?? clientId;
    const formAction = (step: string) => `/interaction/${uid}/${step}`;
    const promptName = interaction.prompt.name;

    if (request.method === 'GET' && action === undefined) {
      if (promptName === 'login') {
        html(
          response,
          200,
          renderLoginPage({ formAction: formAction('login'), clientName, demoLogins: users }),
        );
        return;
      }
      const requested = String(interaction.params.scope ?? '')
        .split(' ')
        .filter(Boolean);
      html(
        response,
        200,
        renderConsentPage({
          formAction: formAction('consent'),
          clientName,
          username: interaction.session?.accountId ?? '',
          scopes: requested.map((name) => ({
            name,
            description: describeScope({ scope: name, apiScopes: scopes }),
          })),
        }),
      );
      return;
    }

    if (request.method === 'POST' && action === 'login' && promptName === 'login') {
      const form = await readForm(request);
      const username = form.get('username') ?? '';
      const user = users.find(
        (candidate) =>
          candidate.username === username && candidate.password === form.get('password'),
      );
      if (!user) {
        html(
          response,
          401,
          renderLoginPage({
            formAction: formAction('login'),
            clientName,
            username,
            errorMessage: 'Wrong username or password.',
            demoLogins: users,
          }),
        );
        return;
      }
      await finish(request, response, { login: { accountId: user.id } });
      return;
    }

    if (request.method === 'POST' && action === 'consent' && promptName === 'consent') {
      const form = await readForm(request);
      if (form.get('decision') !== 'allow') {
        await finish(request, response, {
          error: 'access_denied',
          error_description: 'The user denied the authorization request.',
        });
        return;
      }
      await finish(request, response, {
        consent: { grantId: await saveGrant(provider, interaction) },
      });
      return;
    }

    html(
      response,
      400,
      renderMessagePage({
        title: 'Unexpected step',
        message: `This page expects the ${promptName} step. Go back to the application and start again.`,
      }),
    );
  };
}

/** Adds what the consent prompt found missing to the interaction's grant (a new one if none). */
async function saveGrant(provider: Provider, interaction: Interaction): Promise<string> {
  const { details } = interaction.prompt;
  const grant =
    (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined) ??
    new provider.Grant({
      accountId: interaction.session?.accountId,
      clientId: String(interaction.params.client_id),
    });
  const missingOIDCScope = details.missingOIDCScope as string[] | undefined;
  const missingOIDCClaims = details.missingOIDCClaims as string[] | undefined;
  const missingResourceScopes = details.missingResourceScopes as
    | Record<string, string[]>
    | undefined;
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  for (const [resource, resourceScopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, resourceScopes.join(' '));
  }
  return grant.save();
}
