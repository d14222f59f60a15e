// The two indexes the history reads rely on: keyset paging of /history, and "the last row of this
// entity" before each write. Added by the bridge when missing (that needs the table's owner).
export const TWIN_UPDATES_INDEXES: readonly { name: string; sql: string }[] = [
  {
    name: 'digital_twin_updates_entity_created_idx',
    sql: 'CREATE INDEX IF NOT EXISTS digital_twin_updates_entity_created_idx ON digital_twin_updates (entity_type, entity_id, created_at DESC, id DESC)',
  },
  {
    name: 'digital_twin_updates_person_created_idx',
    sql: 'CREATE INDEX IF NOT EXISTS digital_twin_updates_person_created_idx ON digital_twin_updates (entity_id, created_at DESC, id DESC)',
  },
];
