// Where the HTTP layer reports what the caller must not see (an internal error's details).
// Callers pass only messages built from non-secret values.

/** Where the engine logs; messages and fields never carry a secret. */
export interface EngineLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Logs warnings and errors to the console; quiet otherwise. */
export const consoleEngineLogger: EngineLogger = {
  debug() {},
  info() {},
  warn(message, fields) {
    console.warn(`[toolgrant] ${message}`, ...(fields ? [fields] : []));
  },
  error(message, fields) {
    console.error(`[toolgrant] ${message}`, ...(fields ? [fields] : []));
  },
};
