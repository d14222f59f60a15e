// autonomous_training, as the user's automations define it. Idempotent.
export const TRAINING_SCHEMA = String.raw`
CREATE TABLE IF NOT EXISTS measurements (
  measurement_date date PRIMARY KEY,
  bodyweight_kg numeric(5,2) NOT NULL CHECK (bodyweight_kg BETWEEN 40 AND 200),
  bodyfat_pct numeric(4,2) CHECK (bodyfat_pct BETWEEN 3 AND 50),
  notes text,
  data_source varchar(20) CHECK (data_source IN ('Sheet','Manual','Import')),
  created_at timestamp DEFAULT now()
);

CREATE TABLE IF NOT EXISTS workout_templates (
  template_id varchar(50) PRIMARY KEY,
  template_name varchar(100) NOT NULL,
  workout_type varchar(20) CHECK (workout_type IN ('HIT Lower','HIT Upper','HIT Full Body','Cardio','Other')),
  target_duration_min int,
  is_active boolean DEFAULT true
);

CREATE TABLE IF NOT EXISTS exercises (
  exercise_id varchar(50) PRIMARY KEY,
  exercise_name varchar(100) NOT NULL UNIQUE,
  muscle_group varchar(20) CHECK (muscle_group IN ('Legs','Back','Chest','Shoulders','Arms','Core','Full Body')),
  movement_type varchar(20) CHECK (movement_type IN ('Compound','Isolation')),
  equipment varchar(50),
  target_tut_min int DEFAULT 45,
  target_tut_max int DEFAULT 90
);

CREATE TABLE IF NOT EXISTS workouts (
  workout_date date NOT NULL,
  template_id varchar(50) NOT NULL REFERENCES workout_templates(template_id),
  location varchar(50) DEFAULT 'home',
  duration_min int CHECK (duration_min BETWEEN 1 AND 300),
  days_since_last_workout int CHECK (days_since_last_workout >= 0),
  recovery_score int CHECK (recovery_score BETWEEN 1 AND 5),
  mood_score int CHECK (mood_score BETWEEN 1 AND 5),
  notes text,
  data_source varchar(20),
  created_at timestamp DEFAULT now(),
  PRIMARY KEY (workout_date, template_id)
) PARTITION BY RANGE (workout_date);

CREATE TABLE IF NOT EXISTS workout_sets (
  workout_date date NOT NULL,
  template_id varchar(50) NOT NULL,
  exercise_id varchar(50) NOT NULL REFERENCES exercises(exercise_id),
  weight_kg numeric(6,2) CHECK (weight_kg >= 0),
  tut_seconds int CHECK (tut_seconds > 0 AND tut_seconds <= 300),
  max_effort boolean,
  form_ok boolean,
  notes text,
  PRIMARY KEY (workout_date, template_id, exercise_id),
  FOREIGN KEY (workout_date, template_id) REFERENCES workouts (workout_date, template_id)
) PARTITION BY RANGE (workout_date);

DO $$
BEGIN
  FOR y IN 2020..2030 LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS workouts_%s PARTITION OF workouts FOR VALUES FROM (%L) TO (%L)',
      y, make_date(y, 1, 1), make_date(y + 1, 1, 1));
    EXECUTE format('CREATE TABLE IF NOT EXISTS workout_sets_%s PARTITION OF workout_sets FOR VALUES FROM (%L) TO (%L)',
      y, make_date(y, 1, 1), make_date(y + 1, 1, 1));
  END LOOP;
END $$;
CREATE TABLE IF NOT EXISTS workouts_default PARTITION OF workouts DEFAULT;
CREATE TABLE IF NOT EXISTS workout_sets_default PARTITION OF workout_sets DEFAULT;

CREATE OR REPLACE VIEW v_body_composition AS
SELECT measurement_date,
       bodyweight_kg,
       bodyfat_pct,
       round(bodyweight_kg * (1 - coalesce(bodyfat_pct, 20) / 100), 1) AS estimated_lean_mass,
       bodyweight_kg - lag(bodyweight_kg) OVER (ORDER BY measurement_date) AS weight_change,
       bodyfat_pct - lag(bodyfat_pct) OVER (ORDER BY measurement_date) AS bodyfat_change,
       CASE
         WHEN bodyweight_kg - lag(bodyweight_kg) OVER (ORDER BY measurement_date) > 0.5 THEN 'GAINING'
         WHEN bodyweight_kg - lag(bodyweight_kg) OVER (ORDER BY measurement_date) < -0.5 THEN 'LOSING'
         ELSE 'STABLE'
       END AS weight_trend
FROM measurements
ORDER BY measurement_date DESC;
`;
