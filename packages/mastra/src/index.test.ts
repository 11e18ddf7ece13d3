import { expect, it } from 'vitest';
import { apiSurface } from '../../../api-surface.shared.js';
import * as mastra from './index.js';

// The public surface of `@toolgrant/mastra`.
// A change to a list below is a deliberate change to what users can import.

it('@toolgrant/mastra exports exactly these runtime values and types', () => {
  expect(apiSurface({ entry: new URL('./index.ts', import.meta.url), runtime: mastra })).toEqual({
    values: [
      'authorizationResumeDataSchema',
      'authorizationSuspendPayloadSchema',
      'authorizationSuspendType',
      'createMastraTools',
      'isAuthorizationSuspendPayload',
      'toMastraTools',
      'userIdContextKey',
    ],
    types: [
      'AuthorizationResumeData',
      'AuthorizationSuspendPayload',
      'CreateMastraToolsOptions',
      'MastraTool',
      'MastraToolContext',
      'ToMastraToolsOptions',
    ],
  });
});
