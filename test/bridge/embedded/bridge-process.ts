// The bridge as a user runs it: `digital-twin start` in its own process, with its own embedded
// PostgreSQL in a data folder of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../../bridge/bin/digital-twin.mjs', import.meta.url));

export interface BridgeProcess {
  child: ChildProcess;
  url: string;
  logs: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export interface BridgeProcessOptions {
  uid?: number;
  gid?: number;
  /** The command that starts the bridge, instead of this repository's `digital-twin start`. */
  command?: { file: string; args: string[]; cwd: string };
  /** The environment it starts from, instead of this process's. */
  baseEnv?: NodeJS.ProcessEnv;
  /** In a process group of its own, so that a wrapper (npx) and the bridge under it are stopped together. */
  detached?: boolean;
}

export function startBridgeProcess(env: Record<string, string>, o: BridgeProcessOptions = {}): Promise<BridgeProcess> {
  const { file, args, cwd } = o.command ?? { file: process.execPath, args: [BIN, 'start'], cwd: undefined };
  const child = spawn(file, args, {
    cwd,
    env: { ...(o.baseEnv ?? process.env), TWIN_LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    uid: o.uid,
    gid: o.gid,
    detached: o.detached,
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bridge did not start within 60 s:\n${logs.join('\n')}`)), 60_000);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        const m = /listening on (http:\/\/[^"\s]+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve({ child, url: m[1], logs, exited });
        }
      }
    };
    child.stdout.on('data', onLine);
    child.stderr.on('data', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bridge exited with ${code} before listening:\n${logs.join('\n')}`));
    });
  });
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}
