import { describe, expect, it } from 'vitest';
import { parseToolDefinition } from './parse-tool-definition.js';
import { resolveUserId } from './resolve-user-id.js';
import { UserIdRequiredError } from './user-id-required-error.js';

const tool = (authorization: boolean) =>
  parseToolDefinition({
    name: 'ReadInbox',
    qualified_name: 'Demo.ReadInbox',
    toolkit: { name: 'Demo', version: '1.0.0' },
    input: { parameters: [] },
    requirements: authorization ? { authorization: { provider_id: 'demo-mail' } } : null,
  });
const howToPass = {
  createFunction: 'createDemoTools',
  perCall: "set 'user' in the run's context",
};

describe('resolveUserId', () => {
  it('takes the bound user id over any per-call value', () => {
    expect(
      resolveUserId({ definition: tool(true), userId: 'bound', fromContext: ['ctx'], howToPass }),
    ).toBe('bound');
  });

  it('else takes the first per-call value that is a non-empty string', () => {
    expect(
      resolveUserId({
        definition: tool(true),
        userId: undefined,
        fromContext: [undefined, '', 42, 'second', 'third'],
        howToPass,
      }),
    ).toBe('second');
  });

  it('lets a tool without an authorization run without a user', () => {
    expect(
      resolveUserId({ definition: tool(false), userId: undefined, fromContext: [''], howToPass }),
    ).toBeUndefined();
  });

  it('throws UserIdRequiredError naming both ways to pass one, in one wording', () => {
    const resolve = () =>
      resolveUserId({ definition: tool(true), userId: undefined, fromContext: [], howToPass });
    expect(resolve).toThrow(expect.toSatisfy(UserIdRequiredError.isInstance));
    expect(resolve).toThrow(
      "Tool 'Demo.ReadInbox' acts on behalf of a user and needs their authorization, but no userId was given. Pass userId to createDemoTools, or set 'user' in the run's context.",
    );
  });
});
