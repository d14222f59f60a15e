// An engine for the engine tests: its sources given, the clock fixed at a Wednesday morning in
// Warsaw, nothing cached, every computed state kept; and pools the tests end themselves.
import type pg from 'pg';
import type { TwinState } from '../../../bridge/contract/twin-state';
import { TwinEngine, type EngineOptions } from '../../../bridge/engine/twin-engine';
import { fixedClock } from '../../../bridge/time/clock';
import { sourcePool, ZONE } from '../source-rows';

export const START = '2025-03-12T08:00:00+01:00';

export function engineOver(sources: Pick<EngineOptions, 'finance' | 'training' | 'pantry'>, o: Partial<EngineOptions> = {}) {
  const computed: TwinState[] = [];
  const clock = fixedClock(START);
  const e = new TwinEngine({ ...sources, clock, timezone: ZONE, currency: 'PLN', sourceTimeoutMs: 3000, cacheMs: 0, onComputed: (s) => computed.push(s), ...o });
  return { e, computed, clock };
}

/** Pools for URLs that point at nothing useful; `end()` closes them all. */
export function faultyPools() {
  const opened: pg.Pool[] = [];
  return {
    pool(url: string, statementTimeoutMs = 1000): pg.Pool {
      const p = sourcePool(url, 'faulty', statementTimeoutMs);
      opened.push(p);
      return p;
    },
    end: () => Promise.all(opened.map((p) => p.end().catch(() => {}))),
  };
}
