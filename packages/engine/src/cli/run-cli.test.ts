import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type OAuthProvider, startOAuthProvider } from '@toolgrant/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInboxToolkit, testkitProviderId } from '../../test/engine-toolkits.js';
import { createEngine } from '../create-engine.js';
import { loadEncryptionKey } from '../crypto/load-encryption-key.js';
import { openStore } from '../store/open-store.js';
import { runCli } from './run-cli.js';

// `toolgrant connections` and usage errors, run in process against a real store: alice holds
// an OAuth connection made through a real consent at the testkit provider, and an API key.
// (`toolgrant serve` runs as a child process in main.test.ts.)

const clientId = 'toolgrant-engine';
const clientSecret = 'engine-client-secret-0123456789abcdef';

let provider: OAuthProvider;
let directory: string;
let dataDirectory: string;
const weatherKey = 'weather-user-key-9f8e7d6c';

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli({
    argv,
    output: {
      stdout: { write: (text: string) => stdout.push(text) },
      stderr: { write: (text: string) => stderr.push(text) },
    },
    environment: {},
    directory,
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

beforeAll(async () => {
  provider = await startOAuthProvider();
  directory = await mkdtemp(path.join(tmpdir(), 'toolgrant-cli-'));
  dataDirectory = path.join(directory, 'data');
  const providers = [
    {
      id: testkitProviderId,
      clientId,
      clientSecret,
      authorizeUrl: provider.authorizationEndpoint,
      tokenUrl: provider.tokenEndpoint,
      revokeUrl: provider.revocationEndpoint,
    },
    { id: 'weather', type: 'api_key' as const },
  ];
  // The same providers as the engine that made the connections; found by name.
  await writeFile(
    path.join(directory, 'toolgrant.config.mjs'),
    `export default ${JSON.stringify({ providers, dataDirectory: './data' })};`,
  );

  const engine = await createEngine({
    toolkits: [createInboxToolkit({ inboxUrl: provider.inboxUrl })],
    providers,
    dataDirectory,
    devMode: true,
    environment: {},
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  await engine.listen({ port: 0 });
  provider.addClient({ clientId, clientSecret, redirectUris: [engine.redirectUri] });
  for (const userId of ['alice', 'bob']) {
    const authorization = await engine.client.tools.authorize({
      tool_name: 'Inbox.ListMessages',
      user_id: userId,
    });
    await provider.completeConsent({
      authorizationUrl: authorization.url ?? '',
      username: userId,
      password: `${userId}-password`,
    });
  }
  await engine.close();

  const { key } = await loadEncryptionKey({ encryptionKey: '', dataDirectory, devMode: true });
  const store = await openStore({ dataDirectory, encryptionKey: key });
  await store.saveConnection({
    userId: 'alice',
    providerId: 'weather',
    providerType: 'api_key',
    scopes: [],
    accessToken: weatherKey,
  });
  await store.close();
});

afterAll(async () => {
  await provider.close();
  await rm(directory, { recursive: true, force: true });
});

describe('dev mode is chosen, never inferred', () => {
  it('serve without --dev and without userVerification refuses to start and says what to set', async () => {
    const { code, stdout, stderr } = await run('serve', '--port', '0');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("'userVerification' is required outside dev mode");
    expect(stderr).toContain("{ verifierUrl: 'https://your.app/verify' }");
    expect(stderr).toContain('set devMode: true instead (or run `toolgrant serve --dev`');
  });

  it('connections without --dev cannot read a dev store: they need its key', async () => {
    const { code, stderr } = await run('connections', 'list', '--user', 'alice');
    expect(code).toBe(1);
    expect(stderr).toContain('TOOLGRANT_ENCRYPTION_KEY is not set (only dev mode');
    expect(stderr).toContain('toolgrant serve --dev');
  });
});

describe('toolgrant connections', () => {
  it('lists a user’s connections without their tokens', async () => {
    const { code, stdout } = await run('connections', 'list', '--dev', '--user', 'alice');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PROVIDER\s+TYPE\s+STATUS\s+SCOPES\s+ID$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 4))).toEqual([
      [testkitProviderId, 'oauth2', 'active', 'inbox.read'],
      ['weather', 'api_key', 'active', '-'],
    ]);
    expect(stdout).not.toContain(weatherKey);

    const json = await run('connections', 'list', '--dev', '--user', 'alice', '--json');
    const listed = JSON.parse(json.stdout) as { provider_id: string; user_id: string }[];
    expect(listed.map(({ provider_id, user_id }) => [provider_id, user_id])).toEqual([
      [testkitProviderId, 'alice'],
      ['weather', 'alice'],
    ]);

    await expect(run('connections', 'list', '--dev', '--user', 'carol')).resolves.toMatchObject({
      code: 0,
      stdout: "User 'carol' has no connections.\n",
    });
  });

  it('revokes one provider’s connection at the provider and deletes it, then one by id', async () => {
    const revocations = provider.counts.revocations;
    const revoked = await run(
      'connections',
      'revoke',
      '--dev',
      '--user',
      'alice',
      '--provider',
      'testkit',
    );
    expect(revoked).toMatchObject({
      code: 0,
      stdout: "Revoked testkit (oauth2) for user 'alice'.\n",
    });
    expect(provider.counts.revocations).toBe(revocations + 1);

    const listed = JSON.parse(
      (await run('connections', 'list', '--dev', '--user', 'alice', '--json')).stdout,
    );
    expect(listed).toHaveLength(1);
    expect(listed[0].provider_id).toBe('weather');

    const byId = await run(
      'connections',
      'revoke',
      '--dev',
      '--user',
      'alice',
      '--id',
      listed[0].id,
    );
    expect(byId.code).toBe(0);
    expect(byId.stdout).toBe("Revoked weather (api_key) for user 'alice'.\n");

    const nothingLeft = await run('connections', 'revoke', '--dev', '--user', 'alice');
    expect(nothingLeft.code).toBe(1);
    expect(nothingLeft.stderr).toContain("User 'alice' has no connections; nothing was revoked.");

    // Bob's connection is untouched.
    const bob = JSON.parse(
      (await run('connections', 'list', '--dev', '--user', 'bob', '--json')).stdout,
    );
    expect(bob.map((connection: { provider_id: string }) => connection.provider_id)).toEqual([
      testkitProviderId,
    ]);
  });
});

describe('usage', () => {
  it('prints help for each command', async () => {
    const main = await run('--help');
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('Usage: toolgrant <command>');
    const serve = await run('serve', '--help');
    expect(serve.stdout).toContain('--port <n>');
    expect(serve.stdout).toContain('TOOLGRANT_ENCRYPTION_KEY');
    const revoke = await run('connections', 'revoke', '--dev', '--help');
    expect(revoke.stdout).toContain('--id <connectionId>');
  });

  it('answers a wrong command line with status 2, what was wrong and the usage', async () => {
    const noUser = await run('connections', 'list', '--dev');
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toContain('--user <id> is required.');
    expect(noUser.stderr).toContain('Usage: toolgrant connections list');

    const unknownOption = await run('serve', '--prot', '80');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("'--prot'");

    const badPort = await run('serve', '--port', 'eighty');
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain(
      "--port must be a whole number from 0 to 65535; got 'eighty'.",
    );

    const unknownCommand = await run('start');
    expect(unknownCommand).toMatchObject({ code: 2 });
    expect(unknownCommand.stderr).toContain("Unknown command 'start'.");
  });

  it('answers a bad configuration file with status 1, naming the file and field', async () => {
    await writeFile(path.join(directory, 'bad.config.mjs'), 'export default { port: -1 };');
    const bad = await run('serve', '--config', 'bad.config.mjs');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      `toolgrant: ${path.join(directory, 'bad.config.mjs')}: 'port' must be a whole number from 0 to 65535.\n`,
    );
  });
});
