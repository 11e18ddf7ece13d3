import type { Adapter, AdapterPayload } from 'oidc-provider';

// oidc-provider's own memory adapter keeps one module-wide store shared by every provider in
// the process. Tests start several providers and must find a user's refresh tokens to revoke
// them, so each provider gets its own store.

type Entry = { payload: AdapterPayload; expiresAt: number | undefined };

/** Storage for one provider's oidc-provider models, so a test can find and revoke a user's tokens. */
export class MemoryStore {
  private readonly models = new Map<string, Map<string, Entry>>();

  adapterFor(modelName: string): Adapter {
    const entries = this.entriesOf(modelName);
    const store = this;
    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined;
        entries.set(id, { payload, expiresAt });
      },
      async find(id) {
        return store.live(entries, id);
      },
      async findByUserCode(userCode) {
        return store.findWhere(entries, (payload) => payload.userCode === userCode);
      },
      async findByUid(uid) {
        return store.findWhere(entries, (payload) => payload.uid === uid);
      },
      async consume(id) {
        const entry = entries.get(id);
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(id);
      },
      async revokeByGrantId(grantId) {
        store.deleteWhere((payload) => payload.grantId === grantId);
      },
    };
  }

  /** Deletes refresh tokens (of one account, or all), returning how many were deleted. */
  deleteRefreshTokens({ accountId }: { accountId?: string }): number {
    const entries = this.entriesOf('RefreshToken');
    let deleted = 0;
    for (const [id, entry] of entries) {
      if (accountId === undefined || entry.payload.accountId === accountId) {
        entries.delete(id);
        deleted += 1;
      }
    }
    return deleted;
  }

  /**
   * Deletes the grants of one account (or all) and everything issued under them: codes not
   * yet redeemed, access and refresh tokens. Returns how many grants were deleted.
   */
  deleteGrants({ accountId }: { accountId?: string }): number {
    const grants = this.entriesOf('Grant');
    const grantIds = new Set<string>();
    for (const [id, entry] of grants) {
      if (accountId === undefined || entry.payload.accountId === accountId) grantIds.add(id);
    }
    for (const id of grantIds) grants.delete(id);
    this.deleteWhere(
      (payload) => typeof payload.grantId === 'string' && grantIds.has(payload.grantId),
    );
    return grantIds.size;
  }

  setClient(metadata: AdapterPayload & { client_id: string }): void {
    this.entriesOf('Client').set(metadata.client_id, { payload: metadata, expiresAt: undefined });
  }

  private entriesOf(modelName: string): Map<string, Entry> {
    let entries = this.models.get(modelName);
    if (!entries) {
      entries = new Map();
      this.models.set(modelName, entries);
    }
    return entries;
  }

  private live(entries: Map<string, Entry>, id: string): AdapterPayload | undefined {
    const entry = entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      entries.delete(id);
      return undefined;
    }
    return entry.payload;
  }

  private findWhere(
    entries: Map<string, Entry>,
    matches: (payload: AdapterPayload) => boolean,
  ): AdapterPayload | undefined {
    for (const [id, entry] of entries) {
      if (matches(entry.payload)) return this.live(entries, id);
    }
    return undefined;
  }

  private deleteWhere(matches: (payload: AdapterPayload) => boolean): void {
    for (const entries of this.models.values()) {
      for (const [id, entry] of entries) {
        if (matches(entry.payload)) entries.delete(id);
      }
    }
  }
}
