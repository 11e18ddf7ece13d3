import { defineTool, defineToolkit, oauth2 } from '@toolgrant/worker';
import { z } from 'zod/v4';

// A toolkit that needs no user authorization, for the MCP tests: Echo.Say returns what it was
// given (with an output schema, so MCP lists an outputSchema and returns structuredContent),
// and counts its runs so a test can prove a refused call ran nothing.

export function createEchoToolkit({ onRun = () => {} }: { onRun?: (text: string) => void } = {}) {
  return defineToolkit({
    name: 'Echo',
    version: '1.0.0',
    description: 'Says things back.',
    tools: [
      defineTool({
        name: 'Say',
        description: 'Says the text back.',
        input: z.object({ text: z.string().describe('What to say') }),
        output: z.object({ said: z.string() }),
        metadata: { readOnly: true, openWorld: false },
        execute: ({ text }) => {
          onRun(text);
          return { said: text };
        },
      }),
    ],
  });
}

/** A tool whose provider the engine does not have: a developer's mistake, not the model's. */
export const misconfiguredToolkit = defineToolkit({
  name: 'Orphan',
  version: '1.0.0',
  description: 'Needs a provider nobody configured.',
  tools: [
    defineTool({
      name: 'Read',
      description: 'Reads something.',
      input: z.object({}),
      auth: oauth2({ provider: 'nowhere', scopes: ['read'] }),
      execute: () => 'never',
    }),
  ],
});
