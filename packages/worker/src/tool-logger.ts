// The logger a tool writes to. Entries end up in the execution's `output.logs`, which the
// application (not the model) sees, with the Arcade log levels.

/** The Arcade log levels a tool can write at. */
export type ToolLogLevel = 'debug' | 'info' | 'warning' | 'error';

/** One entry a tool logged. */
export interface ToolLog {
  level: ToolLogLevel;
  message: string;
}

/** The logger a tool writes to; entries go to the application, not the model. */
export interface ToolLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Past this many entries a runaway loop cannot grow the response without bound. */
const maxEntries = 1000;
const maxMessageLength = 10_000;

/** A tool logger and the list its entries go into, each message redacted first. */
export function createToolLogger({ redact = (text: string) => text } = {}): {
  logger: ToolLogger;
  logs: ToolLog[];
} {
  const logs: ToolLog[] = [];
  let dropped = 0;
  const write = (level: ToolLogLevel) => (message: string) => {
    if (logs.length >= maxEntries) {
      dropped += 1;
      logs[maxEntries - 1] = {
        level: 'warning',
        message: `${dropped + 1} further log entries were dropped (at most ${maxEntries} are kept).`,
      };
      return;
    }
    const text = redact(String(message));
    logs.push({
      level,
      message:
        text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}… (truncated)` : text,
    });
  };
  return {
    logger: {
      debug: write('debug'),
      info: write('info'),
      warn: write('warning'),
      error: write('error'),
    },
    logs,
  };
}
