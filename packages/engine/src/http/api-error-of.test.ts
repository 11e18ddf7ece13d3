import { describe, expect, it } from 'vitest';
import { AuthorizationNotFoundError } from '../broker/authorization-not-found-error.js';
import { AuthorizationNotPendingError } from '../broker/authorization-not-pending-error.js';
import { AuthorizationNotReadyError } from '../broker/authorization-not-ready-error.js';
import { InvalidNextUriError } from '../broker/invalid-next-uri-error.js';
import { ProviderNotConfiguredError } from '../broker/provider-not-configured-error.js';
import { ProviderTypeMismatchError } from '../broker/provider-type-mismatch-error.js';
import { TokenRefreshFailedError } from '../broker/token-refresh-failed-error.js';
import { TokenRefreshTimeoutError } from '../broker/token-refresh-timeout-error.js';
import { UserMismatchError } from '../broker/user-mismatch-error.js';
import { FlowNotPendingError } from '../store/flow-not-pending-error.js';
import { ConflictingToolVersionError } from '../tools/conflicting-tool-version-error.js';
import { UnknownToolError } from '../tools/unknown-tool-error.js';
import { WorkerRegistrationError } from '../workers/worker-registration-error.js';
import { ApiError } from './api-error.js';
import { apiErrorOf, domainErrorAnswers, workerRegistrationStatuses } from './api-error-of.js';

const answers: Array<[Error, number, string]> = [
  [new UnknownToolError({ toolName: 'Gmail.Nope' }), 404, 'tool_not_found'],
  [
    new ConflictingToolVersionError({
      name: 'Gmail.List@1.0.0',
      nameVersion: '1.0.0',
      version: '2.0.0',
    }),
    400,
    'conflicting_tool_version',
  ],
  [new AuthorizationNotFoundError({ flowId: 'af_1' }), 404, 'authorization_not_found'],
  [
    new AuthorizationNotPendingError({ flowId: 'af_1', status: 'failed' }),
    409,
    'authorization_not_pending',
  ],
  [
    new AuthorizationNotPendingError({
      flowId: 'af_1',
      cause: new FlowNotPendingError({ flowId: 'af_1', status: 'completed' }),
    }),
    409,
    'authorization_not_pending',
  ],
  [new AuthorizationNotReadyError({ flowId: 'af_1' }), 409, 'authorization_not_ready'],
  [new UserMismatchError({ flowId: 'af_1', userId: 'bob' }), 400, 'user_mismatch'],
  [new InvalidNextUriError({ problem: 'is not an absolute URL' }), 400, 'invalid_request'],
  [
    new ProviderNotConfiguredError({ providerId: 'gitlab', configuredProviderIds: ['github'] }),
    400,
    'provider_not_configured',
  ],
  [
    new ProviderTypeMismatchError({
      providerId: 'github',
      configuredType: 'oauth2',
      requiredType: 'api_key',
    }),
    400,
    'provider_type_mismatch',
  ],
  [
    new TokenRefreshTimeoutError({ providerId: 'github', answerMs: 1500 }),
    504,
    'provider_refresh_timeout',
  ],
  [
    new TokenRefreshFailedError({ providerId: 'github', cause: new Error('socket hang up') }),
    502,
    'provider_refresh_failed',
  ],
];

describe('apiErrorOf', () => {
  it.each(answers)(
    'answers %s with its status and code, and its own message',
    (error, status, code) => {
      const apiError = apiErrorOf(error);
      expect(ApiError.isInstance(apiError)).toBe(true);
      expect(apiError).toMatchObject({ status, code, message: error.message, cause: error });
    },
  );

  it('has a row for every domain error in the table, and one row matches each', () => {
    const matched = new Set(
      answers.map(([error]) => domainErrorAnswers.findIndex(({ isInstance }) => isInstance(error))),
    );
    expect([...matched].sort((a, b) => a - b)).toEqual(domainErrorAnswers.map((_, index) => index));
    for (const [error] of answers) {
      expect(domainErrorAnswers.filter(({ isInstance }) => isInstance(error))).toHaveLength(1);
    }
  });

  it.each(Object.entries(workerRegistrationStatuses))(
    'answers a worker registration refused as %s with %i and that code',
    (reason, status) => {
      const error = new WorkerRegistrationError({
        reason: reason as keyof typeof workerRegistrationStatuses,
        message: 'Refused; here is what to do.',
      });
      expect(apiErrorOf(error)).toMatchObject({
        status,
        code: reason,
        message: 'Refused; here is what to do.',
        cause: error,
      });
    },
  );

  it('passes an ApiError through as it is', () => {
    const error = new ApiError({ status: 401, code: 'unauthorized', message: 'Send an API key.' });
    expect(apiErrorOf(error)).toBe(error);
  });

  it('leaves any other error (a 500 whose message the caller does not see) unmapped', () => {
    expect(apiErrorOf(new Error('database is down'))).toBeUndefined();
    expect(
      apiErrorOf(new FlowNotPendingError({ flowId: 'af_1', status: 'failed' })),
    ).toBeUndefined();
    expect(apiErrorOf('a string')).toBeUndefined();
  });

  it('keeps the messages that say what to do', () => {
    expect(
      apiErrorOf(new TokenRefreshTimeoutError({ providerId: 'github', answerMs: 1500 }))?.message,
    ).toBe(
      "The provider 'github' did not answer the token refresh within 2 s. The engine keeps waiting for its answer and saves it when it comes; try again in a minute.",
    );
    expect(
      apiErrorOf(new InvalidNextUriError({ problem: 'is not an absolute URL' }))?.message,
    ).toBe('next_uri is not an absolute URL.');
  });
});
