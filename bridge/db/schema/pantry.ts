// autonomous_pantry in its newer form (with `location`); the bridge also reads the older form
// without it. Idempotent.
export const PANTRY_SCHEMA = String.raw`
CREATE TABLE IF NOT EXISTS pantry_dictionary (
  category varchar(255) PRIMARY KEY,
  ai_synonyms text,
  default_unit varchar(50),
  critical_threshold numeric(10,2)
);

CREATE TABLE IF NOT EXISTS pantry_inventory (
  category varchar(255) NOT NULL,
  location varchar(100) NOT NULL DEFAULT 'Spizarka',
  current_quantity numeric(10,2) DEFAULT 0,
  unit varchar(50),
  next_expiry date,
  last_updated date,
  status varchar(50),
  critical_threshold numeric(10,2),
  notes text,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  PRIMARY KEY (category, location)
);

CREATE INDEX IF NOT EXISTS idx_pantry_inventory_next_expiry ON pantry_inventory (next_expiry);
`;
