import { describe, expect, it } from 'vitest';
import { DecryptionFailedError } from '../../crypto/decryption-failed-error.js';
import { flowInput, runtimeWorker, tokens } from './fixtures.js';
import type { StoreUnderTest } from './store-under-test.js';

/** The Store contract on no secret in plaintext, and ciphertexts bound to their rows. */
export function describeEncryptionAtRest(subject: StoreUnderTest): void {
  describe('encryption at rest', () => {
    it('never writes a token, API key, secret, PKCE verifier or state in plaintext', async () => {
      const flow = await subject.store.createFlow(flowInput);
      const pending = await subject.store.createFlow({ ...flowInput, userId: 'user-c' });
      await subject.store.holdFlowCredential({
        flowId: pending.id,
        credential: { scopes: [], accessToken: `${tokens.accessToken}-held` },
      });
      await subject.store.completeFlow({
        flowId: flow.id,
        credential: {
          scopes: ['a'],
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
        },
      });
      await subject.store.saveConnection({
        userId: 'user-b',
        providerId: 'weather',
        providerType: 'api_key',
        scopes: [],
        accessToken: tokens.apiKey,
      });
      await subject.store.setSecret({ key: 'SLACK_BOT_TOKEN', value: tokens.secret });
      await subject.store.setSecret({ key: 'USER_SECRET', value: tokens.secret, userId: 'user-b' });
      await subject.store.saveRuntimeWorker({ worker: runtimeWorker });

      const raw = await subject.location.readRaw();
      expect(raw).toContain('user-b'); // the dump holds the rows
      for (const plaintext of [
        tokens.accessToken,
        tokens.refreshToken,
        tokens.apiKey,
        tokens.secret,
        tokens.workerSecret,
        flowInput.pkceVerifier!,
        flow.state,
        pending.state,
      ]) {
        expect(raw).not.toContain(plaintext);
      }
      expect(raw).not.toContain('PLAINTEXT');
    });

    it('refuses a ciphertext moved to another row instead of returning its plaintext', async () => {
      await subject.store.setSecret({ key: 'ONE', value: tokens.secret });
      await subject.store.setSecret({ key: 'TWO', value: 'two' });
      await subject.location.runSql(
        "UPDATE secrets SET value_encrypted = (SELECT value_encrypted FROM secrets WHERE key = 'ONE') WHERE key = 'TWO'",
      );
      const reading = subject.store.getSecret({ key: 'TWO' });
      await expect(reading).rejects.toSatisfy(DecryptionFailedError.isInstance);
      await expect(reading).rejects.toThrow(/secrets\.value.*could not be decrypted/);
    });
  });
}
