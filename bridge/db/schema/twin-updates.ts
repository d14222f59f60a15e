// digital_twin_updates as the user's finance schema defines it (no index but the primary key): part
// of the embedded finance database, and made by the first migration where a configured
// TWIN_DATABASE_URL does not have it. When the table exists it is left as it is.
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
