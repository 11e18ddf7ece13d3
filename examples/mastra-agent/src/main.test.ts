import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoPrompt } from '@toolgrant/example-local-stack';
import { completeConsent, type DemoUser, demoUsers } from '@toolgrant/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChatProcess, startChatProcess } from '../test/chat-process.js';

// `pnpm start` driven as a person would: type at the prompt, open the link (here: sign in and
// consent over HTTP at the provider's real pages), read the answer.

const alice = demoUsers[0] as DemoUser;

let dataDirectory: string;
let chat: ChatProcess | undefined;

beforeEach(async () => {
  dataDirectory = await mkdtemp(path.join(tmpdir(), 'toolgrant-mastra-agent-'));
});

afterEach(async () => {
  if (chat && chat.child.exitCode === null) {
    chat.child.kill('SIGKILL');
    await chat.exitCode;
  }
  chat = undefined;
  await rm(dataDirectory, { recursive: true, force: true });
});

/** The authorization link the chat printed, once it is waiting for the approval. */
async function askForInbox(chat: ChatProcess): Promise<string> {
  chat.type(demoPrompt);
  const [, url] = await chat.next(/Authorize demo-mail: (\S+)\n/);
  await chat.next('Waiting for you to approve in the browser…\n');
  return url as string;
}

async function expectAliceInbox(chat: ChatProcess) {
  const lines = alice.inbox.map((message) => `- “${message.subject}” from ${message.from}`);
  const answer = `agent › You have ${alice.inbox.length} messages:\n${lines.join('\n')}\n`;
  await chat.next(answer);
}

function expectPlainText(text: string) {
  const controls = [...text].filter((character) => {
    const code = character.charCodeAt(0);
    return (code < 32 && character !== '\n') || code === 127;
  });
  expect(controls).toEqual([]);
}

describe('the terminal chat (scripted model, piped)', () => {
  it('suspends for consent, prints the link, waits, resumes and prints the inbox; exit ends it with 0', async () => {
    chat = startChatProcess({ dataDirectory });
    await chat.next(
      'Model: Scripted demo model (offline) — set OPENAI_API_KEY or ANTHROPIC_API_KEY in .env for a real one\n',
    );
    await chat.next('sign in at the demo provider as alice / alice-password');
    await chat.next(`Try: ${demoPrompt}`);
    await chat.next('you › ');

    chat.type('Write me a poem');
    await chat.next(/agent › I'm the scripted demo model[^\n]*“What's in my inbox\?”[^\n]*\n/);
    await chat.next('you › ');

    const url = await askForInbox(chat);
    expect(url.startsWith('http://127.0.0.1:')).toBe(true);
    const consent = await completeConsent({
      authorizationUrl: url,
      username: alice.username,
      password: alice.password,
    });
    expect(consent.callback?.status).toBe(200);
    await chat.next('Authorized demo-mail.\n');
    await expectAliceInbox(chat);

    // Authorized now: the next question runs the tool at once, with no link.
    await chat.next('you › ');
    chat.type('Any new mail?');
    await expectAliceInbox(chat);
    await chat.next('you › ');
    chat.type('exit');
    expect(await chat.exitCode).toBe(0);

    const printed = chat.output();
    expect(printed.match(/Authorize demo-mail/g)).toHaveLength(1);
    expectPlainText(printed);
    const apiKey = (await readFile(path.join(dataDirectory, 'engine', 'api-key'), 'utf8')).trim();
    expect(apiKey).toMatch(/^tg_/);
    expect(printed).not.toContain(apiKey);
    expect(printed).not.toMatch(/bearer|access_token|refresh_token/i);
  }, 180_000);

  it('prints a denied consent plainly and goes on; asking again works; Ctrl-D ends it with 0', async () => {
    chat = startChatProcess({ dataDirectory });
    await chat.next('you › ');

    const deniedUrl = await askForInbox(chat);
    const denial = await completeConsent({
      authorizationUrl: deniedUrl,
      username: alice.username,
      password: alice.password,
      approve: false,
    });
    expect(denial.error).toBe('access_denied');
    await chat.next(
      'Authorization failed: it was declined, or the provider returned an error; ask again to retry.\n',
    );
    // The run was resumed: the model read that the tool did not run, and told the person so in
    // words for them, not the error text written for the model.
    await chat.next(
      'agent › I could not read your inbox: the authorization of demo-mail did not go through, so nothing was read. Ask me again when you want to try once more.\n',
    );
    await chat.next('you › ');
    expect(chat.output()).not.toContain('TOOL_AUTHORIZATION_NOT_COMPLETED');

    const url = await askForInbox(chat);
    expect(url).not.toBe(deniedUrl);
    await completeConsent({
      authorizationUrl: url,
      username: alice.username,
      password: alice.password,
    });
    await expectAliceInbox(chat);
    await chat.next('you › ');
    chat.child.stdin.end();
    expect(await chat.exitCode).toBe(0);
  }, 180_000);

  it('Ctrl-C while waiting for the approval stops the wait and ends with 0', async () => {
    chat = startChatProcess({ dataDirectory });
    await chat.next('you › ');
    await askForInbox(chat);
    chat.child.kill('SIGINT');
    expect(await chat.exitCode).toBe(0);
    await chat.next('Bye.\n');
  }, 180_000);
});
