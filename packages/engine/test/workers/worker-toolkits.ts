import { defineTool, defineToolkit } from '@toolgrant/worker';
import { z } from 'zod/v4';

// Toolkits the remote-worker tests serve from workers: a slow tool (to time out, or to kill
// its worker in the middle of), the same tool marked idempotent, a newer version of a toolkit
// the engine also serves in process, and a tool that declares one secret and tries to read
// another.

export const slowToolkit = defineToolkit({
  name: 'Slow',
  version: '1.0.0',
  description: 'Tools that take their time.',
  tools: [
    defineTool({
      name: 'Wait',
      description: 'Waits for the given number of milliseconds, then answers.',
      input: z.object({ ms: z.number().int().min(0) }),
      execute: async ({ ms }, context) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        context.signal.throwIfAborted();
        return { waited: ms };
      },
    }),
    defineTool({
      name: 'WaitIdempotent',
      description: 'Waits like Wait; calling it twice has the effect of calling it once.',
      input: z.object({ ms: z.number().int().min(0) }),
      metadata: { idempotent: true, readOnly: true },
      execute: async ({ ms }) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return { waited: ms };
      },
    }),
  ],
});

export function echoToolkit({
  version,
  servedBy,
  name = 'Echo',
}: {
  version: string;
  servedBy: string;
  /** Another name serves the same tool as another toolkit. Default: Echo. */
  name?: string;
}) {
  return defineToolkit({
    name,
    version,
    description: 'Says the text back.',
    tools: [
      defineTool({
        name: 'Say',
        description: 'Answers with the text it was given.',
        input: z.object({ text: z.string() }),
        execute: ({ text }) => ({ text, version, servedBy }),
      }),
    ],
  });
}

export const vaultToolkit = defineToolkit({
  name: 'Vault',
  version: '1.0.0',
  description: 'Reads secrets.',
  tools: [
    defineTool({
      name: 'Peek',
      description: 'Tells whether it can read its declared secret and an undeclared one.',
      input: z.object({}),
      secrets: ['DECLARED_KEY'],
      execute: (_input, context) => {
        let undeclared: string;
        try {
          // Not declared: the context refuses it, whatever the engine holds.
          (context.getSecret as (key: string) => string)('UNDECLARED_KEY');
          undeclared = 'readable';
        } catch (error) {
          undeclared = error instanceof Error ? error.name : 'refused';
        }
        return { declaredLength: context.getSecret('DECLARED_KEY').length, undeclared };
      },
    }),
  ],
});

export const noopToolkit = defineToolkit({
  name: 'Noop',
  version: '1.0.0',
  description: 'Does nothing, quickly.',
  tools: [
    defineTool({
      name: 'Run',
      description: 'Does nothing.',
      input: z.object({}),
      execute: () => ({ ok: true }),
    }),
  ],
});
