import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatedKeyFileName, loadEncryptionKey } from './load-encryption-key.js';

describe('loadEncryptionKey', () => {
  let parent: string;
  let dataDirectory: string;

  beforeEach(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'toolgrant-key-'));
    dataDirectory = path.join(parent, 'data');
  });
  afterEach(() => rm(parent, { recursive: true, force: true }));

  it('takes the key from TOOLGRANT_ENCRYPTION_KEY without a warning', async () => {
    const key = randomBytes(32);
    const loaded = await loadEncryptionKey({
      encryptionKey: key.toString('base64'),
      dataDirectory,
      devMode: true,
    });
    expect(loaded).toEqual({ key, source: 'environment', warning: undefined });
  });

  it('in dev mode generates a key into the data directory (0600) once, then reuses it', async () => {
    const generated = await loadEncryptionKey({
      encryptionKey: undefined,
      dataDirectory,
      devMode: true,
    });
    const keyFile = path.join(dataDirectory, generatedKeyFileName);
    expect(generated.source).toBe('generated');
    expect(generated.key).toHaveLength(32);
    expect(generated.warning).toContain(`a new encryption key was generated into ${keyFile}`);
    expect(generated.warning).not.toContain(generated.key.toString('base64'));
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(keyFile, 'utf8')).trim()).toBe(generated.key.toString('base64'));

    const reused = await loadEncryptionKey({ encryptionKey: '', dataDirectory, devMode: true });
    expect(reused.source).toBe('key_file');
    expect(reused.key).toEqual(generated.key);
    expect(reused.warning).toContain('Set TOOLGRANT_ENCRYPTION_KEY in production');
  });

  it('generates one key when several processes start together', async () => {
    const loaded = await Promise.all(
      Array.from({ length: 8 }, () =>
        loadEncryptionKey({ encryptionKey: undefined, dataDirectory, devMode: true }),
      ),
    );
    expect(new Set(loaded.map((each) => each.key.toString('hex'))).size).toBe(1);
  });

  it('warns when the key file is readable by others', async () => {
    await loadEncryptionKey({ encryptionKey: undefined, dataDirectory, devMode: true });
    const keyFile = path.join(dataDirectory, generatedKeyFileName);
    await writeFile(keyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o644 });
    const { chmod } = await import('node:fs/promises');
    await chmod(keyFile, 0o644);
    const loaded = await loadEncryptionKey({
      encryptionKey: undefined,
      dataDirectory,
      devMode: true,
    });
    expect(loaded.warning).toContain('permissions 644 let others read it; chmod 600 it');
  });

  it('outside dev mode refuses to run without a key, naming the variable', async () => {
    await expect(
      loadEncryptionKey({ encryptionKey: undefined, dataDirectory, devMode: false }),
    ).rejects.toThrow(
      /^TOOLGRANT_ENCRYPTION_KEY is not set \(only dev mode, devMode: true or `toolgrant serve --dev`, generates a key by itself/,
    );
  });

  it('refuses a malformed key instead of generating one', async () => {
    await expect(
      loadEncryptionKey({ encryptionKey: 'too-short', dataDirectory, devMode: true }),
    ).rejects.toThrow(/^TOOLGRANT_ENCRYPTION_KEY is not a 32-byte key/);
  });
});
