// Everything the bridge creates in its history database, in the order it is applied. A change of
// the store's layout is a new entry at the end; an entry once released is never edited.
import { HISTORY_MIGRATIONS } from './history-migrations';
import { LEDGER_MIGRATIONS } from './ledger-migrations';
import type { Migration } from './migration';
import { WEBHOOK_MIGRATIONS } from './webhook-migrations';

export const MIGRATIONS: readonly Migration[] = [...HISTORY_MIGRATIONS, ...WEBHOOK_MIGRATIONS, ...LEDGER_MIGRATIONS];
