import { tool } from '@langchain/core/tools';
import { Annotation, Command, MemorySaver, StateGraph } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import {
  type AuthorizationInterrupt,
  authorizationInterruptType,
} from './authorization-interrupt.js';
import { getAuthorizationInterrupts } from './get-authorization-interrupts.js';
import { type InterruptResult, interruptForAuthorization } from './interrupt-for-authorization.js';

// The one place that relies on how LangGraph's `interrupt()` behaves without a checkpointer; if a
// LangGraph release changes it, these fail.

const value: AuthorizationInterrupt = {
  type: authorizationInterruptType,
  toolName: 'Inbox_ListMessages',
  qualifiedName: 'Inbox.ListMessages',
  toolCallId: 'call-1',
  authorization: {
    id: 'auth-1',
    url: 'https://example.test/authorize',
    providerId: 'testkit',
    scopes: ['inbox.read'],
    status: 'pending',
  },
};

const State = Annotation.Root({ result: Annotation<InterruptResult | undefined> });

function graphWithOneNode(checkpointer?: MemorySaver) {
  return new StateGraph(State)
    .addNode('tool', async () => ({ result: await interruptForAuthorization(value) }))
    .addEdge('__start__', 'tool')
    .compile(checkpointer ? { checkpointer } : {});
}

describe('interruptForAuthorization', () => {
  it('outside a graph, does not pause: called alone, or in a tool invoked with a config', async () => {
    await expect(interruptForAuthorization(value)).resolves.toEqual({ resumed: false });
    const inTool = tool(() => interruptForAuthorization(value), {
      name: 'probe',
      schema: z.object({}),
    });
    await expect(inTool.invoke({}, { configurable: { user_id: 'erin' } })).resolves.toEqual({
      resumed: false,
    });
  });

  it('in a graph without a checkpointer, does not pause (LangGraph throws MISSING_CHECKPOINTER)', async () => {
    const result = await graphWithOneNode().invoke({});
    expect(result.result).toEqual({ resumed: false });
  });

  it('in a graph with a checkpointer, pauses with the value, then returns the resume value', async () => {
    const graph = graphWithOneNode(new MemorySaver());
    const config = { configurable: { thread_id: 'thread-1' } };
    const paused = await graph.invoke({}, config);
    expect(getAuthorizationInterrupts(paused)).toEqual([
      { ...value, interruptId: expect.any(String) },
    ]);
    expect(paused.result).toBeUndefined();

    const resumed = await graph.invoke(new Command({ resume: { approved: true } }), config);
    expect(resumed.result).toEqual({ resumed: true, value: { approved: true } });
  });
});
