import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidEncryptionKeyError } from './invalid-encryption-key-error.js';
import { encryptionKeyEnvironmentVariable, parseEncryptionKey } from './parse-encryption-key.js';

export const generatedKeyFileName = 'encryption-key';

/**
 * The encryption key `loadEncryptionKey` found or generated, with a warning to log when it
 * generated one.
 */
export type LoadedEncryptionKey = {
  key: Buffer;
  /** Where the key came from: the variable, or a key file in the data directory (dev mode). */
  source: 'environment' | 'generated' | 'key_file';
  /** For the caller to log; set whenever the key is not from the variable. Never contains the key. */
  warning: string | undefined;
};

/**
 * The key from `TOOLGRANT_ENCRYPTION_KEY` (or `encryptionKey`). In dev mode without one, a key
 * is generated once into `<dataDirectory>/encryption-key` (permissions 0600) and reused.
 */
export async function loadEncryptionKey({
  encryptionKey = process.env[encryptionKeyEnvironmentVariable],
  dataDirectory,
  devMode,
}: {
  encryptionKey?: string | undefined;
  dataDirectory?: string;
  devMode: boolean;
}): Promise<LoadedEncryptionKey> {
  if (encryptionKey !== undefined && encryptionKey !== '') {
    return {
      key: parseEncryptionKey({ value: encryptionKey }),
      source: 'environment',
      warning: undefined,
    };
  }
  if (!devMode || dataDirectory === undefined) {
    throw new InvalidEncryptionKeyError({
      environmentVariableName: encryptionKeyEnvironmentVariable,
      problem: devMode
        ? 'is not set and there is no data directory to generate one into'
        : 'is not set (only dev mode, devMode: true or `toolgrant serve --dev`, generates a key by itself, for local development)',
    });
  }

  const keyFile = path.join(dataDirectory, generatedKeyFileName);
  const existing = await readKeyFile(keyFile);
  if (existing !== undefined) {
    const key = parseEncryptionKey({ value: existing.text, environmentVariableName: keyFile });
    const loose = (existing.mode & 0o077) !== 0;
    return {
      key,
      source: 'key_file',
      warning:
        `Dev mode: using the encryption key generated in ${keyFile}` +
        (loose
          ? ` (its permissions ${(existing.mode & 0o777).toString(8)} let others read it; chmod 600 it)`
          : '') +
        `. Set ${encryptionKeyEnvironmentVariable} in production.`,
    };
  }

  await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    // `wx`: two processes starting at once must not each write their own key.
    await writeFile(keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return loadEncryptionKey({ encryptionKey, dataDirectory, devMode });
    }
    throw error;
  }
  return {
    key,
    source: 'generated',
    warning:
      `Dev mode: ${encryptionKeyEnvironmentVariable} is not set, so a new encryption key was generated ` +
      `into ${keyFile} (permissions 0600). Back it up with the database: without it the stored ` +
      `credentials cannot be read. Set ${encryptionKeyEnvironmentVariable} in production.`,
  };
}

async function readKeyFile(keyFile: string): Promise<{ text: string; mode: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(keyFile, 'utf8'), stat(keyFile)]);
    return { text, mode: info.mode };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
