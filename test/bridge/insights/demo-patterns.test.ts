// The demo carries real, modest patterns: on a first start /insights finds a progressing and a
// stalled exercise, and the link between rest days and recovery.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insights } from '../../../bridge/contract/insights';
import { PROGRESSING_EXERCISE, STALLED_EXERCISE } from '../../../bridge/demo/insight-patterns';
import { seedDemoData } from '../../../bridge/demo/seed-demo';
import { InsightsService } from '../../../bridge/insights/insights-service';
import { fixedClock } from '../../../bridge/time/clock';
import { freshDatabases, poolFor, type TestDatabases } from '../../fixtures/databases';
import { ZONE, sourcePool } from '../source-rows';
import { insightsSources } from '../../fixtures/repositories';

const PERSON = '00000000-0000-4000-8000-000000000003';
const NOW = '2026-12-02T10:00:00+01:00';
let dbs: TestDatabases;
let pools: { finance: pg.Pool; training: pg.Pool; twin: pg.Pool };
let insights: Insights;

beforeAll(async () => {
  dbs = await freshDatabases();
  const seedPools = { finance: poolFor(dbs.finance), training: poolFor(dbs.training), pantry: poolFor(dbs.pantry), twin: poolFor(dbs.twin) };
  try {
    await seedDemoData(seedPools, { today: '2026-12-02', now: new Date(NOW), personId: PERSON });
  } finally {
    await Promise.all(Object.values(seedPools).map((p) => p.end()));
  }
  pools = { finance: sourcePool(dbs.finance, 'finance'), training: sourcePool(dbs.training, 'training'), twin: sourcePool(dbs.twin, 'history') };
  insights = await new InsightsService({ ...insightsSources(pools), clock: fixedClock(NOW), timezone: ZONE, currency: 'PLN', personId: PERSON, timeoutMs: 10_000, cacheMs: 0 }).get();
}, 120_000);
afterAll(async () => {
  await Promise.all(Object.values(pools ?? {}).map((p) => p.end()));
  await dbs?.drop();
});

describe('demo patterns', () => {
  it('has one exercise progressing and one stalled', () => {
    const byId = new Map(insights.training.exercises.map((e) => [e.exercise_id, e.status]));
    expect(byId.get(PROGRESSING_EXERCISE)).toBe('progressing');
    expect(byId.get(STALLED_EXERCISE)).toBe('stalled');
  });

  it('lists the link between rest days before workouts and the recovery score, positive', () => {
    const link = insights.correlations.listed.find((l) => l.x === 'rest_days_before' && l.y === 'recovery_score' && l.lag_weeks === 0);
    expect(link?.r).toBeGreaterThan(0.2);
    expect(insights.headline).not.toBeNull();
  });
});
