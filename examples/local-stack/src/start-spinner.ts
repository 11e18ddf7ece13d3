import type { TerminalOutput } from './terminal-output.js';

// Something moving while the chat waits for the person to approve in their browser. Piped
// output (a log, a test) gets the text once, on its own line, with no control characters.

export interface Spinner {
  /** Stops the spinner and leaves `line` (what came of the wait) in its place. */
  stop(line: string): void;
}

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const frameIntervalMs = 80;
// Back to the start of the line, then erase it.
const clearLine = '\r\u001b[2K';

export function startSpinner({ output, text }: { output: TerminalOutput; text: string }): Spinner {
  if (!output.isTTY) {
    output.write(`${text}\n`);
    return { stop: (line) => output.write(`${line}\n`) };
  }
  let frame = 0;
  const draw = () => {
    output.write(`${clearLine}${frames[frame % frames.length]} ${text}`);
    frame += 1;
  };
  draw();
  // Only redraws; the wait itself is a long poll at the engine.
  const timer = setInterval(draw, frameIntervalMs);
  return {
    stop(line) {
      clearInterval(timer);
      output.write(`${clearLine}${line}\n`);
    },
  };
}
