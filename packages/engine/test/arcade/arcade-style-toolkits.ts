import { createHmac } from 'node:crypto';
import type { ArcadeStyleTool } from './start-arcade-style-worker.js';

// The tools the Arcade-style fixture worker serves in the engine's tests: a plain tool that
// logs, one that uses a secret, one that needs the user's OAuth grant at the testkit provider
// (named as in the "Tool formats" seed, Gmail.ListEmails), one that fails with a retryable
// error kind, and one whose answer cannot be serialised (the worker answers HTTP 500).

/** The HMAC a tool computes with its secret, so a test can check the value without seeing it. */
export function signGreeting({ salt, name }: { salt: string; name: string }): string {
  return createHmac('sha256', salt).update(name).digest('hex');
}

export const notesTools: readonly ArcadeStyleTool[] = [
  {
    name: 'Greet',
    description: 'Greets someone.',
    parameters: [{ name: 'name', required: true, val_type: 'string' }],
    run: async ({ name }) => ({
      value: `Hello, ${String(name)}!`,
      logs: [{ level: 'warning', message: 'Greet is deprecated; use Welcome.' }],
    }),
  },
  {
    name: 'SignGreeting',
    description: 'Signs a greeting with the salt it holds.',
    parameters: [{ name: 'name', required: true, val_type: 'string' }],
    secrets: ['GREETING_SALT'],
    run: async ({ name }, { secrets }) => {
      const salt = secrets.get('GREETING_SALT');
      if (salt === undefined) {
        return {
          error: {
            message: 'GREETING_SALT is missing.',
            kind: 'tool_runtime_fatal',
            can_retry: false,
          },
        };
      }
      return { value: { signature: signGreeting({ salt, name: String(name) }) } };
    },
  },
  {
    name: 'Busy',
    description: 'Always too busy.',
    run: async () => ({
      error: {
        message: 'The service is busy; try again in a moment.',
        kind: 'tool_runtime_retry',
        can_retry: true,
        retry_after_ms: 1500,
      },
    }),
  },
  {
    name: 'Unserialisable',
    description: 'Returns a value JSON cannot encode.',
    run: async () => ({ value: { big: 10n } }),
  },
];

/** Gmail.ListEmails, reading the user's inbox at the testkit provider with their token. */
export function gmailTools({
  providerId,
  inboxUrl,
}: {
  providerId: string;
  inboxUrl: string;
}): readonly ArcadeStyleTool[] {
  return [
    {
      name: 'ListEmails',
      description: "Lists the user's emails.",
      parameters: [{ name: 'limit', required: false, val_type: 'integer' }],
      auth: { providerId, scopes: ['inbox.read'] },
      run: async ({ limit }, { token, userInfo }) => {
        const response = await fetch(inboxUrl, { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) {
          return {
            error: {
              message: `The inbox answered HTTP ${response.status}.`,
              kind: 'upstream_runtime_auth_error',
              can_retry: false,
            },
          };
        }
        const inbox = (await response.json()) as { user: { id: string }; messages: unknown[] };
        return {
          value: {
            user: inbox.user.id,
            messages: inbox.messages.slice(0, typeof limit === 'number' ? limit : undefined),
            userInfoReceived: typeof userInfo === 'object' && userInfo !== null,
          },
        };
      },
    },
  ];
}
