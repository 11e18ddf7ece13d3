import { listInboxMessagesTool } from '@toolgrant/testkit';
import { apiKey, defineTool, defineToolkit } from '@toolgrant/worker';
import { z } from 'zod/v4';

// The tools the end-to-end tests call through the official client: the user's inbox at the
// testkit provider (OAuth 2.0) and a weather tool that needs the user's own API key. Each
// credential a tool receives is handed to `onCredential`, so a test knows the real values to
// scan for without the tool ever returning them.

export const testkitProviderId = 'testkit';
export const weatherProviderId = 'weather';

export function createE2eToolkits({
  inboxUrl,
  onCredential = () => {},
}: {
  inboxUrl: string;
  onCredential?: (credential: string) => void;
}) {
  const inbox = defineToolkit({
    name: 'Inbox',
    version: '1.0.0',
    description: "The user's inbox at the testkit provider.",
    tools: [
      listInboxMessagesTool({
        providerId: testkitProviderId,
        inboxUrl: inboxUrl,
        onToken: onCredential,
      }),
    ],
  });

  const weather = defineToolkit({
    name: 'Weather',
    version: '1.0.0',
    description: 'Weather with the user’s own OpenWeather key.',
    tools: [
      defineTool({
        name: 'Current',
        description: 'The current weather in a city.',
        input: z.object({ city: z.string().describe('The city') }),
        auth: apiKey({ provider: weatherProviderId }),
        execute: ({ city }, context) => {
          const key = context.getAuthToken();
          onCredential(key);
          return { city, summary: 'sunny', keyLength: key.length };
        },
      }),
    ],
  });

  return [inbox, weather];
}
