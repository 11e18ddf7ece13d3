import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appDirectory,
  chromiumInstalled,
  chromiumPath,
  type RunningDemo,
  startDemo,
} from './browser-test-support.js';
import { ask, decideInPopup, launchChromium, openChat } from './chat-page.js';

// `pnpm demo --mcp` in a real browser: the chat adds the engine's own /mcp as an MCP server
// (CHAT_MCP_URL, and CHAT_MCP_HEADERS with the API key and `Arcade-User-ID: {userId}`), so the
// model calls `mcp_Inbox_ListMessages`. The engine asks for consent with URL-mode elicitation;
// the card shows it, the person consents at the provider in the popup, the popup closes and the
// card answers the approval; the paused call is retried with the server's request state.
// Its own dev server, beside browser.test.ts's (the MCP server comes from the environment).

const screenshots = path.join(appDirectory, 'test-results/screenshots');
const inCi = process.env.CI === 'true';
const describeWithBrowser = chromiumInstalled || inCi ? describe : describe.skip;

describeWithBrowser('the demo chat with an MCP server, in a browser', { timeout: 240_000 }, () => {
  let dataDirectory: string;
  let demo: RunningDemo;
  let browser: Browser;

  beforeAll(async () => {
    expect(
      chromiumInstalled,
      `chromium must be installed at ${chromiumPath} (apt-get install chromium)`,
    ).toBe(true);
    dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-demo-mcp-'));
    await mkdir(screenshots, { recursive: true });
    demo = await startDemo({ dataDirectory, mcp: true });
    browser = await launchChromium();
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.interrupt();
    await rm(dataDirectory, { recursive: true, force: true });
  });

  it('shows the MCP server’s consent card; after consent in the popup the call is retried and the inbox shown', async () => {
    expect(demo.output()).toMatch(/MCP\s+the engine's own http:\/\/\S+\/mcp, as mcp_\* tools/);
    const engineHost = new URL(/Engine\s+(http\S+)/.exec(demo.output())?.[1] as string).host;
    const page = await openChat({ browser, url: demo.url });
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

    await ask(page, "What's in my inbox?");
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
});
