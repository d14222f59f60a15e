// What the bridge costs when nothing happens: the CPU time of a process tree (the bridge and the
// PostgreSQL that serves it, with every child it started and reaped meanwhile) over a quiet period,
// and its proportional memory (PSS: a page shared by n processes counts 1/n in each, so the sum is
// what the tree takes from the machine). Read from /proc (Linux); elsewhere the row is not measured.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export interface IdleCost {
  seconds: number;
  /** CPU seconds of the trees over the period (user and system, reaped children included). */
  cpuSeconds: number;
  /** cpuSeconds over the period: the share of one core. */
  share: number;
  /** Sum of Pss over the trees at the end of the period. */
  pssBytes: number;
  processes: number;
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces); null once gone. */
function statFields(pid: number): string[] | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The process and all its descendants alive now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))?.[1] ?? 0);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  for (const stack = [root]; stack.length > 0; ) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Nanoseconds on a CPU of every thread of a live process (/proc/<pid>/task/<tid>/schedstat); null where not available. */
function runNs(pid: number): number | null {
  try {
    let sum = 0;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) sum += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    return sum;
  } catch {
    return null;
  }
}

/**
 * A process's CPU time in seconds: its own, plus that of the children it reaped (cutime + cstime: a
 * child's time moves into its parent's when it is reaped, so a tree's sum counts it once). Its own is
 * read to the nanosecond where the kernel says: in clock ticks, each live process's time is cut down
 * to a whole tick, and a process ending during the period would bring up to a tick of earlier time
 * along into its parent's sum, which is kept exactly.
 */
function cpuSeconds(pid: number, tick: number): number {
  const f = statFields(pid);
  if (!f) return 0;
  const ns = runNs(pid);
  const own = ns === null ? (Number(f[11]) + Number(f[12])) * tick : ns / 1e9;
  return own + (Number(f[13]) + Number(f[14])) * tick;
}

export function pssBytes(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Waits `seconds` and returns what the trees under `roots` used meanwhile. */
export async function idleCost(roots: readonly number[], seconds: number): Promise<IdleCost> {
  const tick = 1 / clockTicks();
  const cpu = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSeconds(pid, tick), 0);
  const tree = () => roots.flatMap((root) => processTree(root));
  const before = cpu(tree());
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const pids = tree();
  const wall = (performance.now() - t0) / 1000;
  const used = cpu(pids) - before;
  return { seconds: wall, cpuSeconds: used, share: used / wall, pssBytes: pids.reduce((sum, pid) => sum + pssBytes(pid), 0), processes: pids.length };
}
