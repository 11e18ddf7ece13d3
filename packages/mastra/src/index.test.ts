import { describe, expect, it } from 'vitest';
import { apiSurface } from '../../../api-surface.shared.js';
import * as mastra from './index.js';

// The public surface of `@toolgrant/mastra`.
// A change to a list below is a deliberate change to what users can import.

const tsconfig = new URL('../tsconfig.json', import.meta.url);

describe('@toolgrant/mastra', () => {
  it('exports exactly these runtime values and types', () => {
    expect(
      apiSurface({ entry: new URL('./index.ts', import.meta.url), tsconfig, runtime: mastra }),
    ).toEqual({
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
});
