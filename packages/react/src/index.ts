export {
  AuthorizationCard,
  type AuthorizationCardProps,
} from './authorization-card.js';
export type { AuthorizationState } from './authorization-state.js';
export type { AuthorizationToolPart } from './authorization-tool-part.js';
export { authorizationWindowName } from './authorization-window.js';
export {
  cancelledReason,
  defaultAuthorizationStatusUrl,
  type ToolApprovalResponse,
  type UseAuthorizationOptions,
  type UseAuthorizationResult,
  useAuthorization,
} from './use-authorization.js';
