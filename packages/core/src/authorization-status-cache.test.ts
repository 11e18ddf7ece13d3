import { describe, expect, it } from 'vitest';
import { createAuthorizationStatusCache } from './authorization-status-cache.js';
import type { ToolClient } from './tool-client.js';

const newClient = () => ({ tools: {}, auth: {} }) as unknown as ToolClient;

describe('authorization status cache', () => {
  it('remembers per client, user and tool', () => {
    const { isKnownAuthorized, rememberAuthorized } = createAuthorizationStatusCache();
    const client = newClient();
    rememberAuthorized({ client, userId: 'ada', toolName: 'Gmail.ListEmails@4.1.0' });

    expect(isKnownAuthorized({ client, userId: 'ada', toolName: 'Gmail.ListEmails@4.1.0' })).toBe(
      true,
    );
    expect(isKnownAuthorized({ client, userId: 'grace', toolName: 'Gmail.ListEmails@4.1.0' })).toBe(
      false,
    );
    expect(isKnownAuthorized({ client, userId: 'ada', toolName: 'Gmail.SendEmail@4.1.0' })).toBe(
      false,
    );
    expect(
      isKnownAuthorized({ client: newClient(), userId: 'ada', toolName: 'Gmail.ListEmails@4.1.0' }),
    ).toBe(false);
  });

  it('forgets one tool, one user, or everything of a client', () => {
    const { isKnownAuthorized, rememberAuthorized, forgetAuthorized } =
      createAuthorizationStatusCache();
    const client = newClient();
    const remember = (userId: string, toolName: string) =>
      rememberAuthorized({ client, userId, toolName });
    const known = (userId: string, toolName: string) =>
      isKnownAuthorized({ client, userId, toolName });
    remember('ada', 'A@1');
    remember('ada', 'B@1');
    remember('grace', 'A@1');

    forgetAuthorized({ client, userId: 'ada', toolName: 'A@1' });
    expect([known('ada', 'A@1'), known('ada', 'B@1'), known('grace', 'A@1')]).toEqual([
      false,
      true,
      true,
    ]);

    forgetAuthorized({ client, userId: 'ada' });
    expect([known('ada', 'B@1'), known('grace', 'A@1')]).toEqual([false, true]);

    forgetAuthorized({ client });
    expect(known('grace', 'A@1')).toBe(false);
  });

  it('forgets everything of every client on clear, and two caches share nothing', () => {
    const cache = createAuthorizationStatusCache();
    const other = createAuthorizationStatusCache();
    const [first, second] = [newClient(), newClient()];
    const key = { userId: 'ada', toolName: 'A@1' };
    cache.rememberAuthorized({ client: first, ...key });
    cache.rememberAuthorized({ client: second, ...key });
    expect(other.isKnownAuthorized({ client: first, ...key })).toBe(false);

    cache.clear();
    expect(cache.isKnownAuthorized({ client: first, ...key })).toBe(false);
    expect(cache.isKnownAuthorized({ client: second, ...key })).toBe(false);
  });
});
