// Each database behind its repository, opened once: the services and routes ask these, never a pool.
// The summaries of closed months (the ledger) are handed to the repositories that read through them.
import { PgFinanceRepository, type FinanceRepository } from '../finance/finance-repository';
import type { Ledger } from '../ledger/ledger';
import { PgPantryRepository, type PantryRepository } from '../pantry/pantry-repository';
import { PgPantryHistoryRepository, type PantryHistoryRepository } from '../store/pantry-history-repository';
import { PgTrainingRepository, type TrainingRepository } from '../training/training-repository';
import type { BridgePools } from './start-options';

export interface Repositories {
  finance: FinanceRepository;
  training: TrainingRepository;
  pantry: PantryRepository;
  pantryHistory: PantryHistoryRepository;
}

export function openRepositories(pools: BridgePools, ledger: Ledger | null): Repositories {
  return {
    finance: new PgFinanceRepository(pools.finance, ledger),
    training: new PgTrainingRepository(pools.training, ledger),
    pantry: new PgPantryRepository(pools.pantry),
    pantryHistory: new PgPantryHistoryRepository(pools.twin, ledger),
  };
}
