import { describe, expect, it } from 'vitest';
import type { RunOutcome } from './run-outcome.js';
import { toModelOutput } from './to-model-output.js';

const authorizationRequired: RunOutcome = {
  type: 'authorization_required',
  authorization: {
    id: 'auth_1',
    url: 'https://accounts.example.test/o/oauth2/auth?state=abc',
    providerId: 'google',
    scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
    status: 'pending',
  },
};

describe('toModelOutput', () => {
  it('passes a string value through and renders other values as JSON', () => {
    expect(toModelOutput({ outcome: { type: 'completed', value: 'hello' } })).toBe('hello');
    expect(toModelOutput({ outcome: { type: 'completed', value: { emails: [1, 2] } } })).toBe(
      '{"emails":[1,2]}',
    );
    expect(toModelOutput({ outcome: { type: 'completed', value: undefined } })).toBe(
      'The tool completed and returned nothing.',
    );
  });

  it('tells the model the user was shown a link, without the link', () => {
    const text = toModelOutput({ outcome: authorizationRequired });
    expect(text).toContain('The user has been shown a link to authorize google.');
    expect(text).not.toContain('https://');
    expect(text).not.toContain('auth_1');
  });

  it('includes the link only when the developer opts in', () => {
    const text = toModelOutput({ outcome: authorizationRequired, includeAuthorizationUrl: true });
    expect(text).toContain('https://accounts.example.test/o/oauth2/auth?state=abc');
  });

  it('gives the error kind, message, prompt hint and when to retry', () => {
    const text = toModelOutput({
      outcome: {
        type: 'error',
        error: {
          kind: 'UPSTREAM_RUNTIME_RATE_LIMIT',
          message: 'Gmail is rate limiting this account.',
          canRetry: true,
          retryAfterMs: 2_500,
          additionalPromptContent: 'Fetch fewer emails at a time.',
        },
      },
    });
    expect(text).toBe(
      [
        'Error (UPSTREAM_RUNTIME_RATE_LIMIT): Gmail is rate limiting this account.',
        'Fetch fewer emails at a time.',
        'You may retry after 3 seconds.',
      ].join('\n'),
    );
  });

  it('says not to retry a call that cannot succeed as it is', () => {
    const text = toModelOutput({
      outcome: {
        type: 'error',
        error: {
          kind: 'TOOL_RUNTIME_FATAL',
          message: 'The mailbox does not exist.',
          canRetry: false,
          retryAfterMs: undefined,
          additionalPromptContent: undefined,
        },
      },
    });
    expect(text).toBe(
      'Error (TOOL_RUNTIME_FATAL): The mailbox does not exist.\nDo not retry this call as it is.',
    );
  });
});
