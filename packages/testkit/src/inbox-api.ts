import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoUser, InboxMessage } from './demo-users.js';

// The protected API behind the provider: each user's inbox, served only for a live access
// token carrying the right scope. Errors follow RFC 6750 (401 + WWW-Authenticate for a
// missing, expired or unknown token; 403 insufficient_scope).

/** What the inbox API learns from a valid access token. */
export type VerifiedAccessToken = { accountId: string; clientId: string; scopes: Set<string> };

/** How many requests the inbox API answered, by status. */
export type InboxApiCounts = { requests: number; byStatus: Record<number, number> };

/** The inbox API's users, its counters, and how it verifies access tokens. */
export type InboxApiOptions = {
  users: DemoUser[];
  counts: InboxApiCounts;
  /** Resolves a bearer token to its account and scopes, or undefined when not live. */
  verifyAccessToken: (token: string) => Promise<VerifiedAccessToken | undefined>;
};

const realm = 'toolgrant-testkit';

/** The request handler of the protected inbox API. */
export function createInboxApi({ users, counts, verifyAccessToken }: InboxApiOptions) {
  return async function handleInboxApi(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
  ): Promise<void> {
    counts.requests += 1;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
      response.writeHead(status, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
        ...headers,
      });
      response.end(JSON.stringify(body));
    };

    const route = routeFor(request.method ?? 'GET', path);
    if (!route) {
      send(404, {
        error: 'not_found',
        error_description: `No API route ${request.method} ${path}. Routes: GET /api/me, GET /api/inbox, POST /api/inbox/send.`,
      });
      return;
    }

    const authorization = request.headers.authorization;
    const match = authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) {
      send(
        401,
        {
          error: 'invalid_request',
          error_description: 'Send the access token as "Authorization: Bearer <token>".',
        },
        { 'www-authenticate': `Bearer realm="${realm}"` },
      );
      return;
    }
    const token = await verifyAccessToken(match[1]);
    if (!token) {
      const description = 'The access token is expired, revoked or unknown; refresh it.';
      send(
        401,
        { error: 'invalid_token', error_description: description },
        {
          'www-authenticate': `Bearer realm="${realm}", error="invalid_token", error_description="${description}"`,
        },
      );
      return;
    }
    if (route.scope && !token.scopes.has(route.scope)) {
      const description = `This route needs the scope '${route.scope}'; the token has '${[...token.scopes].join(' ')}'.`;
      send(
        403,
        { error: 'insufficient_scope', error_description: description, scope: route.scope },
        {
          'www-authenticate': `Bearer realm="${realm}", error="insufficient_scope", scope="${route.scope}"`,
        },
      );
      return;
    }
    const user = users.find((candidate) => candidate.id === token.accountId);
    if (!user) {
      send(401, {
        error: 'invalid_token',
        error_description: `The token's account '${token.accountId}' no longer exists.`,
      });
      return;
    }

    if (route.name === 'me') {
      send(200, {
        sub: user.id,
        name: user.name,
        email: user.email,
        client_id: token.clientId,
        scope: [...token.scopes].join(' '),
      });
      return;
    }
    if (route.name === 'inbox') {
      send(200, {
        user: { id: user.id, name: user.name, email: user.email },
        messages: user.inbox,
      });
      return;
    }

    const body = await readJson(request);
    const to = typeof body?.to === 'string' ? body.to : undefined;
    const subject = typeof body?.subject === 'string' ? body.subject : undefined;
    const text = typeof body?.body === 'string' ? body.body : '';
    if (!to || !subject) {
      send(400, {
        error: 'invalid_request',
        error_description:
          'Send a JSON body {"to": "<email>", "subject": "<text>", "body": "<text>"}; "to" and "subject" are required.',
      });
      return;
    }
    const message: InboxMessage = {
      id: randomUUID(),
      from: user.email,
      to,
      subject,
      body: text,
      sentAt: new Date().toISOString(),
    };
    users.find((candidate) => candidate.email === to)?.inbox.push(message);
    send(201, { sent: message });
  };
}

type Route = { name: 'me' | 'inbox' | 'send'; scope: string | undefined };

function routeFor(method: string, path: string): Route | undefined {
  if (method === 'GET' && path === '/api/me') return { name: 'me', scope: undefined };
  if (method === 'GET' && path === '/api/inbox') return { name: 'inbox', scope: 'inbox.read' };
  if (method === 'POST' && path === '/api/inbox/send') return { name: 'send', scope: 'inbox.send' };
  return undefined;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
