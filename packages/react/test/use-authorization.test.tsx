import { act } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizationCard,
  cancelledReason,
  type ToolApprovalResponse,
  type UseAuthorizationOptions,
} from '../src/index.js';
import { type AuthorizationApp, startAuthorizationApp } from './authorization-app.js';
import { cleanUp, render, renderHook, stubPopups, until } from './react-harness.js';

// The hook in React's real renderer (react-dom in happy-dom), against the real status route,
// engine and OAuth provider. The user consents with the testkit's own login and consent forms
// at the URL the hook opened (the popup is stood in for: see react-harness.tsx).

let app: AuthorizationApp;
beforeAll(async () => {
  app = await startAuthorizationApp();
}, 30_000);
afterAll(() => app?.close());

afterEach(cleanUp);

describe('useAuthorization', { timeout: 30_000 }, () => {
  it('goes idle → waiting → completed, and answers the approval exactly once however often the parent re-renders', async () => {
    const part = await app.approvalPart('alice');
    const { opened } = stubPopups();
    const answers: ToolApprovalResponse[] = [];
    const options = {
      part,
      statusUrl: app.statusUrl('alice'),
      // A new function on every render, as `useChat` callers write it inline.
      addToolApprovalResponse: (response: ToolApprovalResponse) => void answers.push(response),
    };
    const hook = await renderHook(options);
    expect(hook.latest().state).toBe('idle');
    expect(hook.latest().authorization?.providerId).toBe('testkit');
    expect(hook.latest().toolName).toBe('Inbox_ListMessages');

    await act(async () => hook.latest().open());
    expect(hook.latest().state).toBe('waiting');
    expect(opened).toEqual([
      { url: hook.latest().authorization?.url, name: 'toolgrant-authorization' },
    ]);

    await app.inbox.consent({ url: opened[0]?.url as string });
    await until(() => expect(hook.latest().state).toBe('completed'));
    for (let render = 0; render < 5; render++) {
      await hook.rerender({
        ...options,
        addToolApprovalResponse: (response) => void answers.push(response),
      });
    }
    expect(answers).toEqual([{ id: part.approval?.id, approved: true }]);
  });

  it('redirects this page to the provider when the popup is blocked', async () => {
    const part = await app.approvalPart('bob');
    const { opened, assigned } = stubPopups({ blocked: true });
    const hook = await renderHook({ part, statusUrl: app.statusUrl('bob') });
    await act(async () => hook.latest().open());
    const url = hook.latest().authorization?.url;
    expect(opened).toEqual([{ url, name: 'toolgrant-authorization' }]);
    expect(assigned).toEqual([url]);
    expect(hook.latest().state).toBe('waiting');
  });

  it('fails with words on a denial; retry opens a new authorization in the same popup, which completes', async () => {
    const part = await app.approvalPart('carol');
    const { opened, popup } = stubPopups();
    const answers: ToolApprovalResponse[] = [];
    const hook = await renderHook({
      part,
      statusUrl: app.statusUrl('carol'),
      addToolApprovalResponse: (response) => void answers.push(response),
    });
    await act(async () => hook.latest().open());
    const first = hook.latest().authorization;
    const denial = await app.inbox.provider.completeConsent({
      authorizationUrl: first?.url as string,
      username: 'alice',
      password: 'alice-password',
      approve: false,
    });
    expect(denial.error).toBe('access_denied');
    await until(() => expect(hook.latest().state).toBe('failed'));
    expect(hook.latest().error).toBe(
      'The authorization at testkit did not go through: it was denied, cancelled or expired.',
    );
    expect(answers).toEqual([]);

    await act(() => hook.latest().retry());
    const second = hook.latest().authorization;
    expect(second?.id).not.toBe(first?.id);
    expect(hook.latest().state).toBe('waiting');
    // Reserved by name inside the click, then sent to the new link.
    expect(opened.at(-1)).toEqual({ url: '', name: 'toolgrant-authorization' });
    expect(popup.location.href).toBe(second?.url);

    await app.inbox.consent({ url: second?.url as string });
    // The answer goes out in the effect after the completed render.
    await until(() => expect(answers).toEqual([{ id: part.approval?.id, approved: true }]));
    expect(hook.latest().state).toBe('completed');
  });

  it('cancel denies the approval once, with the reason the model reads, and stops waiting', async () => {
    const part = await app.approvalPart('dave');
    stubPopups();
    const answers: ToolApprovalResponse[] = [];
    const hook = await renderHook({
      part,
      statusUrl: app.statusUrl('dave'),
      addToolApprovalResponse: (response) => void answers.push(response),
    });
    await act(async () => hook.latest().cancel());
    await act(async () => hook.latest().cancel());
    expect(answers).toEqual([{ id: part.approval?.id, approved: false, reason: cancelledReason }]);
    expect(hook.latest().state).toBe('failed');

    // A consent landing afterwards answers nothing more.
    await app.inbox.consent({ url: hook.latest().authorization?.url as string });
    await act(() => hook.latest().retry());
    expect(answers).toHaveLength(1);
  });

  it('works in the stop-condition flow: no approval to answer, onCompleted once', async () => {
    const part = await app.stopConditionPart('erin');
    stubPopups();
    let completed = 0;
    const answers: ToolApprovalResponse[] = [];
    const options: UseAuthorizationOptions = {
      part,
      statusUrl: app.statusUrl('erin'),
      addToolApprovalResponse: (response) => void answers.push(response),
      onCompleted: () => completed++,
    };
    const hook = await renderHook(options);
    expect(hook.latest().authorization?.url).toBeDefined();
    await act(async () => hook.latest().open());
    await app.inbox.consent({ url: hook.latest().authorization?.url as string });
    // The completed state renders first; onCompleted runs in the effect after that render.
    await until(() => expect(completed).toBe(1));
    expect(hook.latest().state).toBe('completed');
    for (let render = 0; render < 5; render++) await hook.rerender(options);
    expect(completed).toBe(1);
    expect(answers).toEqual([]);
  });

  it("fails, and answers nothing, when the route says the authorization is not the user's", async () => {
    const part = await app.approvalPart('frank');
    stubPopups();
    const answers: ToolApprovalResponse[] = [];
    const hook = await renderHook({
      part,
      statusUrl: app.statusUrl('mallory'),
      addToolApprovalResponse: (response) => void answers.push(response),
    });
    await until(() => expect(hook.latest().state).toBe('failed'));
    expect(hook.latest().error).toBe('No such authorization for this user.');
    expect(answers).toEqual([]);
  });
});

