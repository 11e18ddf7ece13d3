'use client';

import type { RequiredAuthorization } from '@toolgrant/core';
import { useEffect, useRef, useState } from 'react';
import { useAuthorizationStatus } from './use-authorization-status';

// What the user sees when a tool needs their consent: a button that opens the provider's page
// in a popup, a waiting state, and — once the engine reports completion — nothing to do: the
// card answers the tool's approval and the conversation continues by itself.

export function AuthorizationCard({
  toolName,
  authorization: requested,
  onAuthorized,
  onCancel,
}: {
  toolName: string;
  authorization: RequiredAuthorization;
  onAuthorized: () => void;
  onCancel: () => void;
}) {
  const [authorization, setAuthorization] = useState(requested);
  const [opened, setOpened] = useState(false);
  const [retryError, setRetryError] = useState<string>();
  const status = useAuthorizationStatus(authorization.id);
  const provider = authorization.providerId ?? 'the service';

  // Answered once: `onAuthorized` is a new function on every render of the parent.
  const answered = useRef(false);
  useEffect(() => {
    if (status !== 'completed' || answered.current) return;
    answered.current = true;
    onAuthorized();
  }, [status, onAuthorized]);

  function openProvider(url: string | undefined) {
    if (!url) return;
    // A popup keeps the chat in view; a blocked popup falls back to a new tab.
    const popup = window.open(url, 'toolgrant-authorization', 'popup,width=520,height=720');
    if (!popup) window.open(url, '_blank', 'noopener');
    setOpened(true);
  }

  async function retry() {
    setRetryError(undefined);
    const response = await fetch('/api/authorizations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ toolName }),
    }).catch(() => undefined);
    if (!response?.ok)
      return setRetryError('Could not start a new authorization. Is the engine running?');
    const next = (await response.json()) as RequiredAuthorization;
    setAuthorization({ ...authorization, ...next });
    openProvider(next.url);
  }

  return (
    <section
      className="authorization-card"
      aria-label={`Authorize ${provider}`}
      data-status={status}
    >
      <h3>
        {status === 'completed' ? `${provider} authorized` : `${toolName} needs your permission`}
      </h3>
      {status === 'pending' && (
        <>
          <p>
            The assistant wants to use <strong>{provider}</strong> on your behalf
            {authorization.scopes?.length ? ` (${authorization.scopes.join(', ')})` : ''}. Your
            credentials stay with Toolgrant; the assistant never sees them.
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => openProvider(authorization.url)}
            >
              Authorize {provider}
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
          {opened && (
            <p className="waiting" role="status">
              <span className="spinner" aria-hidden /> Waiting for you to approve in the {provider}{' '}
              window… The chat continues by itself.
            </p>
          )}
        </>
      )}
      {status === 'completed' && <p role="status">Authorized. Continuing…</p>}
      {(status === 'failed' || status === 'unreachable') && (
        <>
          <p className="failure" role="alert">
            {status === 'failed'
              ? `The authorization at ${provider} did not go through (it was denied, cancelled or expired).`
              : 'Lost contact with the server while waiting for the authorization.'}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={retry}>
              Try again
            </button>
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          </div>
          {retryError && <p className="failure">{retryError}</p>}
        </>
      )}
    </section>
  );
}
