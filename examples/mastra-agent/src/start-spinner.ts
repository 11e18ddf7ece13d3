import type { TerminalOutput } from './terminal-output.js';

// A spinner for a terminal; elsewhere (piped or redirected output) one plain line, with no
// control characters, so a transcript stays readable.

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const frameMs = 80;
const clearLine = '\r\x1b[2K';

export interface Spinner {
  /** Removes the spinner (in a terminal) so the next line starts clean. */
  stop(): void;
}

export function startSpinner({ output, text }: { output: TerminalOutput; text: string }): Spinner {
  if (!output.isTTY) {
    output.write(`${text}\n`);
    return { stop() {} };
  }
  let frame = 0;
  const draw = () => output.write(`${clearLine}${frames[frame++ % frames.length]} ${text}`);
  draw();
  // Only redraws; the wait itself is a long poll at the engine.
  const timer = setInterval(draw, frameMs);
  return {
    stop() {
      clearInterval(timer);
      output.write(clearLine);
    },
  };
}
