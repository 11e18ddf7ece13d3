import { scriptErrorMessage } from './script-error-message.js';

// How the serve-* scripts run: start, then close gracefully on Ctrl+C (SIGINT) or SIGTERM; a
// second signal exits at once. A startup mistake the user can fix is printed without a stack
// trace, with exit code 1.

type Server = { close(): Promise<void> };

export async function runServer(start: () => Promise<Server>): Promise<void> {
  let server: Server | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    // A signal during start is acted on once the server is up.
    if (server !== undefined) closeAndExit(server);
  };
  // Listening from the start: a signal that arrives while the server starts, or while it is
  // closing, must not end the process before `close` has finished.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  try {
    server = await start();
  } catch (error) {
    const message = scriptErrorMessage(error);
    if (message === undefined) throw error;
    console.error(message);
    process.exit(1);
  }
  if (stopping) closeAndExit(server);
}

function closeAndExit(server: Server): void {
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
