import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OperationAbortedError } from '@toolgrant/core';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuthRequestError } from './oauth-request-error.js';
import { postToProvider } from './post-to-provider.js';
import { type OAuth2ProviderConfig, parseProviderConfig } from './provider-config.js';

// Transport behaviour the testkit's provider cannot show: what goes on the wire for each
// client authentication and body format, GitHub-style form-encoded answers, redirects,
// timeouts and unreachable endpoints. The flow itself is tested against the real provider in
// oauth-flow.test.ts; these servers only record requests and send fixed answers.

type Recorded = { method: string; headers: IncomingMessage['headers']; body: string };

const servers: { close(): void }[] = [];

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function endpoint(
  answer: (response: ServerResponse) => void,
): Promise<{ url: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    requests.push({
      method: request.method ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, requests };
}

function config(url: string, overrides: Record<string, unknown> = {}): OAuth2ProviderConfig {
  return parseProviderConfig({
    id: 'acme',
    clientId: 'client id/1',
    clientSecret: 'secret:with&chars',
    authorizeUrl: url,
    tokenUrl: url,
    ...overrides,
  }) as OAuth2ProviderConfig;
}

const json = (body: unknown) => (response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

describe('postToProvider', () => {
  it('sends client_secret_basic as a form-encoded Basic header and asks for JSON', async () => {
    const { url, requests } = await endpoint(json({ ok: 1 }));
    await postToProvider({
      provider: config(url),
      url,
      operation: 'refresh',
      parameters: { grant_type: 'refresh_token', refresh_token: 'r t' },
    });
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const basic = Buffer.from(
      (request?.headers.authorization ?? '').replace(/^Basic /, ''),
      'base64',
    ).toString('utf8');
    expect(basic).toBe('client+id%2F1:secret%3Awith%26chars');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'r t',
    });
  });

  it('sends client_secret_post in the form body, without an Authorization header', async () => {
    const { url, requests } = await endpoint(json({ ok: 1 }));
    await postToProvider({
      provider: config(url, { clientAuthentication: 'client_secret_post' }),
      url,
      operation: 'code_exchange',
      parameters: { grant_type: 'authorization_code', code: 'c' },
    });
    expect(requests[0]?.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(requests[0]?.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'c',
      client_id: 'client id/1',
      client_secret: 'secret:with&chars',
    });
  });

  it('sends a JSON body for providers documented to take one', async () => {
    const { url, requests } = await endpoint(json({ ok: 1 }));
    await postToProvider({
      provider: config(url, {
        tokenRequestFormat: 'json',
        clientAuthentication: 'client_secret_post',
      }),
      url,
      operation: 'code_exchange',
      parameters: { grant_type: 'authorization_code', code: 'c' },
    });
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      grant_type: 'authorization_code',
      code: 'c',
      client_id: 'client id/1',
      client_secret: 'secret:with&chars',
    });
  });

  it('decodes a form-encoded answer, as GitHub sends without Accept: application/json', async () => {
    const { url } = await endpoint((response) => {
      response.writeHead(200, {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      });
      response.end('access_token=gho_abc&scope=repo%2Cgist&token_type=bearer');
    });
    const answer = await postToProvider({
      provider: config(url),
      url,
      operation: 'code_exchange',
      parameters: {},
    });
    expect(answer).toEqual({
      status: 200,
      fields: { access_token: 'gho_abc', scope: 'repo,gist', token_type: 'bearer' },
    });
  });

  it('answers undefined fields for a body that is neither JSON nor a form', async () => {
    const { url } = await endpoint((response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>Bad gateway</html>');
    });
    await expect(
      postToProvider({ provider: config(url), url, operation: 'refresh', parameters: {} }),
    ).resolves.toEqual({ status: 502, fields: undefined });
  });

  it('does not follow a redirect (it would resend the client secret)', async () => {
    const target = await endpoint(json({ access_token: 'x' }));
    const { url } = await endpoint((response) => {
      response.writeHead(307, { location: target.url });
      response.end();
    });
    const answer = await postToProvider({
      provider: config(url),
      url,
      operation: 'refresh',
      parameters: {},
    });
    expect(answer.status).toBe(307);
    expect(target.requests).toHaveLength(0);
  });

  it('reports an unreachable endpoint as OAuthRequestError', async () => {
    const url = 'http://127.0.0.1:9/token';
    const error = await postToProvider({
      provider: config(url),
      url,
      operation: 'refresh',
      parameters: {},
    }).catch((reason: unknown) => reason);
    expect(OAuthRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'unreachable',
      providerId: 'acme',
      operation: 'refresh',
    });
    expect((error as Error).message).toBe(
      "The token refresh at provider 'acme' (http://127.0.0.1:9/token) failed: the endpoint could not be reached. Check the URL and the network.",
    );
  });

  it('gives up after the timeout', async () => {
    const { url } = await endpoint(() => {
      // Never answers.
    });
    const error = await postToProvider({
      provider: config(url),
      url,
      operation: 'code_exchange',
      parameters: {},
      timeoutMs: 100,
    }).catch((reason: unknown) => reason);
    expect(OAuthRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'timeout' });
  });

  it("stops when the caller's signal aborts", async () => {
    const { url } = await endpoint(() => {
      // Never answers.
    });
    const controller = new AbortController();
    const pending = postToProvider({
      provider: config(url),
      url,
      operation: 'refresh',
      parameters: {},
      signal: controller.signal,
    }).catch((reason: unknown) => reason);
    controller.abort(new Error('shutting down'));
    const error = await pending;
    expect(OperationAbortedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "The token refresh at provider 'acme' was aborted by its signal.",
    );
  });
});
