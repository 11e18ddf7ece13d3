import { expect, it } from 'vitest';
import { apiSurface } from '../../../api-surface.shared.js';
import * as react from './index.js';

// The public surface of `@toolgrant/react`.
// A change to a list below is a deliberate change to what users can import.

it('@toolgrant/react exports exactly these runtime values and types', () => {
  expect(apiSurface({ entry: new URL('./index.ts', import.meta.url), runtime: react })).toEqual({
    values: [
      'AuthorizationCard',
      'authorizationWindowName',
      'cancelledReason',
      'defaultAuthorizationStatusUrl',
      'useAuthorization',
    ],
    types: [
      'AuthorizationCardProps',
      'AuthorizationState',
      'AuthorizationToolPart',
      'ToolApprovalResponse',
      'UseAuthorizationOptions',
      'UseAuthorizationResult',
    ],
  });
});
