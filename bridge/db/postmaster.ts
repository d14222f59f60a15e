// The postmaster of a cluster, seen from outside: is it ours and alive, stop it fast, clear the lock
// file a crash or a hard-killed bridge left behind.
import fs from 'node:fs';
import path from 'node:path';

export type Log = (level: 'info' | 'warn' | 'debug', message: string) => void;

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

export function pidFile(clusterDir: string): string {
  return path.join(clusterDir, 'postmaster.pid');
}

export function readPostmasterPid(clusterDir: string): number | null {
  try {
    const first = fs.readFileSync(pidFile(clusterDir), 'utf8').split('\n')[0];
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The pid of this cluster's postmaster while it runs; null when none does (or the pid is another process's). */
export function livePostmaster(clusterDir: string): number | null {
  const pid = readPostmasterPid(clusterDir);
  return pid !== null && processAlive(pid) && isOurPostmaster(pid, clusterDir) ? pid : null;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** SIGINT is PostgreSQL's fast shutdown: sessions end, a checkpoint is written, no recovery on the next start. */
export async function fastShutdown(pid: number, waitMs: number): Promise<boolean> {
  process.kill(pid, 'SIGINT');
  return waitFor(() => !processAlive(pid), waitMs);
}

/** A PostgreSQL left running by a bridge that was killed hard, or a pid file left by a crash. */
export async function clearStaleLock(clusterDir: string, log: Log): Promise<void> {
  if (readPostmasterPid(clusterDir) === null) return;
  const pid = livePostmaster(clusterDir);
  if (pid !== null) {
    log('warn', `stopping a PostgreSQL (pid ${pid}) left running on ${clusterDir} by an earlier bridge`);
    if (!(await fastShutdown(pid, 15_000))) {
      process.kill(pid, 'SIGKILL');
      await waitFor(() => !processAlive(pid), 5_000);
    }
  }
  // A dead (or reused) pid: PostgreSQL would refuse to start if the number now belongs to another process.
  fs.rmSync(pidFile(clusterDir), { force: true });
}
