// Child processes of the benchmark and the soak: servers forked with tsx that report their URL over
// IPC, the bridge's own command line started as the user starts it, and the memory of a process.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(REPO_ROOT, 'bridge/bin/digital-twin.mjs');

/** A free TCP port on loopback (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
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

/** Forks a TypeScript server script that sends `{ url, ... }` over IPC once it listens. */
export function forkServer(script: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServedChild> {
  const child = fork(script, [], {
    cwd: REPO_ROOT,
    env,
    execArgv: ['--import', 'tsx'],
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
 * Starts `node bridge/bin/digital-twin.mjs start` with JSON logs and waits for its "listening on"
 * line. `env` is added to a minimal environment (PATH, HOME), so no stray setting of the caller leaks in.
 */
export function startCliBridge(env: Record<string, string>, timeoutMs = 120_000): Promise<CliBridge> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'start'], {
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
