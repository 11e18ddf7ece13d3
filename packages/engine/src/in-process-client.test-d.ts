import type { ToolClient } from '@toolgrant/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { Engine } from './create-engine.js';
import type { InProcessClient } from './in-process-client.js';

describe('InProcessClient', () => {
  it("satisfies core's ToolClient, so runTool, loadTools and the adapters accept it", () => {
    expectTypeOf<InProcessClient>().toExtend<ToolClient>();
    expectTypeOf<Engine['client']>().toExtend<ToolClient>();
  });

  it('is not just any object', () => {
    expectTypeOf<{ tools: object }>().not.toExtend<ToolClient>();
  });
});
