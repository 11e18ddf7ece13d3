import { expect, it } from 'vitest';
import { apiSurface } from '../../../api-surface.shared.js';
import * as langchain from './index.js';

// The public surface of `@toolgrant/langchain`.
// A change to a list below is a deliberate change to what users can import.

it('@toolgrant/langchain exports exactly these runtime values and types', () => {
  expect(apiSurface({ entry: new URL('./index.ts', import.meta.url), runtime: langchain })).toEqual(
    {
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
    },
  );
});
