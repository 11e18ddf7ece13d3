import { describe, expect, it } from 'vitest';
import { AuthorizationFailedError } from './authorization-failed-error.js';
import { AuthorizationTimeoutError } from './authorization-timeout-error.js';
import { OperationAbortedError } from './operation-aborted-error.js';
import { ToolNotFoundError } from './tool-not-found-error.js';
import { ToolRequestError } from './tool-request-error.js';
import { ToolTransportError } from './tool-transport-error.js';
import { ToolgrantError } from './toolgrant-error.js';
import { UnexpectedResponseError } from './unexpected-response-error.js';
import { UserIdRequiredError } from './user-id-required-error.js';

const cases = [
  {
    marker: 'toolgrant.error.ToolTransportError',
    errorClass: ToolTransportError,
    create: () => new ToolTransportError({ reason: 'timeout', operation: 'Running Demo.Echo' }),
    says: /Running Demo\.Echo failed: the engine did not answer in time/,
  },
  {
    marker: 'toolgrant.error.ToolRequestError',
    errorClass: ToolRequestError,
    create: () => new ToolRequestError({ status: 401, operation: 'Listing tools' }),
    says: /Listing tools was refused by the engine with HTTP 401\. Check the API key/,
  },
  {
    marker: 'toolgrant.error.ToolNotFoundError',
    errorClass: ToolNotFoundError,
    create: () =>
      new ToolNotFoundError({ toolName: 'Gmail.ListEmails@9.0.0', servedVersion: '4.1.0' }),
    says: /no tool 'Gmail\.ListEmails@9\.0\.0'\. The engine serves version 4\.1\.0/,
  },
  {
    marker: 'toolgrant.error.AuthorizationFailedError',
    errorClass: AuthorizationFailedError,
    create: () => new AuthorizationFailedError({ authorizationId: 'auth_1' }),
    says: /Authorization 'auth_1' failed.*Run the tool again/,
  },
  {
    marker: 'toolgrant.error.AuthorizationTimeoutError',
    errorClass: AuthorizationTimeoutError,
    create: () => new AuthorizationTimeoutError({ authorizationId: 'auth_1', timeoutMs: 500 }),
    says: /'auth_1' was not completed within 500 ms.*larger timeoutMs/,
  },
  {
    marker: 'toolgrant.error.OperationAbortedError',
    errorClass: OperationAbortedError,
    create: () => new OperationAbortedError({ operation: 'Running Demo.Echo' }),
    says: /Running Demo\.Echo was aborted/,
  },
  {
    marker: 'toolgrant.error.UnexpectedResponseError',
    errorClass: UnexpectedResponseError,
    create: () => new UnexpectedResponseError({ operation: 'Listing tools', problem: 'no items' }),
    says: /Listing tools got a response that is not Arcade v1: no items/,
  },
  {
    marker: 'toolgrant.error.UserIdRequiredError',
    errorClass: UserIdRequiredError,
    create: () => new UserIdRequiredError({ toolName: 'Gmail.ListEmails' }),
    says: /'Gmail\.ListEmails' acts on behalf of a user.*Pass the id of your end user as userId/,
  },
] as const;

describe.each(cases)('$marker', ({ marker, errorClass, create, says }) => {
  it('is a ToolgrantError recognised by its own marker', () => {
    const error = create();
    expect(errorClass.isInstance(error)).toBe(true);
    expect(ToolgrantError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(says);
  });

  it('recognises an error built by another copy of the package', () => {
    const fromAnotherCopy = Object.assign(new Error('copy'), {
      [Symbol.for('toolgrant.error')]: true,
      [Symbol.for(marker)]: true,
    });
    expect(errorClass.isInstance(fromAnotherCopy)).toBe(true);
  });

  it('rejects other toolgrant errors and plain errors', () => {
    expect(errorClass.isInstance(new ToolgrantError({ name: 'X', message: 'x' }))).toBe(false);
    expect(errorClass.isInstance(new Error('x'))).toBe(false);
    for (const other of cases) {
      if (other.marker !== marker) expect(errorClass.isInstance(other.create())).toBe(false);
    }
  });
});

it('says where a caller takes the user id when told', () => {
  const error = new UserIdRequiredError({
    toolName: 'Gmail.ListEmails',
    howToFix: "Set 'userId' in the request context.",
  });
  expect(error.message).toMatch(/no userId was given\. Set 'userId' in the request context\.$/);
});

it('names an aborted operation AbortError, as frameworks expect of a cancellation', () => {
  expect(new OperationAbortedError({ operation: 'x' }).name).toBe('AbortError');
});
