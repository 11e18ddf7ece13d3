import path from 'node:path';
import { demoPrompt } from '@toolgrant/example-local-stack';
import { type ChatProcess, startChatProcess } from '@toolgrant/example-local-stack/testing';
import { completeConsent } from '@toolgrant/testkit';
import { afterEach, describe, expect, it } from 'vitest';

// `pnpm start` driven the way a person uses it: type, follow the link (the testkit signs in and
// answers the provider's consent page over HTTP), read the answer, leave.

const running: ChatProcess[] = [];

async function startChat(): Promise<ChatProcess> {
  const chat = await startChatProcess({
    exampleDirectory: path.resolve(import.meta.dirname, '..'),
  });
  running.push(chat);
  // tsx and the whole stack starting, on a busy two-core machine.
  await chat.waitFor(/you › $/, { timeoutMs: 90_000 });
  return chat;
}

async function readLink(chat: ChatProcess, from: number): Promise<string> {
  const stdout = await chat.waitFor(/Authorize demo-mail: (\S+)\n/, { from });
  return /Authorize demo-mail: (\S+)\n/.exec(stdout.slice(from))?.[1] ?? '';
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((chat) => chat.cleanUp()));
});

describe('the LangGraph terminal chat', () => {
  it('pauses for authorization, resumes after consent and answers from the inbox; exit ends it', async () => {
    const chat = await startChat();
    const banner = chat.stdout();
    expect(banner).toContain('Model: Scripted demo model (offline)');
    expect(banner).toContain('OPENAI_API_KEY or ANTHROPIC_API_KEY in .env');
    expect(banner).toContain('alice / alice-password');
    expect(banner).toContain(`Try: ${demoPrompt}`);

    let from = chat.stdout().length;
    chat.type('Tell me a joke');
    await chat.waitFor(/agent › I'm the scripted demo model[^\n]*\nyou › $/, { from });
    expect(chat.stdout().slice(from)).toContain(`Try “${demoPrompt}”`);

    from = chat.stdout().length;
    chat.type(demoPrompt);
    const authorizationUrl = await readLink(chat, from);
    // Paused: the run waits for the person, and no answer has been printed yet.
    await chat.waitFor(/Waiting for you to approve in the browser…\n/, { from });
    expect(chat.stdout().slice(from)).not.toContain('agent ›');

    const consent = await completeConsent({
      authorizationUrl,
      username: 'alice',
      password: 'alice-password',
    });
    expect(consent.callback?.status).toBe(200);
    await chat.waitFor(/Lunch on Thursday\?[\s\S]*\nyou › $/, { from });
    const turn = chat.stdout().slice(from);
    expect(turn).toContain('Authorized demo-mail.');
    expect(turn).toMatch(
      /agent › You have \d+ messages:\n- “Lunch on Thursday\?” from bob@example\.test/,
    );
    // Piped output stays plain: no spinner frames, no escape sequences.
    expect(turn).not.toContain('\r');
    expect(turn).not.toContain('\u001b');

    // Authorized now: the next question is answered without a link.
    from = chat.stdout().length;
    chat.type('Any new mail?');
    await chat.waitFor(/Lunch on Thursday\?[\s\S]*\nyou › $/, { from });
    expect(chat.stdout().slice(from)).not.toContain('Authorize demo-mail');

    const apiKey = await chat.apiKey();
    expect(apiKey.length).toBeGreaterThan(10);
    chat.type('exit');
    const [code] = await chat.exited;
    expect(code).toBe(0);
    expect(chat.stdout()).not.toContain(apiKey);
    expect(chat.stderr()).not.toContain(apiKey);
  }, 180_000);

  it('prints a declined authorization plainly and the chat goes on; Ctrl-C while waiting ends it', async () => {
    const chat = await startChat();

    let from = chat.stdout().length;
    chat.type(demoPrompt);
    const firstUrl = await readLink(chat, from);
    await completeConsent({
      authorizationUrl: firstUrl,
      username: 'alice',
      password: 'alice-password',
      approve: false,
    });
    await chat.waitFor(/Authorization failed: [^\n]*; ask again to retry\.\nyou › $/, { from });
    expect(chat.stdout().slice(from)).not.toContain('agent ›');

    // Asked again, the tool asks again: a new link.
    from = chat.stdout().length;
    chat.type(demoPrompt);
    const secondUrl = await readLink(chat, from);
    expect(secondUrl).not.toBe(firstUrl);
    await chat.waitFor(/Waiting for you to approve in the browser…\n/, { from });

    // Ctrl-C without a terminal: SIGINT to the process `pnpm start` runs (tsx passes it on).
    // In a terminal, readline reads Ctrl-C as a key instead.
    chat.child.kill('SIGINT');
    const [code] = await chat.exited;
    expect(code).toBe(0);
    // It stopped waiting, and closed the stack on its way out.
    expect(chat.stdout()).toMatch(/Stopped waiting\.\nBye\.\n$/);
    expect(chat.stdout()).not.toContain(await chat.apiKey());
  }, 180_000);

  it('ends cleanly on Ctrl-D (end of input)', async () => {
    const chat = await startChat();
    chat.child.stdin?.end();
    const [code] = await chat.exited;
    expect(code).toBe(0);
    expect(chat.stdout()).toContain('Bye.');
  }, 120_000);
});
