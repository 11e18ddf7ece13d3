import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuthRequestError } from './oauth-request-error.js';
import { OAuthTokenError } from './oauth-token-error.js';
import { type OAuth2ProviderConfig, parseProviderConfig } from './provider-config.js';
import { revokeToken } from './revoke-token.js';

// Revocation against the real provider is in oauth-flow.test.ts. These endpoints send the
// answers it cannot: Slack's Web API errors (HTTP 200, `ok: false`) and a server failure.

const closers: (() => void)[] = [];

afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function revocationEndpoint(answer: (response: ServerResponse) => void): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => answer(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/revoke`;
}

function config(revokeUrl: string): OAuth2ProviderConfig {
  return parseProviderConfig({
    id: 'slack',
    preset: 'slack',
    clientId: 'client-id',
    clientSecret: 'client-secret-value',
    revokeUrl,
  }) as OAuth2ProviderConfig;
}

describe('revokeToken', () => {
  it('accepts a Slack-style success', async () => {
    const url = await revocationEndpoint((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, revoked: true }));
    });
    await expect(revokeToken({ provider: config(url), token: 'xoxp-token-value' })).resolves.toBe(
      true,
    );
  });

  it('turns an error answered with HTTP 200 and ok: false into OAuthTokenError', async () => {
    const url = await revocationEndpoint((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
    });
    const error = await revokeToken({ provider: config(url), token: 'xoxp-token-value' }).catch(
      (reason: unknown) => reason,
    );
    expect(OAuthTokenError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_auth', operation: 'revocation', status: 200 });
    expect((error as Error).message).not.toContain('xoxp-token-value');
  });

  it('reports a server failure as a retryable OAuthRequestError', async () => {
    const url = await revocationEndpoint((response) => {
      response.writeHead(503);
      response.end();
    });
    const error = await revokeToken({ provider: config(url), token: 'xoxp-token-value' }).catch(
      (reason: unknown) => reason,
    );
    expect(OAuthRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'server_error', status: 503 });
  });
});
