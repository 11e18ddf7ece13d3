import { signWorkerToken } from '@toolgrant/worker/internal';

// The engine's tokens for one worker. Signing one per request cost a JSON encoding and an HMAC
// on every call; a token is not bound to a request, so one is reused until half of its minute
// has passed. The worker then still sees at least 30 s before it expires, as much as the clock
// skew it tolerates, and a leaked token lives no longer than one signed per request.

/** Lifetime of each token, in seconds. */
const lifetimeSeconds = 60;
/** A token is replaced once it is this old. */
const reuseMs = (lifetimeSeconds / 2) * 1000;

/** A function that returns a valid worker token, signing a new one only when needed. */
export function createWorkerTokenSource({
  secret,
  clock = () => new Date(),
}: {
  secret: string;
  clock?: () => Date;
}): () => string {
  let token: string | undefined;
  let signedAtMs = 0;
  return () => {
    const now = clock();
    const age = now.getTime() - signedAtMs;
    // A clock that moved back also gets a fresh token.
    if (token === undefined || age >= reuseMs || age < 0) {
      token = signWorkerToken({ secret, now, expiresInSeconds: lifetimeSeconds });
      signedAtMs = now.getTime();
    }
    return token;
  };
}
