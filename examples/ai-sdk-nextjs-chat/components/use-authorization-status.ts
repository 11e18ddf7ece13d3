'use client';

import { useEffect, useState } from 'react';

export type AuthorizationStatus = 'pending' | 'completed' | 'failed' | 'unreachable';

/**
 * Follows one authorization through the app's long-poll route: each request is held by the
 * engine until the status changes or its wait ends, then the next one starts. No timer.
 */
export function useAuthorizationStatus(id: string | undefined): AuthorizationStatus {
  const [status, setStatus] = useState<AuthorizationStatus>('pending');

  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    setStatus('pending');
    void (async () => {
      while (!controller.signal.aborted) {
        const response = await fetch(`/api/authorizations/${encodeURIComponent(id)}`, {
          signal: controller.signal,
        }).catch(() => undefined);
        if (controller.signal.aborted) return;
        if (!response?.ok) return setStatus('unreachable');
        const { status: next } = (await response.json()) as { status: string };
        if (next === 'completed' || next === 'failed') return setStatus(next);
      }
    })();
    return () => controller.abort();
  }, [id]);

  return status;
}
