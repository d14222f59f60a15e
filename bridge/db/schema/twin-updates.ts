// The history table, for a configured TWIN_DATABASE_URL that does not have it yet. When the table
// exists it is left as it is; only the two indexes the history reads rely on are added.
export const TWIN_UPDATES_TABLE = String.raw`
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE IF NOT EXISTS digital_twin_updates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_type varchar(50) NOT NULL CHECK (entity_type IN ('person','goal','health','training','finance','pantry')),
  entity_id uuid NOT NULL,
  update_data jsonb NOT NULL,
  source_system varchar(50) NOT NULL,
  update_type varchar(50) NOT NULL,
  created_at timestamptz DEFAULT now(),
  processed_at timestamptz
);
`;
