// The behaviour every `Store` must have, run against each implementation by its own test file.
// Each part of the contract lives in store-contract/, one file per `describe`.
import { describe } from 'vitest';
import { describeAuthorizationFlows } from './store-contract/authorization-flows.js';
import { describeConnections } from './store-contract/connections.js';
import { describeEncryptionAtRest } from './store-contract/encryption-at-rest.js';
import { describeFlowReuseAndCrashRecovery } from './store-contract/flow-reuse-and-crash-recovery.js';
import { describeFlowSettledNotifications } from './store-contract/flow-settled-notifications.js';
import { describeIdsKeptExactly } from './store-contract/ids-kept-exactly.js';
import { describeMcpRecords } from './store-contract/mcp-records.js';
import { describeRefreshLock } from './store-contract/refresh-lock.js';
import { describeRestartsAndKeys } from './store-contract/restarts-and-keys.js';
import { describeRuntimeWorkers } from './store-contract/runtime-workers.js';
import { describeSecrets } from './store-contract/secrets.js';
import { type StoreContractHarness, useStoreUnderTest } from './store-contract/store-under-test.js';
import { describeTwoProcesses } from './store-contract/two-processes.js';

export type {
  StoreContractHarness,
  StoreContractLocation,
} from './store-contract/store-under-test.js';

/** Runs every case of the Store contract against the stores that `harness` opens. */
export function describeStoreContract(name: string, harness: StoreContractHarness): void {
  describe(`${name} — Store contract`, () => {
    const subject = useStoreUnderTest(harness);
    describeAuthorizationFlows(subject);
    describeFlowSettledNotifications(subject);
    describeConnections(subject);
    describeIdsKeptExactly(subject);
    describeSecrets(subject);
    describeEncryptionAtRest(subject);
    describeRuntimeWorkers(subject);
    describeMcpRecords(subject);
    describeRefreshLock(subject);
    describeFlowReuseAndCrashRecovery(subject);
    describeRestartsAndKeys(subject);
    if (harness.sharedAcrossProcesses) describeTwoProcesses(subject);
  });
}
