// Computes the insights of every domain concurrently, each with its own time budget: a domain whose
// database fails is served degraded with its last good figures, the others as usual. A result is
// served again for `cacheMs` (insights move by the day, not the second) and recomputed on the next
// request after a sync has written a transition. Concurrent callers share one computation.
import type {
  BodyInsights,
  CorrelationInsights,
  InsightDomain,
  Insights,
  MoneyInsights,
  PantryInsights,
  TrainingInsights,
} from '../contract/insights';
import type { Queryable } from '../db/pools';
import { describeSourceError, withTimeout } from '../engine/source-error';
import type { Clock } from '../time/clock';
import { localDate } from '../time/local-date';
import { readBodyInsights } from '../training/body-insights';
import { correlations } from './correlations';
import { headline } from './headline';
import { SourceFailure, type Figures, type InsightContext } from './insight-context';
import { readMoneyInsights } from '../finance/money-insights';
import { readPantryInsights } from '../pantry/pantry-insights';
import { readTrainingInsights } from '../training/training-insights';
import { PgTrainingRepository, type TrainingLedger, type TrainingRepository } from '../training/training-repository';
import { readWeeklySeries } from './weekly-series';

export interface InsightsOptions {
  databases: { finance: Queryable; training: Queryable; twin: Queryable };
  /** The checked closed days of the transactions; null (or absent) reads every day live. */
  ledger?: TrainingLedger | null;
  clock: Clock;
  timezone: string;
  currency: string;
  personId: string;
  /** Time budget of each domain's reads. */
  timeoutMs: number;
  cacheMs: number;
  /** Told how long each computation took, in seconds. */
  onComputed?: (seconds: number) => void;
}

type Domains = { body: BodyInsights; training: TrainingInsights; money: MoneyInsights; pantry: PantryInsights; correlations: CorrelationInsights };

const EMPTY: { [K in InsightDomain]: Figures<Domains[K]> } = {
  body: {
    weight_kg_per_week_7d: null,
    weight_kg_per_week_30d: null,
    bodyfat_pct_per_week_30d: null,
    bodyfat_pct: null,
    target_bodyfat_pct: 15,
    target_reached: false,
    target_date: null,
  },
  training: {
    sessions_per_week_4w: null,
    sessions_per_week_12w: null,
    exercises: [],
    recovery_score: { mean_4w: null, mean_prior_12w: null },
    mood_score: { mean_4w: null, mean_prior_12w: null },
  },
  money: { currency: '', month: null, categories: [], net_by_month: [] },
  pantry: { insufficient_history: true, history_days: 0, products: [], expired_per_month: [] },
  correlations: { weeks: 0, tested: 0, listed: [] },
};

/** Insights move by the day: served again for at least five minutes, unless the state is never cached (0). */
export function insightsCacheMs(stateCacheMs: number): number {
  return stateCacheMs === 0 ? 0 : Math.max(stateCacheMs, 300_000);
}

// The database named in a degraded domain's error (the correlations name the one that failed; this is for a timeout).
const SOURCE: Record<InsightDomain, string> = { body: 'training', training: 'training', money: 'finance', pantry: 'history', correlations: 'finance, training or history' };

export class InsightsService {
  private cached: { insights: Insights; atMs: number } | null = null;
  private inflight: Promise<Insights> | null = null;
  private stale = false;
  private readonly lastGood: Partial<Domains> = {};
  private readonly training: TrainingRepository;

  constructor(private readonly o: InsightsOptions) {
    this.training = new PgTrainingRepository(o.databases.training, o.ledger ?? null);
  }

  /** The insights: fresh, or computed at most `maxAgeMs` ago and not stale. Never rejects. */
  get(maxAgeMs = this.o.cacheMs): Promise<Insights> {
    const nowMs = this.o.clock.now().getTime();
    if (this.cached && !this.stale && maxAgeMs > 0 && nowMs - this.cached.atMs <= maxAgeMs) return Promise.resolve(this.cached.insights);
    this.inflight ??= this.compute().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** History or sources changed (a sync wrote a transition): the next request recomputes. */
  markStale(): void {
    this.stale = true;
  }

  /** Waits for a computation under way (for an orderly shutdown). */
  async idle(): Promise<void> {
    await this.inflight?.catch(() => {});
  }

  private async settle<K extends InsightDomain>(domain: K, asOf: string, work: () => Promise<Figures<Domains[K]>>): Promise<Domains[K]> {
    try {
      const figures = await withTimeout(work(), this.o.timeoutMs, SOURCE[domain]);
      const fresh = { status: 'ok', error: null, as_of: asOf, ...figures } as Domains[K];
      this.lastGood[domain] = fresh;
      return fresh;
    } catch (err) {
      const last = this.lastGood[domain] ?? ({ ...EMPTY[domain], as_of: null } as Domains[K]);
      return { ...last, status: 'degraded', error: err instanceof SourceFailure ? err.message : describeSourceError(SOURCE[domain], err) };
    }
  }

  async compute(): Promise<Insights> {
    const started = performance.now();
    this.stale = false;
    const now = this.o.clock.now();
    const asOf = now.toISOString();
    const { databases: db, currency, personId } = this.o;
    const ctx: InsightContext & { personId: string } = { today: localDate(now, this.o.timezone), currency, personId, ledger: this.o.ledger ?? null };
    const [body, training, money, pantry, links] = await Promise.all([
      this.settle('body', asOf, () => readBodyInsights(this.training, ctx)),
      this.settle('training', asOf, () => readTrainingInsights(this.training, ctx)),
      this.settle('money', asOf, async () => ({ ...(await readMoneyInsights(db.finance, ctx)), currency })),
      this.settle('pantry', asOf, () => readPantryInsights(db.twin, ctx)),
      this.settle('correlations', asOf, async () => correlations(await readWeeklySeries({ ...db, training: this.training }, ctx), currency)),
    ]);
    const parts = { today: ctx.today.date, body, training, money: { ...money, currency }, pantry, correlations: links };
    const insights: Insights = { computed_at: asOf, timezone: this.o.timezone, headline: headline(parts), ...parts };
    this.cached = { insights, atMs: now.getTime() };
    this.o.onComputed?.((performance.now() - started) / 1000);
    return insights;
  }
}
