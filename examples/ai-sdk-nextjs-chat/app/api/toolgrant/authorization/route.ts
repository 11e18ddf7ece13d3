import { createAuthorizationStatusHandler } from '@toolgrant/ai-sdk';
import { engineClient } from '@/lib/engine-client';
import { signedInUserId } from '@/lib/user-id';

// The authorization card's route (`@toolgrant/react`'s default `statusUrl`): GET ?id= is the
// long-poll the engine holds until the user has consented, POST { toolName } is "Try again".
// It answers only for the signed-in user's own authorizations: another user's id gets a 404.

function handle(request: Request): Promise<Response> {
  // Built per request, so a missing engine configuration is an answer, not a failed import.
  return createAuthorizationStatusHandler({
    client: engineClient(),
    getUserId: signedInUserId,
  })(request);
}

export { handle as GET, handle as POST };

export const maxDuration = 30;
