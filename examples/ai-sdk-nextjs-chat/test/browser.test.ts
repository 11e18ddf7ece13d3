import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoMcpPrompt } from '@toolgrant/example-local-stack/scripted-model';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appDirectory,
  chromiumInstalled,
  chromiumPath,
  type RunningDemo,
  startDemo,
} from './browser-test-support.js';
import { ask, decideInPopup, launchChromium, openChat as openChatPage } from './chat-page.js';

// The README's demo in a real browser: Debian's chromium driven by playwright-core. A person
// asks the chat about their inbox, authorizes at the provider's real login and consent pages
// in the popup, and the conversation continues by itself with the protected data. The card,
// the popup and the long-poll are @toolgrant/react's; the route is @toolgrant/ai-sdk's
// `createAuthorizationStatusHandler`.
//
// The demo runs as `pnpm demo --mcp`: the chat also offers the engine's own /mcp as an MCP
// server, whose tools the scripted model calls when asked for MCP (one dev server for both
// paths keeps this suite's time). Asked through MCP, the model calls `mcp_Inbox_ListMessages`
// and the consent card is the MCP server's; every other case runs on the engine's REST API.

const screenshots = path.join(appDirectory, 'test-results/screenshots');
const prompt = "What's in my inbox?";
const inCi = process.env.CI === 'true';

// In CI the browser is installed by .ci/run, and a missing one fails the test below. Elsewhere
// the suite says why it does not run.
const describeWithBrowser = chromiumInstalled || inCi ? describe : describe.skip;
if (!chromiumInstalled && !inCi) {
  console.warn(`Browser tests skipped: no chromium at ${chromiumPath} (apt-get install chromium).`);
}

