/**
 * `rollout init`: a new store holding the resolved contract (its metrics, counterfactuals,
 * periods and municipalities), created all-or-nothing.
 */
import { loadContract, type Contract } from './contract/load.ts';
import { createStore } from './store/store.ts';
import { writeContract } from './store/contract-tables.ts';
import { SCHEMA_VERSION } from './store/migrations.ts';

export interface InitSummary {
  readonly store: string;
  readonly schemaVersion: number;
  readonly contract: Contract;
}

export async function initStore(storePath: string, contractFile: string): Promise<InitSummary> {
  const contract = loadContract(contractFile);
  await createStore(storePath, (s) => writeContract(s, contract));
  return { store: storePath, schemaVersion: SCHEMA_VERSION, contract };
}
