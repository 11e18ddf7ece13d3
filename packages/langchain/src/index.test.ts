import { describe, expect, it } from 'vitest';
import { apiSurface } from '../../../api-surface.shared.js';
import * as langchain from './index.js';

// The public surface of `@toolgrant/langchain`.
// A change to a list below is a deliberate change to what users can import.

const tsconfig = new URL('../tsconfig.json', import.meta.url);

describe('@toolgrant/langchain', () => {
  it('exports exactly these runtime values and types', () => {
    expect(
      apiSurface({ entry: new URL('./index.ts', import.meta.url), tsconfig, runtime: langchain }),
    ).toEqual({
      values: [
        'authorizationInterruptType',
        'createLangChainTools',
        'getAuthorizationInterrupts',
        'isAuthorizationInterrupt',
        'toLangChainTools',
        'userIdConfigKey',
      ],
      types: [
        'AuthorizationInterrupt',
        'AuthorizationResumeValue',
        'CreateLangChainToolsOptions',
        'LangChainTool',
        'LangChainToolArtifact',
        'PendingAuthorization',
        'ToLangChainToolsOptions',
      ],
    });
  });
});
