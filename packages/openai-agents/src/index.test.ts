import { expect, it } from 'vitest';
import { apiSurface } from '../../../api-surface.shared.js';
import * as openaiAgents from './index.js';

// The public surface of `@toolgrant/openai-agents`.
// A change to a list below is a deliberate change to what users can import.

it('@toolgrant/openai-agents exports exactly these runtime values and types', () => {
  expect(
    apiSurface({ entry: new URL('./index.ts', import.meta.url), runtime: openaiAgents }),
  ).toEqual({
    values: [
      'authorizationsContextKey',
      'createOpenAIAgentsTools',
      'getAuthorizationInterruptions',
      'toOpenAIAgentsTools',
      'userIdContextKey',
    ],
    types: [
      'AuthorizationInterruption',
      'CreateOpenAIAgentsToolsOptions',
      'InterruptedRun',
      'OpenAIAgentsTool',
      'ToOpenAIAgentsToolsOptions',
      'ToolgrantRunContext',
    ],
  });
});