describe('AuthorizationCard', { timeout: 30_000 }, () => {
  it('is a named region with the actions, a live waiting status and, on failure, an alert', async () => {
    const part = await app.approvalPart('grace');
    stubPopups();
    await render(<AuthorizationCard part={part} statusUrl={app.statusUrl('grace')} />);
    const card = document.querySelector('section[aria-label="Authorize testkit"]') as HTMLElement;
    expect(card?.className).toBe('toolgrant-authorization-card');
    expect(card?.getAttribute('data-state')).toBe('idle');
    expect(card?.querySelector('h3')?.textContent).toBe('Inbox_ListMessages needs your permission');
    expect(card?.textContent).toContain('(inbox.read)');
    const buttons = [...(card?.querySelectorAll('button') ?? [])].map(
      (button) => button.textContent,
    );
    expect(buttons).toEqual(['Authorize testkit', 'Cancel']);

    await act(async () => (card.querySelector('button') as HTMLButtonElement).click());
    expect(card?.getAttribute('data-state')).toBe('waiting');
    expect(card?.querySelector('[role="status"]')?.textContent).toContain(
      'Waiting for you to approve',
    );

    await act(async () => (card.querySelectorAll('button')[1] as HTMLButtonElement).click());
    expect(card?.querySelector('[role="alert"]')?.textContent).toBe(
      'You cancelled the authorization.',
    );
  });

  it('renders your own markup from the render prop', async () => {
    const part = await app.approvalPart('heidi');
    await render(
      <AuthorizationCard part={part} statusUrl={app.statusUrl('heidi')}>
        {({ state, providerName, open }) => (
          <button type="button" data-state={state} onClick={open}>
            Connect {providerName}
          </button>
        )}
      </AuthorizationCard>,
    );
    expect(document.body.querySelector('section')).toBeNull();
    expect(document.body.querySelector('button')?.textContent).toBe('Connect testkit');
  });

  it('renders nothing for a part that asks for no authorization', async () => {
    await render(
      <AuthorizationCard
        part={{
          type: 'tool-Inbox_Greet',
          state: 'output-available',
          output: { status: 'completed' },
        }}
      />,
    );
    expect(document.body.textContent).toBe('');
  });
});
