import type { EngineLogger } from '../shared/engine-logger.js';
import type { CliOutput } from './cli-output.js';

// The engine's log on stderr, one line per entry, so stdout keeps only what the command
// prints for its user. Callers never pass secrets in messages or fields.

const levels = ['debug', 'info', 'warn', 'error'] as const;
/** The log levels the CLI accepts in `--log-level`. */
export type CliLogLevel = (typeof levels)[number];

/** An engine logger that writes one line per entry to stderr, at or above `level`. */
export function createCliLogger({
  output,
  level,
}: {
  output: CliOutput;
  /** The least severe level written. */
  level: CliLogLevel;
}): EngineLogger {
  const threshold = levels.indexOf(level);
  const write =
    (entryLevel: CliLogLevel) => (message: string, fields?: Record<string, unknown>) => {
      if (levels.indexOf(entryLevel) < threshold) return;
      const details = fields === undefined ? '' : ` ${JSON.stringify(fields)}`;
      output.stderr.write(`[toolgrant] ${entryLevel}: ${message}${details}\n`);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
