// The pantry's expired count per day of the twin's own history: per local day (the session's zone)
// its first and last value and the rises between the snapshots of that day. A day's summary does not
// depend on any other day, so closed days can be kept (the ledger) and joined with live ones; the
// rise from one day's last value to the next day's first is added when the days are put together.
import { num } from '../db/pools';

/** Days of [$1, $2) for person $3. The (entity_type, entity_id, created_at DESC, id DESC) index serves it. */
export const EXPIRED_DAYS_SQL = `
  WITH counts AS (
    SELECT to_char(created_at, 'YYYY-MM-DD') AS day, created_at, id, (update_data->>'expired_count')::numeric AS v
    FROM digital_twin_updates
    WHERE entity_type = 'pantry' AND entity_id = $3::uuid AND created_at >= $1::date AND created_at < $2::date
      AND jsonb_typeof(update_data->'expired_count') = 'number'
  ), steps AS (
    SELECT day, created_at, id, v, v - lag(v) OVER (PARTITION BY day ORDER BY created_at, id) AS step FROM counts
  )
  SELECT day,
         (array_agg(v ORDER BY created_at, id))[1]::text AS first_value,
         (array_agg(v ORDER BY created_at DESC, id DESC))[1]::text AS last_value,
         coalesce(sum(step) FILTER (WHERE step > 0), 0)::text AS inner_rises
  FROM steps
  GROUP BY day`;

/** The last expired count before day $2 of person $1: what the first day's first rise is measured from. */
export const EXPIRED_BEFORE_SQL = `
  SELECT (update_data->>'expired_count')::numeric::text AS v
  FROM digital_twin_updates
  WHERE entity_type = 'pantry' AND entity_id = $1::uuid AND created_at < $2::date
    AND jsonb_typeof(update_data->'expired_count') = 'number'
  ORDER BY created_at DESC, id DESC
  LIMIT 1`;

export interface ExpiredDay {
  day: string;
  first_value: string;
  last_value: string;
  inner_rises: string;
}

export interface ExpiredRise {
  day: string;
  rises: number;
}

/** Rises of the expired count per day, days without a rise left out; `before` is the value before the first day. */
export function risesPerDay(before: string | null, days: readonly ExpiredDay[]): ExpiredRise[] {
  const out: ExpiredRise[] = [];
  let last = before === null ? null : num(before);
  for (const d of [...days].sort((a, b) => a.day.localeCompare(b.day))) {
    const rises = num(d.inner_rises) + (last === null ? 0 : Math.max(0, num(d.first_value) - last));
    last = num(d.last_value);
    if (rises > 0) out.push({ day: d.day, rises: Math.round(rises) });
  }
  return out;
}
