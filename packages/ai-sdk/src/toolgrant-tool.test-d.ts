import type { InferToolInput } from 'ai';
import type { InferToolInput as InferToolInput6 } from 'ai-v6';
import { describe, expectTypeOf, it } from 'vitest';
import type { ToolgrantTool, ToolgrantToolInput } from './toolgrant-tool.js';

describe('the input of a Toolgrant tool', () => {
  it("is inferred from core's Standard Schema as a record of named arguments, in AI SDK 7 and 6", () => {
    expectTypeOf<InferToolInput<ToolgrantTool>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<InferToolInput6<ToolgrantTool>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<ToolgrantToolInput>().toEqualTypeOf<Record<string, unknown>>();
  });
});
