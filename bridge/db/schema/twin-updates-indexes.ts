// Keyset paging of /history and the "last row of this entity" lookup.
export const TWIN_UPDATES_INDEXES = String.raw`
CREATE INDEX IF NOT EXISTS digital_twin_updates_entity_created_idx
  ON digital_twin_updates (entity_type, entity_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS digital_twin_updates_person_created_idx
  ON digital_twin_updates (entity_id, created_at DESC, id DESC);
`;
