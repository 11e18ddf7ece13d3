import { defineTool, defineToolkit, oauth2, RetryableToolError } from '@toolgrant/worker';
import { z } from 'zod/v4';

// Toolkits served in the HTTP API's tests: tools without requirements, with a secret, with an
// OAuth 2.0 requirement, two versions of one toolkit, and enough tools to need several pages.

export const mailProvider = 'testmail';
export const mailScope = 'mail.read';

const echo = defineTool({
  name: 'Echo',
  description: 'Returns the text it is given.',
  input: z.object({ text: z.string().describe('What to echo') }),
  output: z.object({ echoed: z.string() }),
  execute: ({ text }) => ({ echoed: text }),
});

const forecast = defineTool({
  name: 'Forecast',
  description: 'Weather forecast for a city.',
  input: z.object({ city: z.string() }),
  secrets: ['WEATHER_API_KEY'],
  execute: ({ city }, context) => ({
    city,
    keyLength: context.getSecret('WEATHER_API_KEY').length,
  }),
});

const listEmails = defineTool({
  name: 'ListEmails',
  description: 'Lists the newest emails of the user.',
  input: z.object({ max_results: z.int().min(1).max(50).default(10) }),
  auth: oauth2({ provider: mailProvider, scopes: [mailScope] }),
  execute: ({ max_results }, context) => {
    context.logger.info('listing emails');
    return {
      userId: context.userId,
      count: max_results,
      // Proves the credential reached the tool without sending it back.
      tokenLength: context.getAuthToken().length,
    };
  },
});

const flaky = defineTool({
  name: 'Flaky',
  description: 'Always asks to be retried.',
  input: z.object({}),
  execute: () => {
    throw new RetryableToolError({
      message: 'The upstream is busy.',
      additionalPromptContent: 'Wait a moment, then call again.',
    });
  },
});

export const demoToolkit = defineToolkit({
  name: 'Demo',
  version: '1.2.0',
  description: 'Demo tools.',
  tools: [echo, forecast, listEmails, flaky],
});

export const oldDemoToolkit = defineToolkit({
  name: 'Demo',
  version: '0.9.0',
  description: 'The previous demo tools.',
  tools: [echo],
});

export const bulkToolCount = 27;

export const bulkToolkit = defineToolkit({
  name: 'Bulk',
  version: '1.0.0',
  tools: Array.from({ length: bulkToolCount }, (_, index) =>
    defineTool({
      name: `Tool${String(index + 1).padStart(2, '0')}`,
      description: `Bulk tool number ${index + 1}.`,
      input: z.object({}),
      execute: () => index + 1,
    }),
  ),
});
