import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

// The API key of an engine started without one: generated once into the data directory
// (permissions 0600) and read back on every start, so clients keep working across restarts.

export const generatedApiKeyFileName = 'api-key';

/** The engine's generated API key: read from the data directory, or created there on first start. */
export async function loadGeneratedApiKey({
  dataDirectory,
}: {
  dataDirectory: string;
}): Promise<{ apiKey: string; file: string; created: boolean }> {
  const file = path.join(dataDirectory, generatedApiKeyFileName);
  const existing = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
  if (existing !== undefined && existing !== '') return { apiKey: existing, file, created: false };

  await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
  const apiKey = `tg_${randomBytes(24).toString('base64url')}`;
  try {
    // `wx`: of two engines starting at once on one directory, the second reads the first's key.
    await writeFile(file, `${apiKey}\n`, { mode: 0o600, flag: existing === '' ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return loadGeneratedApiKey({ dataDirectory });
    throw error;
  }
  return { apiKey, file, created: true };
}
