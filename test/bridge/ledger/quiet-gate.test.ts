// The fallback's schedule, as a pure function of the signals and the time: a source whose signal
// stays is left alone until the fallback is due; after a forced check the fallback waits its ceiling;
// after a change it starts at the interval and doubles while it finds nothing, up to its ceiling; and
// it backs off further when it is expensive.
import { describe, expect, it } from 'vitest';
import { QuietGate } from '../../../bridge/ledger/quiet-gate';

type S = 'a' | 'b';
const signals = (a: string | null, b: string | null) => new Map<S, string | null>([['a', a], ['b', b]]);
const gate = () => new QuietGate<S>({ intervalMs: 20_000, ceilingMs: 160_000, maxShare: 0.001 });

/** Beats of 20 s from `fromMs` for `count` beats with the same signals; the times at which it fingerprinted. */
function beats(g: QuietGate<S>, fromMs: number, count: number, found = false): number[] {
  const fullAt: number[] = [];
  for (let i = 1; i <= count; i++) {
    const now = fromMs + i * 20_000;
    const due = g.due(signals('1', '1'), now);
    if (due.parts.size === 0) continue;
    fullAt.push(now / 1000);
    g.checked(signals('1', '1'), due, found, 5, now);
  }
  return fullAt;
}

describe('the quiet gate', () => {
  it('waits its ceiling after a forced check that read everything, whatever that check built', () => {
    for (const found of [false, true]) {
      const g = gate();
      g.checked(signals('1', '1'), g.due(signals('1', '1'), 0, true), found, 5, 0);
      expect(g.fallbackMs()).toBe(160_000);
      expect(beats(g, 0, 20)).toEqual([160, 320]);
    }
  });

  it('starts at the interval after a change and doubles while nothing changes, up to its ceiling', () => {
    const g = gate();
    g.checked(signals('0', '1'), g.due(signals('0', '1'), 0, true), false, 5, 0);
    const moved = g.due(signals('1', '1'), 20_000);
    expect([...moved.parts]).toEqual(['a']);
    g.checked(signals('1', '1'), moved, true, 5, 20_000);
    expect(g.fallbackMs()).toBe(20_000);
    expect(beats(g, 20_000, 40)).toEqual([40, 80, 160, 320, 480, 640, 800]);
    expect(g.unseenBoundMs()).toBe(160_000);
  });

  it('fingerprints only the source whose signal moved or is unknown, and starts the fallback over', () => {
    const g = gate();
    g.checked(signals('1', '1'), g.due(signals('1', '1'), 0, true), false, 5, 0);
    beats(g, 0, 20);
    expect(g.fallbackMs()).toBe(160_000);
    const moved = g.due(signals('2', '1'), 410_000);
    expect([...moved.parts]).toEqual(['a']);
    g.checked(signals('2', '1'), moved, false, 5, 410_000);
    expect(g.fallbackMs()).toBe(20_000);
    // The last full fingerprint was at 320 s: with the period back at 20 s, the next beat reads every source.
    expect(g.due(signals('2', '1'), 430_000).full).toBe(true);

    const fresh = gate();
    fresh.checked(signals('1', '1'), fresh.due(signals('1', '1'), 0, true), false, 5, 0);
    expect([...fresh.due(signals('1', null), 1_000).parts]).toEqual(['b']);
  });

  it('keeps an expensive fallback under its share of a core', () => {
    const g = gate();
    // 350 ms of fingerprints at most 0.1 % of a core: once every 350 s.
    g.checked(signals('1', '1'), g.due(signals('1', '1'), 0, true), false, 350, 0);
    expect(g.fallbackMs()).toBe(350_000);
    expect(g.due(signals('1', '1'), 340_000).parts.size).toBe(0);
    expect(g.due(signals('1', '1'), 350_000).full).toBe(true);
  });
});
