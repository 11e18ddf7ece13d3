import { InvalidToolDefinitionError } from '@toolgrant/core';
import { defineTool, defineToolkit, oauth2, toToolDefinition } from '@toolgrant/worker';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { toWorkerTool } from './to-worker-tool.js';

const tool = defineTool({
  name: 'ListMessages',
  description: 'Lists messages.',
  input: z.object({ limit: z.number().int() }),
  auth: oauth2({ provider: 'testkit', scopes: ['inbox.read'] }),
  secrets: ['INBOX_KEY'],
  metadata: { idempotent: true },
  execute: () => [],
});
const toolkit = defineToolkit({ name: 'Inbox', version: '2.1.0', tools: [tool] });
const definition = toToolDefinition({ tool, toolkit });

describe('toWorkerTool', () => {
  it('reads the authorization, secrets and idempotence a worker definition declares', () => {
    const registered = toWorkerTool({ workerId: 'inbox-worker', value: definition });
    expect(registered).toMatchObject({
      source: 'worker',
      workerId: 'inbox-worker',
      tool: {
        name: 'ListMessages',
        auth: { type: 'oauth2', provider: 'testkit', scopes: ['inbox.read'] },
        secrets: ['INBOX_KEY'],
        metadata: { idempotent: true },
      },
      toolkit: { name: 'Inbox', version: '2.1.0' },
    });
    expect(registered.definition.fully_qualified_name).toBe('Inbox.ListMessages@2.1.0');
  });

  it("names a tool Toolkit.Tool@version when the worker sent Arcade's Toolkit.Tool", () => {
    // The shape arcade-mcp-ts's toWorkerToolDefinition (src/worker/convert.ts) produces.
    const arcadeStyle = {
      name: 'ListMessages',
      fully_qualified_name: 'Inbox.ListMessages',
      description: 'Lists messages.',
      toolkit: { name: 'Inbox', description: null, version: '2.1.0' },
      input: { parameters: [] },
      output: {
        description: null,
        available_modes: ['value', 'error', 'null'],
        value_schema: null,
      },
      requirements: { authorization: null, secrets: null, metadata: null },
      deprecation_message: null,
      metadata: null,
    };
    const { definition: stored } = toWorkerTool({ workerId: 'w', value: arcadeStyle });
    expect(stored.qualified_name).toBe('Inbox.ListMessages');
    expect(stored.fully_qualified_name).toBe('Inbox.ListMessages@2.1.0');
    const claimsAnother = { ...arcadeStyle, fully_qualified_name: 'Inbox.ListMessages@9.9.9' };
    expect(
      toWorkerTool({ workerId: 'w', value: claimsAnother }).definition.fully_qualified_name,
    ).toBe('Inbox.ListMessages@2.1.0');
  });

  it('keeps declarations only: a user status a worker sent is dropped', () => {
    const withStatus = {
      ...definition,
      requirements: {
        ...definition.requirements,
        authorization: { ...definition.requirements?.authorization, token_status: 'completed' },
        secrets: [{ key: 'INBOX_KEY', met: true }],
        met: true,
      },
    };
    const { definition: stored } = toWorkerTool({ workerId: 'w', value: withStatus });
    expect(stored.requirements).toEqual({
      authorization: {
        provider_id: 'testkit',
        provider_type: 'oauth2',
        oauth2: { scopes: ['inbox.read'] },
      },
      secrets: [{ key: 'INBOX_KEY' }],
    });
  });

  it('rejects a definition without a toolkit version, or that core cannot parse, naming the field', () => {
    const noVersion = { ...definition, toolkit: { name: 'Inbox' }, fully_qualified_name: null };
    const missing = (() => {
      try {
        return toWorkerTool({ workerId: 'w', value: noVersion });
      } catch (error) {
        return error;
      }
    })();
    expect(InvalidToolDefinitionError.isInstance(missing)).toBe(true);
    expect(String(missing)).toContain('toolkit.version');
    expect(() => toWorkerTool({ workerId: 'w', value: { ...definition, input: 'x' } })).toThrow(
      /Inbox\.ListMessages/,
    );
    expect(() =>
      toWorkerTool({
        workerId: 'w',
        value: {
          ...definition,
          requirements: { authorization: { provider_id: 'x', provider_type: 'saml' } },
        },
      }),
    ).toThrow(/provider_type/);
  });
});
