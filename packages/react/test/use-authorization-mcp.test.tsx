import { act } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthorizationCard,
  type ToolApprovalResponse,
  type UseAuthorizationOptions,
} from '../src/index.js';
import { type AuthorizationApp, startAuthorizationApp } from './authorization-app.js';
import { cleanUp, render, renderHook, stubPopups, until } from './react-harness.js';

// An MCP server's consent: the engine's own `/mcp` asks for it (URL mode, 2026-07-28), and the
// person consents at the testkit provider through the link the hook opened. There is no status
// to follow: the popup closing, or the person saying they are done, answers the approval.

let app: AuthorizationApp;
beforeAll(async () => {
  app = await startAuthorizationApp();
}, 30_000);
afterAll(() => app?.close());

afterEach(cleanUp);

describe("useAuthorization with an MCP server's consent", { timeout: 30_000 }, () => {
  it('asks the status route nothing; the popup closing after consent answers the approval exactly once', async () => {
    const part = await app.mcpApprovalPart('mcp-alice');
    const statusRequestsBefore = app.statusRequests();
    const { opened, popup } = stubPopups();
    const answers: ToolApprovalResponse[] = [];
    const options: UseAuthorizationOptions = {
      part,
      statusUrl: app.statusUrl('mcp-alice'),
      addToolApprovalResponse: (response) => void answers.push(response),
    };
    const hook = await renderHook(options);
    const engineHost = new URL(app.inbox.url).host;
    expect(hook.latest()).toMatchObject({
      isMcp: true,
      state: 'idle',
      toolName: 'engine_Inbox_ListMessages',
      // Where the link goes, as the MCP rules for URLs ask to show.
      providerName: engineHost,
    });
    expect(hook.latest().authorization?.mcp?.era).toBe('2026-07-28');

    await act(async () => hook.latest().open());
    const url = hook.latest().authorization?.url as string;
    // Opened blank and cut off from this page, then sent to the link: the MCP server's pages
    // get no handle on the chat's window. The engine's page finds it by its name.
    expect(opened).toEqual([{ url: '', name: '_blank' }]);
    expect(popup).toMatchObject({ opener: null, name: 'toolgrant-authorization' });
    expect(popup.location.href).toBe(url);
    expect(hook.latest().state).toBe('waiting');

    await app.inbox.consent({ url });
    // Consent alone answers nothing: the popup is still open.
    expect(answers).toEqual([]);
    // The engine's page closes its window once the user is connected.
    popup.close();
    await until(() => expect(answers).toEqual([{ id: part.approval?.id, approved: true }]));
    expect(hook.latest().state).toBe('completed');
    for (let render = 0; render < 5; render++) await hook.rerender(options);
    expect(answers).toHaveLength(1);
    expect(app.statusRequests()).toBe(statusRequestsBefore);
  });

  it('confirm() answers once where the popup could not be followed (this page went to the server)', async () => {
    const part = await app.mcpApprovalPart('mcp-bob');
    const { assigned } = stubPopups({ blocked: true });
    const answers: ToolApprovalResponse[] = [];
    const hook = await renderHook({
      part,
      statusUrl: app.statusUrl('mcp-bob'),
      addToolApprovalResponse: (response) => void answers.push(response),
    });
    await act(async () => hook.latest().open());
    expect(assigned).toEqual([hook.latest().authorization?.url]);
    expect(hook.latest().state).toBe('waiting');

    await act(async () => hook.latest().confirm());
    await act(async () => hook.latest().confirm());
    expect(answers).toEqual([{ id: part.approval?.id, approved: true }]);
    expect(hook.latest().state).toBe('completed');
  });

  it('calls onCompleted once in the stop-condition flow when the popup closes', async () => {
    const part = await app.mcpStopConditionPart('mcp-carol');
    const { popup } = stubPopups();
    let completed = 0;
    const hook = await renderHook({
      part,
      statusUrl: app.statusUrl('mcp-carol'),
      onCompleted: () => completed++,
    });
    expect(hook.latest().isMcp).toBe(true);
    await act(async () => hook.latest().open());
    popup.close();
    await until(() => expect(completed).toBe(1));
    expect(hook.latest().state).toBe('completed');
  });

  it("leaves an engine's authorization to the long-poll: confirm() does nothing there", async () => {
    const part = await app.approvalPart('mcp-dave');
    const answers: ToolApprovalResponse[] = [];
    const hook = await renderHook({
      part,
      statusUrl: app.statusUrl('mcp-dave'),
      addToolApprovalResponse: (response) => void answers.push(response),
    });
    expect(hook.latest().isMcp).toBe(false);
    await act(async () => hook.latest().confirm());
    expect(hook.latest().state).toBe('idle');
    expect(answers).toEqual([]);
  });
});

describe("AuthorizationCard with an MCP server's consent", { timeout: 30_000 }, () => {
  it('names the host the link opens, shows the server’s message, and continues on "I’ve approved — continue"', async () => {
    const part = await app.mcpApprovalPart('mcp-erin');
    stubPopups();
    const answers: ToolApprovalResponse[] = [];
    await render(
      <AuthorizationCard
        part={part}
        statusUrl={app.statusUrl('mcp-erin')}
        addToolApprovalResponse={(response) => void answers.push(response)}
      />,
    );
    const host = new URL(app.inbox.url).host;
    const card = document.querySelector(`section[aria-label="Authorize ${host}"]`) as HTMLElement;
    expect(card?.getAttribute('data-state')).toBe('idle');
    expect(card.querySelector('h3')?.textContent).toBe(
      'engine_Inbox_ListMessages needs your permission',
    );
    const text = card.querySelector('p')?.textContent;
    expect(text).toContain('Inbox_ListMessages needs your authorization at testkit');
    expect(text).toContain(`The link opens ${host}.`);
    const buttons = () => [...card.querySelectorAll('button')];
    expect(buttons().map((button) => button.textContent)).toEqual([
      `Authorize ${host}`,
      'I’ve approved — continue',
      'Cancel',
    ]);

    await act(async () => buttons()[0]?.click());
    expect(card.querySelector('[role="status"]')?.textContent).toContain(
      'The chat continues when that window closes.',
    );
    await act(async () => buttons()[1]?.click());
    expect(answers).toEqual([{ id: part.approval?.id, approved: true }]);
    expect(card.getAttribute('data-state')).toBe('completed');
    expect(card.querySelector('h3')?.textContent).toBe(`Continuing with ${host}`);
  });
});
