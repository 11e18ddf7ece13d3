import { describe, expect, it } from 'vitest';
import { printBanner } from './print-banner.js';

describe('printBanner', () => {
  it('names the framework and the model, says how to sign in and what to ask', () => {
    let printed = '';
    printBanner({
      output: { write: (text: string) => (printed += text) },
      framework: 'Mastra',
      modelLabel: 'OpenAI gpt-4.1-mini',
      demoUser: { username: 'alice', password: 'alice-password' },
    });
    expect(printed).toBe(
      [
        'Toolgrant × Mastra — a terminal chat whose tools act for you.',
        'Model: OpenAI gpt-4.1-mini',
        'When asked to authorize, sign in at the demo provider as alice / alice-password.',
        "Try: What's in my inbox?   (exit, Ctrl-D or Ctrl-C to leave)",
        '',
      ].join('\n'),
    );
  });
});
