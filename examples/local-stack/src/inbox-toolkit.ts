import { listInboxMessagesTool } from '@toolgrant/testkit';
import { defineToolkit } from '@toolgrant/worker';

/** The engine's id for the testkit's OAuth provider: what an authorization card names. */
export const demoProviderId = 'demo-mail';

/**
 * The demo's one toolkit. The model sees `Inbox_ListMessages`; running it needs the user's
 * consent at the demo provider (scope `inbox.read`), after which the tool calls the provider's
 * protected inbox API with the user's token.
 */
export function inboxToolkit({ inboxUrl }: { inboxUrl: string }) {
  return defineToolkit({
    name: 'Inbox',
    version: '1.0.0',
    description: "The user's inbox at the demo mail provider.",
    tools: [listInboxMessagesTool({ providerId: demoProviderId, inboxUrl })],
  });
}
