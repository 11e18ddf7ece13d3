import { AuthorizationNotFoundError } from '../broker/authorization-not-found-error.js';
import { AuthorizationNotPendingError } from '../broker/authorization-not-pending-error.js';
import { AuthorizationNotReadyError } from '../broker/authorization-not-ready-error.js';
import { InvalidNextUriError } from '../broker/invalid-next-uri-error.js';
import { ProviderNotConfiguredError } from '../broker/provider-not-configured-error.js';
import { ProviderTypeMismatchError } from '../broker/provider-type-mismatch-error.js';
import { TokenRefreshFailedError } from '../broker/token-refresh-failed-error.js';
import { TokenRefreshTimeoutError } from '../broker/token-refresh-timeout-error.js';
import { UserMismatchError } from '../broker/user-mismatch-error.js';
import { ConflictingToolVersionError } from '../tools/conflicting-tool-version-error.js';
import { UnknownToolError } from '../tools/unknown-tool-error.js';
import {
  WorkerRegistrationError,
  type WorkerRegistrationRefusal,
} from '../workers/worker-registration-error.js';
import { ApiError } from './api-error.js';

// The one table from the domain's errors to HTTP answers. The domain (broker, tools) throws
// errors that say what went wrong; only here do they get a status and a machine-readable code.
// Their messages already say what to fix and hold no secret, so they are shown as they are.

/** Each domain error the API answers with its own status, and the code it answers with. */
export const domainErrorAnswers: ReadonlyArray<{
  isInstance: (error: unknown) => error is Error;
  status: number;
  code: string;
}> = [
  { isInstance: UnknownToolError.isInstance, status: 404, code: 'tool_not_found' },
  {
    isInstance: ConflictingToolVersionError.isInstance,
    status: 400,
    code: 'conflicting_tool_version',
  },
  {
    isInstance: AuthorizationNotFoundError.isInstance,
    status: 404,
    code: 'authorization_not_found',
  },
  {
    isInstance: AuthorizationNotPendingError.isInstance,
    status: 409,
    code: 'authorization_not_pending',
  },
  {
    isInstance: AuthorizationNotReadyError.isInstance,
    status: 409,
    code: 'authorization_not_ready',
  },
  { isInstance: UserMismatchError.isInstance, status: 400, code: 'user_mismatch' },
  { isInstance: InvalidNextUriError.isInstance, status: 400, code: 'invalid_request' },
  {
    isInstance: ProviderNotConfiguredError.isInstance,
    status: 400,
    code: 'provider_not_configured',
  },
  { isInstance: ProviderTypeMismatchError.isInstance, status: 400, code: 'provider_type_mismatch' },
  {
    isInstance: TokenRefreshTimeoutError.isInstance,
    status: 504,
    code: 'provider_refresh_timeout',
  },
  { isInstance: TokenRefreshFailedError.isInstance, status: 502, code: 'provider_refresh_failed' },
];

/** The status of each reason a worker registration is refused; the code is the reason. */
export const workerRegistrationStatuses: Readonly<Record<WorkerRegistrationRefusal, number>> = {
  runtime_workers_disabled: 403,
  worker_url_not_allowed: 403,
  toolkit_taken: 409,
  worker_managed: 409,
  worker_exists: 409,
  worker_not_found: 404,
  configured_worker_unread: 503,
  worker_unreadable: 400,
};

/**
 * The HTTP answer `error` chooses: an `ApiError` as it is, a domain error by the table above;
 * undefined for anything else (a 500 whose message the caller does not see).
 */
export function apiErrorOf(error: unknown): ApiError | undefined {
  if (ApiError.isInstance(error)) return error;
  if (WorkerRegistrationError.isInstance(error)) {
    const { reason, message } = error;
    return new ApiError({
      status: workerRegistrationStatuses[reason],
      code: reason,
      message,
      cause: error,
    });
  }
  for (const { isInstance, status, code } of domainErrorAnswers) {
    if (isInstance(error))
      return new ApiError({ status, code, message: error.message, cause: error });
  }
  return undefined;
}
