import { defineTool, oauth2, UpstreamError } from '@toolgrant/worker';
import { z } from 'zod/v4';
import type { InboxMessage } from './demo-users.js';

// The protected tool every suite calls: lists the user's messages from this testkit's inbox API
// with the access token the engine hands it. `onToken` tells a test which real tokens to scan
// for where they must never appear; the tool never returns them.

/** What the list-inbox-messages tool returns: the user and their messages. */
export type InboxPage = {
  user: { id: string; name: string; email: string };
  messages: InboxMessage[];
};

/** A tool that lists the user's inbox through the protected API, with their OAuth token. */
export function listInboxMessagesTool({
  providerId,
  inboxUrl,
  onToken = () => {},
}: {
  /** The engine's id for the testkit provider. */
  providerId: string;
  /** The provider's `inboxUrl`. */
  inboxUrl: string;
  onToken?: (token: string) => void;
}) {
  return defineTool({
    name: 'ListMessages',
    description: "Lists the user's messages.",
    input: z.object({}),
    auth: oauth2({ provider: providerId, scopes: ['inbox.read'] }),
    execute: async (_input, context) => {
      const token = context.getAuthToken();
      onToken(token);
      const response = await fetch(inboxUrl, {
        headers: { authorization: `Bearer ${token}` },
        signal: context.signal,
      });
      if (!response.ok) {
        throw new UpstreamError({
          message: `The inbox answered HTTP ${response.status}.`,
          status: response.status,
        });
      }
      return (await response.json()) as InboxPage;
    },
  });
}
