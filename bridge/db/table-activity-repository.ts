// How much some tables have been written, from the statistics PostgreSQL keeps anyway: a word that
// moves when one of their rows is inserted, updated or deleted, a table is truncated or rewritten
// (a new file), the statistics are reset, the server restarts, or a named function or view is
// replaced. It is read from the catalogs in about a millisecond without touching a row, so a
// periodic check asks it first and does its real work only when it moved.
// It is not proof: counters reach the view up to ~10 s after a commit (a backend flushes at most
// once a second, and idle pending stats after 10 s), sessions with track_counts off are not counted,
// and a reset could land on the same numbers. Callers keep a slower full check behind it.
import type { Queryable } from './pools';

export interface WatchedObjects {
  /** Tables by name; a partitioned table stands for all its partitions. */
  tables: readonly string[];
  /** Functions by name (every visible overload). */
  functions?: readonly string[];
  views?: readonly string[];
}

// n_live_tup is left out: vacuum and analyze re-estimate it without any row changing.
const ACTIVITY_SQL = `
  SELECT CASE WHEN current_setting('track_counts')::boolean THEN concat_ws('/',
    pg_postmaster_start_time(),
    (SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database()),
    (SELECT string_agg(concat_ws(':', s.relid, pg_relation_filenode(s.relid), s.n_tup_ins, s.n_tup_upd, s.n_tup_del), ',' ORDER BY s.relid)
       FROM unnest($1::text[]) AS w(name)
       CROSS JOIN LATERAL pg_partition_tree(to_regclass(w.name)) AS p
       JOIN pg_stat_user_tables s ON s.relid = p.relid),
    (SELECT string_agg(concat(f.oid, '.', f.xmin), ',' ORDER BY f.oid)
       FROM pg_proc f WHERE f.proname = ANY ($2::text[]) AND pg_function_is_visible(f.oid)),
    (SELECT string_agg(concat(r.oid, '.', r.xmin), ',' ORDER BY r.oid)
       FROM unnest($3::text[]) AS v(name) JOIN pg_rewrite r ON r.ev_class = to_regclass(v.name))
  ) END AS signal`;

// Every table of the database, the catalogs included (a replaced function or view writes them).
const DATABASE_ACTIVITY_SQL = `
  SELECT CASE WHEN current_setting('track_counts')::boolean THEN concat_ws('/',
    pg_postmaster_start_time(),
    (SELECT d.stats_reset FROM pg_stat_database d WHERE d.datname = current_database()),
    (SELECT concat_ws(':', count(*), sum(pg_relation_filenode(s.relid)::bigint), sum(s.n_tup_ins), sum(s.n_tup_upd), sum(s.n_tup_del))
       FROM pg_stat_all_tables s)
  ) END AS signal`;

// Whole databases of one server, read from any one of them: pg_stat_database adds up the rows written
// in each (its catalogs included), so the word stays while none of them is written at all.
const SERVER_ACTIVITY_SQL = `
  SELECT CASE WHEN current_setting('track_counts')::boolean THEN concat_ws('/',
    pg_postmaster_start_time(),
    (SELECT string_agg(concat_ws(':', d.datname, d.stats_reset, d.tup_inserted, d.tup_updated, d.tup_deleted), ',' ORDER BY d.datname)
       FROM pg_stat_database d WHERE d.datname = ANY ($1::text[]))
  ) END AS signal`;

/** One word for `databases` (of the server `db` is on): it moves when a row of any of them is written. */
export async function serverActivity(db: Queryable, databases: readonly string[]): Promise<string | null> {
  return (await db.query<{ signal: string | null }>(SERVER_ACTIVITY_SQL, [databases])).rows[0]?.signal ?? null;
}

/** The same word for every table of the database: what the whole state is read from. */
export async function databaseActivity(db: Queryable): Promise<string | null> {
  return (await db.query<{ signal: string | null }>(DATABASE_ACTIVITY_SQL)).rows[0]?.signal ?? null;
}

/** The word, or null when the server counts nothing (track_counts off). Rejects when the statistics may not be read. */
export async function tableActivity(db: Queryable, watched: WatchedObjects): Promise<string | null> {
  const params = [watched.tables, watched.functions ?? [], watched.views ?? []];
  return (await db.query<{ signal: string | null }>(ACTIVITY_SQL, params)).rows[0]?.signal ?? null;
}
