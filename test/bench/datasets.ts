// The benchmark's data sets: one throw-away embedded PostgreSQL (fsync off) holding three sets of the
// three databases, each filled by the demo generator at its own size and then analysed, as autovacuum
// would eventually do on a real server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DATABASE_NAMES, SCHEMAS, prepareDatabase, withClient } from '../../bridge/db/embedded-databases';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../bridge/db/embedded-postgres';
import { runMigrations } from '../../bridge/db/migrations/run-migrations';
import { DEFAULT_PERSON_ID } from '../../bridge/config/settings';
import { seedDemoData } from '../../bridge/demo/seed-demo';
import { localDate } from '../../bridge/time/local-date';
import { freePort } from './processes';

export type SizeName = 'small' | 'user' | 'large';

export interface SizeSpec {
  name: SizeName;
  label: string;
  years: number;
  volume: number;
  historyRows?: number;
}

export const SIZES: readonly SizeSpec[] = [
  { name: 'small', label: '1 year', years: 1, volume: 1 },
  { name: 'user', label: '15 years', years: 15, volume: 1 },
  { name: 'large', label: '15 years × 10, 1M history', years: 15, volume: 10, historyRows: 1_000_000 },
];

export interface DataSet {
  spec: SizeSpec;
  urls: { finance: string; training: string; pantry: string; twin: string };
  /** Row counts of the big tables, for the report. */
  rows: { transactions: number; workouts: number; digital_twin_updates: number };
  seedSeconds: number;
}

export interface BenchCluster {
  server: EmbeddedServer;
  dataDir: string;
  timezone: string;
  personId: string;
  sets: DataSet[];
  stop(): Promise<void>;
}

const dbName = (size: SizeName, kind: keyof typeof DATABASE_NAMES) => `bench_${size}_${DATABASE_NAMES[kind].replace('autonomous_', '')}`;

async function countRows(url: string, table: string): Promise<number> {
  return withClient(url, async (c) => Number((await c.query(`SELECT count(*)::bigint AS n FROM ${table}`)).rows[0].n));
}

/** Bytes of the ledger's tables and indexes in a set's twin database. */
export async function ledgerBytes(twinUrl: string): Promise<number> {
  return withClient(twinUrl, async (c) =>
    Number(
      (
        await c.query(
          `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'digital_twin_ledger' AND c.relkind = 'r'`,
        )
      ).rows[0].n,
    ),
  );
}

async function prepareSet(server: EmbeddedServer, spec: SizeSpec, timezone: string, personId: string, log: (m: string) => void): Promise<DataSet> {
  const kinds = Object.keys(DATABASE_NAMES) as (keyof typeof DATABASE_NAMES)[];
  for (const kind of kinds) await prepareDatabase(server, dbName(spec.name, kind), SCHEMAS[kind]);
  const urls = {
    finance: server.url(dbName(spec.name, 'finance')),
    training: server.url(dbName(spec.name, 'training')),
    pantry: server.url(dbName(spec.name, 'pantry')),
    twin: server.url(dbName(spec.name, 'finance')),
  };
  const started = performance.now();
  const pool = (url: string) => {
    const p = new pg.Pool({ connectionString: url, max: 2 });
    p.on('error', () => {});
    return p;
  };
  const targets = { finance: pool(urls.finance), training: pool(urls.training), pantry: pool(urls.pantry), twin: pool(urls.twin) };
  try {
    // As a bridge's first start leaves it: the store's tables and indexes before the history is filled.
    await runMigrations(targets.twin);
    const now = new Date();
    const today = localDate(now, timezone).date;
    const result = await seedDemoData(targets, { today, now, personId, years: spec.years, volume: spec.volume, historyRows: spec.historyRows });
    if (result.seeded) {
      log(`  ${spec.name}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; analysing`);
      for (const url of [urls.finance, urls.training, urls.pantry]) await withClient(url, (c) => c.query('VACUUM ANALYZE'));
      // The seeding's dirty pages written out now, not during the bridge's first ledger check.
      await withClient(urls.finance, (c) => c.query('CHECKPOINT'));
    } else {
      log(`  ${spec.name}: already seeded (reused data folder)`);
    }
  } finally {
    await Promise.all(Object.values(targets).map((p) => p.end()));
  }
  const seedSeconds = (performance.now() - started) / 1000;
  const rows = {
    transactions: await countRows(urls.finance, 'transactions'),
    workouts: await countRows(urls.training, 'workouts'),
    digital_twin_updates: await countRows(urls.finance, 'digital_twin_updates'),
  };
  return { spec, urls, rows, seedSeconds };
}

/**
 * Starts the cluster and fills the three sets. `dataDir` given: kept afterwards, and a later run
 * reuses what is already seeded (the demo generator is idempotent); otherwise a temp folder, removed by stop().
 */
export async function prepareCluster(o: { dataDir?: string; timezone: string; log: (m: string) => void }): Promise<BenchCluster> {
  const keep = o.dataDir !== undefined;
  const dataDir = keep ? path.resolve(o.dataDir!) : fs.mkdtempSync(path.join(os.tmpdir(), 'twin-bench-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), fsync: false, watchdogMs: 0 });
  const personId = DEFAULT_PERSON_ID;
  const sets: DataSet[] = [];
  try {
    for (const spec of SIZES) sets.push(await prepareSet(server, spec, o.timezone, personId, o.log));
  } catch (err) {
    await server.stop().catch(() => {});
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    server,
    dataDir,
    timezone: o.timezone,
    personId,
    sets,
    async stop() {
      await server.stop();
      if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
