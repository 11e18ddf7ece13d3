import { ToolgrantError } from '@toolgrant/core';

/**
 * The message to print for a mistake the person running a script can fix: a Toolgrant error
 * (a variable not set, an invalid engine configuration; their messages say what to fix) or a
 * port in use. Undefined for anything else, which is better shown with its stack.
 */
export function scriptErrorMessage(error: unknown): string | undefined {
  if (ToolgrantError.isInstance(error)) return error.message;
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    const port = 'port' in error ? String(error.port) : 'the port';
    return `Port ${port} is in use: stop what is running there, or set PORT to another port.`;
  }
  return undefined;
}
