import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../store.js';

/** One database the contract runs on, created by a harness for each case. */
export type StoreContractLocation = {
  open(options: { encryptionKey: Uint8Array }): Promise<Store>;
  /** Every stored row (and for a file, every byte) as text, to search for plaintext. */
  readRaw(): Promise<string>;
  /** Runs SQL on the database directly, behind the store's back. */
  runSql(sql: string): Promise<Record<string, unknown>[]>;
  destroy(): Promise<void>;
};

/** How an implementation's test file gives the contract its databases. */
export type StoreContractHarness = {
  /** A new, empty database. */
  createLocation(): Promise<StoreContractLocation>;
  /** Two stores opened on one location act like two engine processes (PostgreSQL). */
  sharedAcrossProcesses: boolean;
};

/**
 * What a contract case works with, fresh for each case. `store` changes when a case restarts
 * it (`reopen`), so cases read `subject.store` at each use instead of keeping it.
 */
export type StoreUnderTest = {
  /** The store the case works with: opened before it, replaced by `reopen`. */
  store: Store;
  readonly location: StoreContractLocation;
  /** The key `store` was opened with. */
  readonly encryptionKey: Uint8Array;
  readonly sharedAcrossProcesses: boolean;
  /** Opens another store on the location (closed after the case), with this key by default. */
  open(key?: Uint8Array): Promise<Store>;
  /** Closes `store` and opens a new one in its place, as a restart would; returns it. */
  reopen(): Promise<Store>;
};

/**
 * Registers, in the calling `describe`, the hooks that give each case a new location and a
 * store open on it, and close and destroy them afterwards.
 */
export function useStoreUnderTest(harness: StoreContractHarness): StoreUnderTest {
  let location: StoreContractLocation;
  let encryptionKey: Uint8Array;
  let store: Store;
  const opened: Store[] = [];

  async function open(key: Uint8Array = encryptionKey): Promise<Store> {
    const next = await location.open({ encryptionKey: key });
    opened.push(next);
    return next;
  }

  async function reopen(): Promise<Store> {
    await store.close();
    store = await open();
    return store;
  }

  beforeEach(async () => {
    location = await harness.createLocation();
    encryptionKey = randomBytes(32);
    store = await open();
  });

  afterEach(async () => {
    for (const each of opened.splice(0)) await each.close().catch(() => {});
    await location.destroy();
  });

  return {
    get store() {
      return store;
    },
    set store(next: Store) {
      store = next;
    },
    get location() {
      return location;
    },
    get encryptionKey() {
      return encryptionKey;
    },
    sharedAcrossProcesses: harness.sharedAcrossProcesses,
    open,
    reopen,
  };
}
