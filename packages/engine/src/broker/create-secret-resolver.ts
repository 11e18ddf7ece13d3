import type { Store } from '../store/store.js';
import type { SecretResolver, SecretSummary } from '../tools/secret-resolver.js';

/** Secrets on the store: a user's own value wins over the engine-wide one. */
export function createSecretResolver({
  store,
  clock,
}: {
  store: Store;
  clock: () => Date;
}): SecretResolver {
  return {
    async getSecrets({ keys, userId }) {
      const values: Record<string, string | undefined> = {};
      await Promise.all(
        keys.map(async (key) => {
          values[key] =
            (userId === undefined ? undefined : await store.getSecret({ key, userId })) ??
            (await store.getSecret({ key }));
        }),
      );
      return values;
    },

    async listSecrets({ userId }) {
      const engineWide = await store.listSecretKeys({});
      const own = userId === undefined ? [] : await store.listSecretKeys({ userId });
      return [...engineWide, ...own].map(
        (secret): SecretSummary => ({
          key: secret.key,
          userId: secret.userId,
          updatedAt: secret.updatedAt,
        }),
      );
    },

    async setSecret({ key, value, userId }) {
      // The store keeps no description, so none is echoed back as if it were kept.
      await store.setSecret({ key, value, userId });
      const saved = (await store.listSecretKeys({ userId })).find((secret) => secret.key === key);
      return { key, userId, updatedAt: saved?.updatedAt ?? clock() };
    },

    deleteSecret({ key, userId }) {
      return store.deleteSecret({ key, userId });
    },
  };
}
