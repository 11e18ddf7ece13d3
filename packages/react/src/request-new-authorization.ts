import type { NewAuthorizationAnswer } from '@toolgrant/ai-sdk';
import type { RequiredAuthorization } from '@toolgrant/core';

// "Try again": a failed authorization cannot be completed, so the app's route starts a new one
// for the same tool and the signed-in user, with a new link.

/** A new authorization from the app's route; `completed` when the user had already authorized. */
export interface NewAuthorization {
  authorization: RequiredAuthorization;
  completed: boolean;
}

/** Asks the app's route for a new authorization of `toolName`; throws words for the person. */
export async function requestNewAuthorization({
  statusUrl,
  toolName,
}: {
  statusUrl: string;
  toolName: string;
}): Promise<NewAuthorization> {
  const response = await fetch(statusUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ toolName }),
  }).catch(() => undefined);
  const body = (await response?.json().catch(() => undefined)) as
    | Partial<NewAuthorizationAnswer & { error: string }>
    | undefined;
  if (!response?.ok || !body?.id) {
    throw new Error(body?.error ?? 'Could not start a new authorization. Is the server running?');
  }
  return {
    authorization: {
      id: body.id,
      status: body.status === 'failed' ? 'failed' : 'pending',
      url: body.url,
      providerId: body.providerId,
      scopes: body.scopes ?? [],
    },
    completed: body.status === 'completed',
  };
}
