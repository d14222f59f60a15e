// Child processes of the benchmark and the soak: servers forked with tsx that report their URL over
// IPC, the bridge's own command line started as the user starts it, and the memory of a process.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../fixtures/free-port';
import { BRIDGE_NODE_FLAGS } from '../../bridge/service/node-flags';

export { freePort };

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What `npm start` runs: the bridge bundle, built by `node esbuild.config.mjs bridge`. */
export const CLI = path.join(REPO_ROOT, 'node_modules/.cache/digital-twin/bridge.mjs');

let bundleBuilt = false;
function buildBridgeBundle(): void {
  if (bundleBuilt) return;
  execFileSync(process.execPath, ['esbuild.config.mjs', 'bridge'], { cwd: REPO_ROOT, stdio: 'inherit' });
  bundleBuilt = true;
}


/** Resident memory of a process in bytes (VmRSS of /proc/<pid>/status); null once it is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped. */
export class RssSampler {
  readonly samples: { atMs: number; bytes: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  constructor(
    private readonly pid: number,
    private readonly everyMs = 500,
  ) {}
  start(): this {
    const t0 = performance.now();
    this.timer = setInterval(() => {
      const bytes = rssBytes(this.pid);
      if (bytes !== null) this.samples.push({ atMs: performance.now() - t0, bytes });
    }, this.everyMs);
    return this;
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
  max(): number {
    return Math.max(0, ...this.samples.map((s) => s.bytes));
  }
}

export interface ServedChild {
  child: ChildProcess;
  url: string;
  /** Extra fields the child sent with its URL. */
  info: Record<string, unknown>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL; resolves once the process has exited. */
export async function terminate(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/** Node flags of `npm start` (package.json): a small young generation keeps the resident memory down. */
export { BRIDGE_NODE_FLAGS };

let forks = 0;

/**
 * Forks a TypeScript server script that sends `{ url, ... }` over IPC once it listens. The script is
 * bundled first and run by plain Node, as `npm start` runs the bridge: the TypeScript loader would
 * add its own memory and start-up time to what is measured.
 */
export async function forkServer(script: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServedChild> {
  // A name of this fork's own: worktrees may share one node_modules, and two benchmarks running at
  // once must not fork each other's bundle. It is removed once the child has loaded it.
  const outfile = path.join(REPO_ROOT, 'node_modules/.cache/digital-twin/bench', `${path.basename(script, '.ts')}-${process.pid}-${++forks}.mjs`);
  await esbuild.build({ entryPoints: [script], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  const child = fork(outfile, [], {
    cwd: REPO_ROOT,
    env,
    // The runtime flags `npm start` gives the bridge; the baseline gets the same for a fair ratio.
    execArgv: [...BRIDGE_NODE_FLAGS],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} did not report its URL within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited early (code ${code}, signal ${signal})`));
    });
    child.once('message', (msg: { url: string } & Record<string, unknown>) => {
      clearTimeout(timer);
      fs.rmSync(outfile, { force: true });
      child.removeAllListeners('exit');
      resolve({ child, url: msg.url, info: msg, stop: () => terminate(child) });
    });
  });
}

export interface CliBridge {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the "listening on" log line. */
  startMs: number;
  /** The log lines up to "listening on", then only warnings and errors (JSON objects; others as { msg }). */
  logs: Record<string, unknown>[];
  /** Lines of lower levels logged after the start (the request log), counted only. */
  lines(): number;
  stop(): Promise<void>;
}

/**
 * Starts the bridge as `npm start` does (its bundle, with the same Node flags) with JSON logs and waits for its "listening on"
 * line. `env` is added to a minimal environment (PATH, HOME), so no stray setting of the caller leaks in.
 */
export function startCliBridge(env: Record<string, string>, timeoutMs = 120_000): Promise<CliBridge> {
  const t0 = performance.now();
  buildBridgeBundle();
  const child = spawn(process.execPath, [...BRIDGE_NODE_FLAGS, CLI, 'start'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TWIN_LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let linesAfterStart = 0;
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`the bridge did not log "listening on" within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
    child.once('exit', (code, signal) => fail(new Error(`the bridge exited during start (code ${code}, signal ${signal}); stderr: ${stderr.slice(-2000)}`)));
    child.stdout!.on('data', (d) => {
      buffer += String(d);
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        // Once started, only warnings and errors are kept (pino levels 40, 50, 60): under load the
        // request log is thousands of lines a second, and parsing them would load the load generator.
        if (settled && !/"level":[456]0/.test(line)) {
          linesAfterStart++;
          continue;
        }
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line);
        } catch {
          entry = { msg: line };
        }
        logs.push(entry);
        const msg = String(entry.msg ?? '');
        if (!settled && /bridge listening on/.test(msg)) {
          settled = true;
          clearTimeout(timer);
          child.removeAllListeners('exit');
          // The log redacts fields named url; the message carries it. (PostgreSQL logs "listening on" too.)
          const url = /listening on (\S+)/.exec(msg)?.[1] ?? '';
          resolve({ child, url, startMs: performance.now() - t0, logs, lines: () => linesAfterStart, stop: () => terminate(child, 30_000) });
        }
      }
    });
  });
}
