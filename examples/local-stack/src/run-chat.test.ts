import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptText, runChat } from './run-chat.js';

// The loop with a stand-in terminal: readline in terminal mode reads keys from it, so Ctrl-C
// (\x03) and Ctrl-D (\x04) arrive as a person's keys do.

function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  let printed = '';
  output.setEncoding('utf8').on('data', (text: string) => {
    printed += text;
  });
  return { input, output, printed: () => printed, press: (keys: string) => input.write(keys) };
}

function untilCalled() {
  let resolve: () => void = () => {};
  const called = new Promise<void>((done) => {
    resolve = done;
  });
  return { called, resolve };
}

describe('runChat', () => {
  it('runs a turn per line, prints a failed turn and goes on, and ends on exit', async () => {
    const terminal = fakeTerminal();
    const heard: string[] = [];
    const chat = runChat({
      ...terminal,
      respond: async (text) => {
        heard.push(text);
        if (text === 'break') throw new Error('the engine is unreachable');
      },
    });
    terminal.press('hello\r');
    terminal.press('   \r');
    terminal.press('break\r');
    terminal.press('again\r');
    terminal.press('exit\r');
    await chat;
    expect(heard).toEqual(['hello', 'break', 'again']);
    expect(terminal.printed()).toContain('Error: the engine is unreachable');
    expect(terminal.printed()).toContain(promptText);
  });

  it('ends on Ctrl-D', async () => {
    const terminal = fakeTerminal();
    const chat = runChat({ ...terminal, respond: async () => {} });
    terminal.press('\u0004');
    await expect(chat).resolves.toBeUndefined();
  });

  it('cuts a turn short on Ctrl-C and ends', async () => {
    const terminal = fakeTerminal();
    const started = untilCalled();
    let aborted = false;
    const chat = runChat({
      ...terminal,
      respond: (_text, signal) =>
        new Promise((_resolve, reject) => {
          started.resolve();
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(signal.reason);
          });
        }),
    });
    terminal.press('wait for me\r');
    await started.called;
    terminal.press('\u0003');
    await chat;
    expect(aborted).toBe(true);
    expect(terminal.printed()).not.toContain('Error:');
  });

  it('ends when its signal aborts (SIGINT without a terminal)', async () => {
    const terminal = fakeTerminal();
    const interrupted = new AbortController();
    const started = untilCalled();
    const chat = runChat({
      ...terminal,
      signal: interrupted.signal,
      respond: (_text, signal) =>
        new Promise((_resolve, reject) => {
          started.resolve();
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    });
    terminal.press('wait for me\r');
    await started.called;
    interrupted.abort();
    await expect(chat).resolves.toBeUndefined();
  });
});
