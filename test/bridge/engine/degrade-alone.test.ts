// Each domain degrades alone: a domain whose source fails keeps its last good figures and says why,
// the others are served; the time budget cuts a source that never answers. No database: the reads
// are functions the test controls, and the budget runs on vitest's fake timers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DegradeAlone, type DomainMeta } from '../../../bridge/engine/degrade-alone';

type Domains = { alpha: DomainMeta & { count: number | null }; beta: DomainMeta & { names: string[] } };

const T1 = '2025-03-12T07:00:00.000Z';
const T2 = '2025-03-12T07:01:00.000Z';
const T3 = '2025-03-12T07:02:00.000Z';

function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
}

function domains(o: { describe?: (source: string, err: unknown) => string } = {}) {
  const timed: [string, boolean][] = [];
  const d = new DegradeAlone<Domains>({
    empty: { alpha: { count: null }, beta: { names: [] } },
    sourceOf: { alpha: 'finance', beta: 'pantry' },
    timeoutMs: 50,
    onTimed: (domain, seconds, ok) => {
      expect(seconds).toBeGreaterThanOrEqual(0);
      timed.push([domain, ok]);
    },
    ...o,
  });
  return { d, timed };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('DegradeAlone', () => {
  it('serves a failing domain with its last good figures and as_of, degraded with the reason, and the others ok', async () => {
    const { d } = domains();
    expect(await d.run('alpha', T1, async () => ({ count: 3 }))).toEqual({ status: 'ok', error: null, as_of: T1, count: 3 });

    const [alpha, beta] = await Promise.all([
      d.run('alpha', T2, () => Promise.reject(refused())),
      d.run('beta', T2, async () => ({ names: ['Mleko'] })),
    ]);
    expect(alpha).toEqual({ status: 'degraded', error: 'finance database unreachable (connection refused)', as_of: T1, count: 3 });
    expect(beta).toEqual({ status: 'ok', error: null, as_of: T2, names: ['Mleko'] });

    expect(await d.run('alpha', T3, async () => ({ count: 4 }))).toEqual({ status: 'ok', error: null, as_of: T3, count: 4 });
  });

  it('serves empty figures with no as_of for a domain that never answered', async () => {
    const { d } = domains();
    expect(await d.run('beta', T1, () => Promise.reject(new Error('relation "pantry_inventory" does not exist')))).toEqual({
      status: 'degraded',
      error: 'pantry database error: relation "pantry_inventory" does not exist',
      as_of: null,
      names: [],
    });
  });

  it('counts the failures in a row of each domain, and clears them on success', async () => {
    const { d } = domains();
    expect(d.record('alpha')).toEqual({ last_success_at: null, last_failure_at: null, consecutive_failures: 0 });
    await d.run('alpha', T1, async () => ({ count: 1 }));
    await d.run('alpha', T2, () => Promise.reject(refused()));
    await d.run('alpha', T3, () => Promise.reject(refused()));
    expect(d.record('alpha')).toEqual({ last_success_at: T1, last_failure_at: T3, consecutive_failures: 2 });
    expect(d.record('beta')).toEqual({ last_success_at: null, last_failure_at: null, consecutive_failures: 0 });
    await d.run('alpha', T3, async () => ({ count: 2 }));
    expect(d.record('alpha')).toEqual({ last_success_at: T3, last_failure_at: T3, consecutive_failures: 0 });
  });

  it('tells the metrics of each attempt, answered or not', async () => {
    const { d, timed } = domains();
    await d.attempt('alpha', async () => ({ count: 1 }));
    await d.attempt('beta', () => Promise.reject(refused()));
    expect(timed).toEqual([
      ['alpha', true],
      ['beta', false],
    ]);
  });

  it('never rejects, also when the read throws before it returns a promise', async () => {
    const { d } = domains();
    const attempt = await d.attempt('beta', () => {
      throw refused();
    });
    expect(attempt).toEqual({ ok: false, error: 'pantry database unreachable (connection refused)' });
  });

  it('describes failures as the caller says when told how', async () => {
    const { d } = domains({ describe: (source, err) => `${source}: ${(err as Error).message}` });
    expect((await d.run('alpha', T1, () => Promise.reject(new Error('gone')))).error).toBe('finance: gone');
  });

  it('cuts a read that runs past the time budget, and serves one that answers within it', async () => {
    vi.useFakeTimers();
    const { d } = domains();
    const hung = d.run('alpha', T1, () => new Promise<never>(() => {}));
    const slow = d.run('beta', T1, () => new Promise((resolve) => setTimeout(() => resolve({ names: ['Jajka'] }), 49)));
    await vi.advanceTimersByTimeAsync(50);
    expect(await hung).toEqual({ status: 'degraded', error: 'finance database did not answer within 50 ms', as_of: null, count: null });
    expect(await slow).toEqual({ status: 'ok', error: null, as_of: T1, names: ['Jajka'] });
  });
});
