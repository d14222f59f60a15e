// podman as the container tests use it: synchronous calls with their output, a container's log,
// and a throw-away name for everything a test creates.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';

export interface PodmanResult {
  code: number | null;
  out: string;
  err: string;
}

export function podman(args: string[], o: { timeoutMs?: number; cwd?: string } = {}): PodmanResult {
  const r = spawnSync('podman', args, { encoding: 'utf8', timeout: o.timeoutMs ?? 120_000, cwd: o.cwd, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}

/** podman's own errors with an explanation, for a failed step's message. */
export function must(args: string[], o: { timeoutMs?: number; cwd?: string } = {}): string {
  const r = podman(args, o);
  if (r.code !== 0) throw new Error(`podman ${args.join(' ')} exited ${r.code}:\n${r.out}\n${r.err}`);
  return r.out.trim();
}

export const podmanAvailable = (): boolean => spawnSync('podman', ['--version']).status === 0;

export const unique = (prefix: string) => `${prefix}-${crypto.randomBytes(3).toString('hex')}`;

/** The container's log lines (stdout and stderr). */
export function logLines(name: string): string[] {
  const r = podman(['logs', name]);
  return `${r.out}\n${r.err}`.split('\n').filter((l) => l.startsWith('{'));
}

export async function waitForLog(name: string, pattern: RegExp, count: number, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (logLines(name).filter((l) => pattern.test(l)).length >= count) return;
    const state = podman(['inspect', name, '--format', '{{.State.Status}}']).out.trim();
    if (state === 'exited') throw new Error(`container ${name} exited:\n${logLines(name).join('\n')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`container ${name} never logged ${pattern} ${count} time(s):\n${logLines(name).slice(-30).join('\n')}`);
}
