import { describe, expect, it } from 'vitest';
import {
  forgetAuthorized,
  isKnownAuthorized,
  rememberAuthorized,
} from './authorization-status-cache.js';
import type { ToolClient } from './tool-client.js';

const newClient = () => ({ tools: {}, auth: {} }) as unknown as ToolClient;

describe('authorization status cache', () => {
  it('remembers per client, user and tool', () => {
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
});
