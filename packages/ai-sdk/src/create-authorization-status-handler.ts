import {
  fromToolName,
  type ToolClient,
  type ToolClientAuthorizationResponse,
} from '@toolgrant/core';

// The app's half of the authorization card: a Fetch API handler (Next.js route handlers, Hono,
// Deno, Bun…) that the browser long-polls while the user consents at the provider, and asks for
// a new authorization when one failed. Every answer is for the caller's own user: the engine
// reports the user of each authorization, and an id that belongs to someone else gets the same
// 404 as an id that does not exist, so an id learned from elsewhere reveals nothing.

/** Options of `createAuthorizationStatusHandler`. */
export interface AuthorizationStatusHandlerOptions {
  /** The official Arcade client (or any `ToolClient`), pointed at your engine. Server-side only. */
  client: ToolClient;
  /**
   * The signed-in user of the request, from your session (never from the request body or query).
   * Undefined answers 401.
   */
  getUserId(request: Request): string | undefined | Promise<string | undefined>;
  /** Seconds the engine holds one status request open until the status changes (default 25, at most 59). */
  waitSeconds?: number;
}

/** What `GET ?id=` answers: the authorization's status, for the caller's user only. */
export interface AuthorizationStatusAnswer {
  id: string;
  status: 'pending' | 'completed' | 'failed';
}

/** What `POST { toolName }` answers: a new authorization for the caller's user. */
export interface NewAuthorizationAnswer extends AuthorizationStatusAnswer {
  url?: string;
  providerId?: string;
  scopes: string[];
}

const defaultWaitSeconds = 25;
const maxWaitSeconds = 59;

/**
 * A Fetch API handler for the authorization long-poll (`GET ?id=`) and for "Try again"
 * (`POST { toolName }`), answering only for authorizations of the caller's user.
 */
export function createAuthorizationStatusHandler({
  client,
  getUserId,
  waitSeconds = defaultWaitSeconds,
}: AuthorizationStatusHandlerOptions): (request: Request) => Promise<Response> {
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0 || waitSeconds > maxWaitSeconds) {
    throw new TypeError(
      `waitSeconds must be a number of seconds from 0 to ${maxWaitSeconds}, got ${waitSeconds}.`,
    );
  }
  return async (request) => {
    const userId = await getUserId(request);
    if (!userId) {
      return answer(401, { error: 'Sign in first: this request has no signed-in user.' });
    }
    try {
      if (request.method === 'GET')
        return await readStatus({ client, request, userId, waitSeconds });
      if (request.method === 'POST') return await authorizeAgain({ client, request, userId });
      return answer(405, { error: 'Use GET ?id=<authorization id> or POST { toolName }.' });
    } catch (error) {
      if (request.signal.aborted) return answer(499, { error: 'The request was aborted.' });
      // The client's message may quote the engine's answer: the browser gets words of our own.
      if (isRefusedInput(error)) {
        return request.method === 'GET'
          ? answer(404, { error: notFound })
          : answer(400, { error: 'The engine has no tool by that name to authorize.' });
      }
      return answer(502, {
        error: 'The engine could not be asked about this authorization. Is it running?',
      });
    }
  };
}

const notFound = 'No such authorization for this user.';

async function readStatus({
  client,
  request,
  userId,
  waitSeconds,
}: {
  client: ToolClient;
  request: Request;
  userId: string;
  waitSeconds: number;
}): Promise<Response> {
  const id = new URL(request.url).searchParams.get('id');
  if (!id) return answer(400, { error: 'Send the authorization id: GET ?id=<authorization id>.' });
  // Ownership first, without waiting: someone else's id must not hold a request open, nor learn
  // by the timing of the answer when its status changed.
  const current = await client.auth.status({ id }, { signal: request.signal });
  if (current.user_id !== userId) return answer(404, { error: notFound });
  if (toStatus(current.status) !== 'pending' || waitSeconds === 0) {
    return answer(200, { id, status: toStatus(current.status) });
  }
  const waited = await client.auth.status({ id, wait: waitSeconds }, { signal: request.signal });
  if (waited.user_id !== userId) return answer(404, { error: notFound });
  return answer(200, { id, status: toStatus(waited.status) });
}

async function authorizeAgain({
  client,
  request,
  userId,
}: {
  client: ToolClient;
  request: Request;
  userId: string;
}): Promise<Response> {
  const body: unknown = await request.json().catch(() => undefined);
  const toolName =
    typeof body === 'object' && body !== null && 'toolName' in body ? body.toolName : undefined;
  if (typeof toolName !== 'string' || toolName.trim() === '') {
    return answer(400, {
      error: 'Send { toolName } as JSON: the tool to authorize, as the model named it.',
    });
  }
  const authorization = await client.tools.authorize(
    { tool_name: fromToolName(toolName), user_id: userId },
    { signal: request.signal },
  );
  if (!authorization.id || authorization.user_id !== userId) {
    return answer(502, { error: 'The engine answered without an authorization for this user.' });
  }
  return answer(200, toNewAuthorization(authorization, authorization.id));
}

function toNewAuthorization(
  authorization: ToolClientAuthorizationResponse,
  id: string,
): NewAuthorizationAnswer {
  return {
    id,
    status: toStatus(authorization.status),
    ...(authorization.url === undefined ? {} : { url: authorization.url }),
    ...(authorization.provider_id === undefined ? {} : { providerId: authorization.provider_id }),
    scopes: [...(authorization.scopes ?? [])],
  };
}

// Arcade's statuses are not_started, pending, completed and failed; the browser needs three.
function toStatus(status: string | undefined): AuthorizationStatusAnswer['status'] {
  if (status === 'completed' || status === 'failed') return status;
  return 'pending';
}

// The engine refused what the browser sent (an unknown or malformed id, an unknown tool), as
// opposed to the engine being down or refusing the app's own API key (401, 403).
function isRefusedInput(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('status' in error)) return false;
  return error.status === 400 || error.status === 404 || error.status === 422;
}

function answer(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}
