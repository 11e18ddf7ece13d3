import { createToolgrantSession, type ToolgrantSession } from '@toolgrant/core';

// One session for the server process: the tool list is loaded once, and a user who has
// authorized a tool costs one request per call, across chat requests. Every entry is keyed by
// user, so one session serves every user.

let session: ToolgrantSession | undefined;

export function toolgrantSession(): ToolgrantSession {
  session ??= createToolgrantSession();
  return session;
}
