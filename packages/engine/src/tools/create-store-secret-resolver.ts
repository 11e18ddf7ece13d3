import type { Store } from '../store/store.js';
import type { SecretResolver, SecretSummary } from './secret-resolver.js';

// Secrets from the encrypted store: a user's own value wins over the engine-wide one.

export function createStoreSecretResolver({ store }: { store: Store }): SecretResolver {
  return {
    async getSecrets({ keys, userId }) {
      const entries = await Promise.all(
        [...new Set(keys)].map(async (key) => {
          const own = userId === undefined ? undefined : await store.getSecret({ key, userId });
          return [key, own ?? (await store.getSecret({ key }))] as const;
        }),
      );
      return Object.fromEntries(entries);
    },

    async listSecrets({ userId }) {
      const engineWide = await store.listSecretKeys({});
      const own = userId === undefined ? [] : await store.listSecretKeys({ userId });
      return [...engineWide, ...own];
    },

    async setSecret({ key, value, userId }) {
      // The store keeps no description; it is not echoed back as if it were kept.
      await store.setSecret({ key, value, userId });
      const listed = await store.listSecretKeys({ userId });
      const saved = listed.find((secret) => secret.key === key);
      return saved ?? ({ key, userId, updatedAt: new Date() } satisfies SecretSummary);
    },

    deleteSecret: ({ key, userId }) => store.deleteSecret({ key, userId }),
  };
}
