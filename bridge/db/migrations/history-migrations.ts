// The history table and the two indexes its reads rely on: keyset paging of /history, and "the last
// row of this entity" before each write. The table is the user's (created by their schema): it is
// created only where it is missing, and its columns are never altered; adding the bridge's indexes
// needs the table's owner, so they are optional.
import { TWIN_UPDATES_TABLE } from '../schema/twin-updates';
import { indexMigration, relationExists, type Migration } from './migration';

export const HISTORY_MIGRATIONS: readonly Migration[] = [
  {
    id: '0001-history-table',
    part: 'history',
    description: 'table digital_twin_updates, where it is missing',
    present: (c) => relationExists(c, 'digital_twin_updates'),
    up: TWIN_UPDATES_TABLE,
  },
  indexMigration(
    '0002-history-entity-index',
    'history',
    'digital_twin_updates_entity_created_idx',
    'CREATE INDEX IF NOT EXISTS digital_twin_updates_entity_created_idx ON digital_twin_updates (entity_type, entity_id, created_at DESC, id DESC)',
  ),
  indexMigration(
    '0003-history-person-index',
    'history',
    'digital_twin_updates_person_created_idx',
    'CREATE INDEX IF NOT EXISTS digital_twin_updates_person_created_idx ON digital_twin_updates (entity_id, created_at DESC, id DESC)',
  ),
];