describeWithBrowser('the demo chat in a browser', { timeout: 240_000 }, () => {
  let dataDirectory: string;
  let demo: RunningDemo;
  let browser: Browser;

  beforeAll(async () => {
    expect(
      chromiumInstalled,
      `chromium must be installed at ${chromiumPath} (apt-get install chromium)`,
    ).toBe(true);
    dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-demo-'));
    await mkdir(screenshots, { recursive: true });
    demo = await startDemo({ dataDirectory, mcp: true });
    browser = await launchChromium();
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.interrupt();
    await rm(dataDirectory, { recursive: true, force: true });
  });

  const openChat = () => openChatPage({ browser, url: demo.url });

  /**
   * Clicks the card's button and decides in the provider's window: a new popup, or — given
   * one — the same window, which the card reuses by name.
   */
  async function authorizeInPopup(
    page: Page,
    decision: 'Allow' | 'Deny',
    {
      button = 'Authorize demo-mail',
      popup: reused,
      beforeDecision,
    }: { button?: string; popup?: Page; beforeDecision?: () => Promise<void> } = {},
  ) {
    const popupOpened = reused ? Promise.resolve(reused) : page.waitForEvent('popup');
    await page.getByRole('button', { name: button }).click();
    const popup = await popupOpened;
    await decideInPopup(popup, decision, beforeDecision);
    return popup;
  }

  it('pauses at an authorization card, continues by itself after consent in the popup, and shows the inbox', async () => {
    const page = await openChat();
    await expect
      .poll(() => page.locator('.model').textContent())
      .toContain('Scripted demo model (offline)');

    await ask(page, prompt);
    const card = page.getByRole('region', { name: 'Authorize demo-mail' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Inbox_ListMessages needs your permission');
    await page.screenshot({ path: path.join(screenshots, 'authorization-card.png') });

    const popup = await authorizeInPopup(page, 'Allow', {
      // While the provider's page is open, the card says it is waiting.
      beforeDecision: async () => {
        await card.getByRole('status').getByText('Waiting for you to approve').waitFor();
        await page.screenshot({ path: path.join(screenshots, 'waiting.png') });
      },
    });
    // The engine's page says so in words, then the popup closes itself.
    const closed = popup.waitForEvent('close');
    await popup.getByText('You are connected').waitFor();
    expect(await popup.locator('body').textContent()).not.toContain('authorization_completed');
    await closed;

    // No click on the page: the card's long-poll sees the completion and the chat goes on.
    // The answer streams in word by word: wait for its last line.
    const answer = page
      .locator('.message.assistant .text')
      .filter({ hasText: '“Your invoice for January” from billing@example.test' });
    await answer.waitFor();
    expect(await answer.textContent()).toContain('You have 2 messages');
    expect(await answer.textContent()).toContain('“Lunch on Thursday?” from bob@example.test');
    await expect.poll(() => card.count()).toBe(0);
    expect(await page.locator('.tool-call').first().getAttribute('data-state')).toBe(
      'output-available',
    );
    await page.screenshot({ path: path.join(screenshots, 'final-answer.png'), fullPage: true });

    const apiKey = (await readFile(path.join(dataDirectory, 'api-key'), 'utf8')).trim();
    expect(await page.content()).not.toContain(apiKey);
    await page.context().close();
  });

  it('shows a denied authorization plainly, and Try again opens a new one that completes', async () => {
    const page = await openChat();
    await ask(page, prompt);
    const card = page.getByRole('region', { name: 'Authorize demo-mail' });
    await card.waitFor();

    const popup = await authorizeInPopup(page, 'Deny');
    const failure = card.getByRole('alert');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('did not go through');
    // The provider's answer in words, not its error code.
    await popup.getByText('Access was not granted').waitFor();
    expect(await popup.locator('body').textContent()).not.toContain('provider_error');
    await page.screenshot({ path: path.join(screenshots, 'authorization-failed.png') });

    const closed = popup.waitForEvent('close');
    await authorizeInPopup(page, 'Allow', { button: 'Try again', popup });
    await closed;
    await page
      .locator('.message.assistant .text')
      .filter({ hasText: '“Your invoice for January” from billing@example.test' })
      .waitFor();
    await page.context().close();
  });

  it('Cancel ends the call without running it, and the model is told so', async () => {
    const page = await openChat();
    await ask(page, prompt);
    const card = page.getByRole('region', { name: 'Authorize demo-mail' });
    await card.waitFor();

    await card.getByRole('button', { name: 'Cancel' }).click();

    await page.locator('.tool-call[data-state="output-denied"]').waitFor();
    // The answer streams in word by word: wait for all of it.
    const answer = page.locator('.message.assistant .text').last();
    await expect
      .poll(() => answer.textContent())
      .toContain('The user cancelled the authorization.');
    expect(await answer.textContent()).toContain('The call was not run');
    await page.context().close();
  });

  it('keeps the conversation across a reload, and a consent completed afterwards resumes it', async () => {
    const page = await openChat();
    await ask(page, prompt);
    const card = page.getByRole('region', { name: 'Authorize demo-mail' });
    await card.waitFor();
    const popupOpened = page.waitForEvent('popup');
    await card.getByRole('button', { name: 'Authorize demo-mail' }).click();
    const popup = await popupOpened;

    await page.reload();
    await page.locator('main[data-hydrated]').waitFor();
    await card.waitFor();
    expect(await page.locator('.message.user').textContent()).toBe(prompt);

    // Consent in the popup opened before the reload: the reloaded page's card sees it.
    await decideInPopup(popup, 'Allow');
    await page
      .locator('.message.assistant .text')
      .filter({ hasText: '“Your invoice for January” from billing@example.test' })
      .waitFor();

    // And the answer is kept too.
    await page.reload();
    await page.locator('main[data-hydrated]').waitFor();
    await page
      .locator('.message.assistant .text')
      .filter({ hasText: 'You have 2 messages' })
      .waitFor();
    await page.context().close();
  });

  it("does not let a second user read the first user's authorization status through the route", async () => {
    const first = await openChat();
    const statusRequest = first.waitForRequest((request) =>
      request.url().includes('/api/toolgrant/authorization?id='),
    );
    await ask(first, prompt);
    await first.getByRole('region', { name: 'Authorize demo-mail' }).waitFor();
    const statusUrl = (await statusRequest).url();
    // The route, with that browser's cookies. One connection per request: next dev closes idle
    // keep-alive sockets, and a request on one it just closed is reset (ECONNRESET).
    const askAs = (page: Page) =>
      page.context().request.get(statusUrl, { headers: { connection: 'close' } });

    const second = await openChat();
    const asSecond = await askAs(second);
    expect(asSecond.status()).toBe(404);
    expect(await asSecond.json()).toEqual({ error: 'No such authorization for this user.' });
    // From the second user's page, as its own script would ask.
    expect(await second.evaluate(async (url) => (await fetch(url)).status, statusUrl)).toBe(404);

    // Still nothing once the first user has consented; the first user reads "completed".
    const popup = await authorizeInPopup(first, 'Allow');
    await popup.waitForEvent('close');
    expect((await askAs(second)).status()).toBe(404);
    expect(await (await askAs(first)).json()).toMatchObject({
      status: 'completed',
    });
    await first.context().close();
    await second.context().close();
  });

  it('shows the MCP server’s consent card; after consent in the popup the call is retried and the inbox shown', async () => {
    expect(demo.output()).toContain(`ask “${demoMcpPrompt}”`);
    const engineHost = new URL(/Engine\s+(http\S+)/.exec(demo.output())?.[1] as string).host;
    const page = await openChat();
    // What the browser receives from the chat route, and whether the card asks the status route.
    const chatBodies: Promise<string>[] = [];
    const statusRequests: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/chat') chatBodies.push(response.text());
    });
    page.on('request', (request) => {
      if (request.url().includes('/api/toolgrant/authorization'))
        statusRequests.push(request.url());
    });

    await ask(page, demoMcpPrompt);
    // The card names the host the link opens (the MCP rules for URLs) and the server's message.
    const card = page.getByRole('region', { name: `Authorize ${engineHost}` });
    await card.waitFor();
    const cardText = await card.textContent();
    expect(cardText).toContain('mcp_Inbox_ListMessages needs your permission');
    expect(cardText).toContain('Inbox_ListMessages needs your authorization at demo-mail');
    expect(cardText).toContain(`The link opens ${engineHost}.`);
    await card.getByRole('button', { name: 'I’ve approved — continue' }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'mcp-authorization-card.png') });

    const popupOpened = page.waitForEvent('popup');
    await card.getByRole('button', { name: `Authorize ${engineHost}` }).click();
    const popup = await popupOpened;
    const closed = popup.waitForEvent('close');
    await decideInPopup(popup, 'Allow', async () => {
      await card
        .getByRole('status')
        .getByText('The chat continues when that window closes.')
        .waitFor();
      // The pages after the MCP server's link get no handle on the chat's window.
      expect(await popup.evaluate(() => window.opener === null)).toBe(true);
    });
    // The engine's page closes itself once the person is connected; the card sees it close.
    await closed;

    const answer = page
      .locator('.message.assistant .text')
      .filter({ hasText: '“Your invoice for January” from billing@example.test' });
    await answer.waitFor();
    expect(await answer.textContent()).toContain('You have 2 messages');
    const toolCall = page.locator('.tool-call').first();
    expect(await toolCall.locator('code').first().textContent()).toBe('mcp_Inbox_ListMessages');
    expect(await toolCall.getAttribute('data-state')).toBe('output-available');
    await page.screenshot({ path: path.join(screenshots, 'mcp-final-answer.png'), fullPage: true });

    // Completion came from the popup, not from the engine's status (an MCP server has none).
    expect(statusRequests).toEqual([]);
    // Neither the page nor anything the chat route streamed holds the API key or a bearer header.
    const apiKey = (await readFile(path.join(dataDirectory, 'api-key'), 'utf8')).trim();
    const seen = [await page.content(), ...(await Promise.all(chatBodies))].join('\n');
    expect(chatBodies.length).toBeGreaterThanOrEqual(2);
    expect(seen).not.toContain(apiKey);
    expect(seen).not.toMatch(/bearer/i);
    await page.context().close();
  });

  it('stops cleanly on Ctrl-C', async () => {
    expect(await demo.interrupt()).toBe(0);
    expect(demo.output()).toContain('Stopped.');
    await expect(fetch(demo.url)).rejects.toThrow();
  });
});
