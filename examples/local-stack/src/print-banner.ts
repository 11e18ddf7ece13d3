import { demoPrompt } from './scripted-reply.js';
import type { TerminalOutput } from './terminal-output.js';

export interface PrintBannerOptions {
  output: TerminalOutput;
  /** What the chat is built on, as the title names it: `Mastra`. */
  framework: string;
  /** Which model answers (the chosen model's label). */
  modelLabel: string;
  /** Who to sign in as at the demo provider: the local stack's `demoUser`. */
  demoUser: { username: string; password: string };
}

/** What a terminal chat prints first: what it is, its model, how to sign in, what to ask. */
export function printBanner({ output, framework, modelLabel, demoUser }: PrintBannerOptions): void {
  output.write(
    [
      `Toolgrant × ${framework} — a terminal chat whose tools act for you.`,
      `Model: ${modelLabel}`,
      `When asked to authorize, sign in at the demo provider as ${demoUser.username} / ${demoUser.password}.`,
      `Try: ${demoPrompt}   (exit, Ctrl-D or Ctrl-C to leave)`,
      '',
    ].join('\n'),
  );
}
