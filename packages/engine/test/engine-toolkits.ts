import { listInboxMessagesTool } from '@toolgrant/testkit';
import { defineTool, defineToolkit } from '@toolgrant/worker';
import { z } from 'zod/v4';

// Toolkits for createEngine's tests: tools without requirements (one slow, to be in flight
// during a shutdown) and a tool reading the testkit provider's protected inbox.

export const testkitProviderId = 'testkit';

export const utilityToolkit = defineToolkit({
  name: 'Utility',
  version: '1.0.0',
  description: 'Tools without requirements.',
  tools: [
    defineTool({
      name: 'Echo',
      description: 'Returns the text it is given.',
      input: z.object({ text: z.string().describe('What to echo') }),
      execute: ({ text }) => ({ echoed: text }),
    }),
    defineTool({
      name: 'Sleep',
      description: 'Waits, then answers.',
      input: z.object({ milliseconds: z.int().min(0).max(5_000) }),
      execute: async ({ milliseconds }) => {
        await new Promise((resolve) => setTimeout(resolve, milliseconds));
        return { slept: milliseconds };
      },
    }),
  ],
});

export function createInboxToolkit({ inboxUrl }: { inboxUrl: string }) {
  return defineToolkit({
    name: 'Inbox',
    version: '1.0.0',
    description: "The user's inbox at the testkit provider.",
    tools: [listInboxMessagesTool({ providerId: testkitProviderId, inboxUrl })],
  });
}
