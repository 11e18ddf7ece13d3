import type { EngineUnderTest } from './engine-under-test.js';
import type { EngineLauncher } from './use-engine-with-provider.js';

/**
 * Starts an engine again where a stopped one ran, as a supervisor would: the same port (its
 * registered redirect URI), data directory, encryption key and API key.
 */
export function restartEngine(
  launcher: EngineLauncher,
  stopped: EngineUnderTest,
): Promise<EngineUnderTest> {
  return launcher.start({
    port: stopped.port,
    dataDirectory: stopped.dataDirectory,
    encryptionKey: stopped.encryptionKey,
    apiKey: stopped.apiKey,
  });
}
