import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumPath } from './browser-test-support.js';

// A person at the chat in Debian's chromium: a fresh profile per conversation, the message box,
// and the provider's sign-in and consent pages in the popup.

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
    ],
  });
}

/** The chat in a new browser profile: a new end user with nothing authorized yet. */
export async function openChat({ browser, url }: { browser: Browser; url: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  // Every wait fails on its own, naming the step, well before the test's time limit.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('main[data-hydrated]').waitFor();
  return page;
}

export async function ask(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** Signs in at the provider if it asks, then allows or denies on its consent page. */
export async function decideInPopup(
  popup: Page,
  decision: 'Allow' | 'Deny',
  beforeDecision?: () => Promise<void>,
) {
  const username = popup.getByLabel('Username');
  const decisionButton = popup.getByRole('button', { name: decision });
  // Signed in at the provider already (an earlier attempt), the popup opens on the consent page.
  await username.or(decisionButton).first().waitFor();
  if (await username.isVisible()) {
    await username.fill('alice');
    await popup.getByLabel('Password').fill('alice-password');
    await popup.getByRole('button', { name: 'Sign in' }).click();
  }
  await decisionButton.waitFor();
  await beforeDecision?.();
  await decisionButton.click();
}
