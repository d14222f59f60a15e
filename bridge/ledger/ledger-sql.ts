// The statements the ledger runs on the training database: the fingerprints of the closed
// measurements and workouts, and the body view's definition.

/** Measurements before ($1) or from ($2 = true) a day: count and fingerprint. */
export const MEASUREMENTS_FINGERPRINT_SQL = `
  SELECT count(*)::text AS rows,
         coalesce(sum(hashtextextended(concat_ws('|', m.measurement_date, m.bodyweight_kg, m.bodyfat_pct), 0)::numeric), 0)::text AS fingerprint
  FROM measurements m
  WHERE CASE WHEN $2::boolean THEN m.measurement_date >= $1::date ELSE m.measurement_date < $1::date END`;

/** Workouts before $1: count and fingerprint (the weekly series read them, and the sets hang off them). */
export const WORKOUTS_FINGERPRINT_SQL = `
  SELECT count(*)::text AS rows,
         coalesce(sum(hashtextextended(concat_ws('|', w.workout_date, w.template_id, w.mood_score, w.recovery_score, w.duration_min, w.location), 0)::numeric), 0)::text AS fingerprint
  FROM workouts w
  WHERE w.workout_date < $1::date`;

/** The user's body view the figures are defined by: an edit of it invalidates the ledger. */
export const BODY_VIEW_SQL = `SELECT md5(pg_get_viewdef(to_regclass('v_body_composition'))) AS definition`;
