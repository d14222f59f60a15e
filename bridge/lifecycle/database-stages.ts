// The first stages: the port is free, the databases are there (the embedded PostgreSQL started when
// no URL is set), one pool per database, and the demo data on an embedded cluster.
import type { SourceName } from '../config/config';
import { prepareEmbeddedDatabases } from '../db/embedded-databases';
import { portFree, startEmbeddedPostgres, type EmbeddedServer } from '../db/embedded-postgres';
import { createPool } from '../db/pools';
import { seedDemoData, topUpDemoData } from '../demo/seed-demo';
import { localDate } from '../time/local-date';
import { STOP_LIMITS_MS, type StageContext } from './stage-context';
import { StartError, type BridgePools } from './start-options';

/** Fails before touching any database when the port is taken (a stale bridge, most often). */
export async function checkPort({ config }: StageContext): Promise<void> {
  if (config.port === 0 || (await portFree(config.port, config.host))) return;
  throw new StartError(
    `Port ${config.port} on ${config.host} is already in use, probably by another bridge still running ` +
      `(check with: lsof -i :${config.port}). Stop it, or set PORT to another port.`,
  );
}

export interface Databases {
  embedded: EmbeddedServer | null;
  urls: Record<SourceName | 'twin', string>;
}

/** The configured database URLs, or the embedded PostgreSQL with its three databases. */
export async function startDatabases(ctx: StageContext): Promise<Databases> {
  const { config, log } = ctx;
  if (config.databases) return { embedded: null, urls: config.databases };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.embedded.dataDir,
    port: config.embedded.port,
    fsync: ctx.options.embeddedFsync,
    // Four pools of TWIN_POOL_SIZE, the ledger's one connection that watches the server, and room for
    // `digital-twin doctor`, a migration and the person's own psql.
    maxConnections: 4 * config.poolSize + 6,
    log: (level, message) => log[level]({ component: 'postgres' }, message),
  });
  ctx.shutdown.push('embedded PostgreSQL', () => embedded.stop());
  const dbs = await prepareEmbeddedDatabases(embedded);
  // History lives beside the finance data, as in the user's own setup.
  return { embedded, urls: { ...dbs, twin: dbs.finance } };
}

export function openPools(ctx: StageContext, urls: Databases['urls']): BridgePools {
  const { config } = ctx;
  const open = (url: string, name: string) =>
    createPool(url, { name, timezone: config.timezone, max: config.poolSize, statementTimeoutMs: config.sourceTimeoutMs });
  const pools: BridgePools = {
    finance: open(urls.finance, 'finance'),
    training: open(urls.training, 'training'),
    pantry: open(urls.pantry, 'pantry'),
    twin: open(urls.twin, 'history'),
  };
  ctx.shutdown.push('database pools', () => Promise.all(Object.values(pools).map((p) => p.end())), { limitMs: STOP_LIMITS_MS.pools });
  return pools;
}

/** Demo data only ever goes into the bridge's own cluster: seeded once, kept current afterwards. */
export async function loadDemoData({ config, clock, log }: StageContext, pools: BridgePools, embedded: EmbeddedServer | null): Promise<void> {
  if (!embedded || !config.embedded.demoData) return;
  const now = clock.now();
  const at = { today: localDate(now, config.timezone).date, now, personId: config.personId };
  const seeded = await seedDemoData(pools, at);
  if (seeded.seeded) log.info({ counts: seeded.counts }, 'demo data created');
  else await topUpDemoData(pools, at);
}
