import type { ReactNode } from 'react';
import {
  type UseAuthorizationOptions,
  type UseAuthorizationResult,
  useAuthorization,
} from './use-authorization.js';

// The card a tool call that needs consent shows: accessible (a named region, a live status, an
// alert on failure), unstyled (class names; `@toolgrant/react/styles.css` is the example's
// look), and replaceable: a render prop gets the hook's result for your own design system.
// An MCP server's consent shows the server's message and the host the link goes to (the MCP
// rules for URLs), and "I’ve approved — continue" for when the popup could not be followed.

/** Props of `AuthorizationCard`: the hook's options, a class name and an optional render prop. */
export interface AuthorizationCardProps extends UseAuthorizationOptions {
  /** The card's class (default `toolgrant-authorization-card`); its parts use `toolgrant-authorization-*`. */
  className?: string;
  /** Renders the card yourself from the hook's result, in place of the default markup. */
  children?: (authorization: UseAuthorizationResult) => ReactNode;
}

/** The authorization card for a `useChat` tool part; renders nothing for a part without one. */
export function AuthorizationCard({
  className = 'toolgrant-authorization-card',
  children,
  ...options
}: AuthorizationCardProps): ReactNode {
  const authorization = useAuthorization(options);
  if (!authorization.authorization) return null;
  if (children) return children(authorization);
  const { state, toolName, providerName, error, isMcp } = authorization;
  const { scopes, message } = authorization.authorization;
  return (
    <section className={className} aria-label={`Authorize ${providerName}`} data-state={state}>
      <h3 className="toolgrant-authorization-title">
        {state !== 'completed'
          ? `${toolName} needs your permission`
          : isMcp
            ? `Continuing with ${providerName}`
            : `${providerName} authorized`}
      </h3>
      {(state === 'idle' || state === 'waiting') && (
        <>
          {isMcp ? (
            <p className="toolgrant-authorization-text">
              {message ?? 'The server asks for your permission before this tool runs.'} The link
              opens <strong>{providerName}</strong>. Your credentials stay with that server; the
              assistant never sees them.
            </p>
          ) : (
            <p className="toolgrant-authorization-text">
              The assistant wants to use <strong>{providerName}</strong> on your behalf
              {scopes.length > 0 ? ` (${scopes.join(', ')})` : ''}. Your credentials stay with the
              server; the assistant never sees them.
            </p>
          )}
          <div className="toolgrant-authorization-actions">
            <button
              type="button"
              className="toolgrant-authorization-primary"
              onClick={authorization.open}
            >
              Authorize {providerName}
            </button>
            {isMcp && (
              <button type="button" onClick={authorization.confirm}>
                I’ve approved — continue
              </button>
            )}
            <button type="button" onClick={authorization.cancel}>
              Cancel
            </button>
          </div>
          {state === 'waiting' && (
            <p className="toolgrant-authorization-waiting" role="status">
              <span className="toolgrant-authorization-spinner" aria-hidden /> Waiting for you to
              approve in the {providerName} window…{' '}
              {isMcp
                ? 'The chat continues when that window closes.'
                : 'The chat continues by itself.'}
            </p>
          )}
        </>
      )}
      {state === 'completed' && (
        <p className="toolgrant-authorization-text" role="status">
          {isMcp
            ? 'Continuing… The server runs the tool if you approved there.'
            : 'Authorized. Continuing…'}
        </p>
      )}
      {state === 'failed' && (
        <>
          <p className="toolgrant-authorization-error" role="alert">
            {error}
          </p>
          {/* An MCP server's consent fails only by cancelling: there is nothing to try again. */}
          {!isMcp && (
            <div className="toolgrant-authorization-actions">
              <button
                type="button"
                className="toolgrant-authorization-primary"
                onClick={() => void authorization.retry()}
              >
                Try again
              </button>
              <button type="button" onClick={authorization.cancel}>
                Cancel
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
