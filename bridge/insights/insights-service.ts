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
import { DegradeAlone } from '../engine/degrade-alone';
import { SharedComputation } from '../engine/shared-computation';
import { describeSourceError, SourceFailure } from '../db/source-error';
import type { Clock } from '../time/clock';
import { liveDay, pastDay, type TwinDay } from '../time/twin-day';
import { TARGET_BODYFAT_PCT, readBodyInsights } from '../training/body-insights';
import { correlations } from './correlations';
import { headline } from './headline';
import type { Figures, InsightContext } from '../analysis/insight-context';
import { readMoneyInsights } from '../finance/money-insights';
import { readPantryInsights } from '../pantry/pantry-insights';
import { readTrainingInsights } from '../training/training-insights';
import { readWeeklySeries, type SeriesSources } from './weekly-series';

export interface InsightsOptions {
  /** The finance and training databases and the twin's pantry history, each behind its repository. */
  sources: SeriesSources;
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
    target_bodyfat_pct: TARGET_BODYFAT_PCT,
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
  private readonly domains: DegradeAlone<Domains>;
  private readonly shared: SharedComputation<Insights>;

  constructor(private readonly o: InsightsOptions) {
    this.domains = new DegradeAlone<Domains>({
      empty: EMPTY,
      sourceOf: SOURCE,
      timeoutMs: o.timeoutMs,
      describe: (source, err) => (err instanceof SourceFailure ? err.message : describeSourceError(source, err)),
    });
    this.shared = new SharedComputation({ clock: o.clock, compute: (now) => this.computeAt(now) });
  }

  /** The insights: fresh, or computed at most `maxAgeMs` ago and not stale. Never rejects. */
  get(maxAgeMs = this.o.cacheMs): Promise<Insights> {
    return this.shared.get(maxAgeMs);
  }

  /** History or sources changed (a sync wrote a transition): the next request recomputes. */
  markStale(): void {
    this.shared.markStale();
  }

  /** Waits for a computation under way (for an orderly shutdown). */
  idle(): Promise<void> {
    return this.shared.idle();
  }

  /** Fresh insights now, served again by get within its window. */
  compute(): Promise<Insights> {
    return this.shared.compute();
  }

  /**
   * The insights at the end of a past day (YYYY-MM-DD, before today), from the rows dated up to it.
   * Computed on every call and not cached; a failing domain is degraded for that day only.
   */
  async insightsOn(date: string): Promise<Insights> {
    const asOf = this.o.clock.now().toISOString();
    const day = pastDay(date);
    const settle: Settle = async (domain, work) => this.domains.settleApart(domain, await this.domains.attempt(domain, work), asOf);
    return { ...(await this.computeFor(day, asOf, settle)), past: true };
  }

  private async computeAt(now: Date): Promise<Insights> {
    const started = performance.now();
    const asOf = now.toISOString();
    const insights = await this.computeFor(liveDay(now, this.o.timezone), asOf, (domain, work) => this.domains.run(domain, asOf, work));
    this.o.onComputed?.((performance.now() - started) / 1000);
    return insights;
  }

  private async computeFor({ today, until }: TwinDay, asOf: string, settle: Settle): Promise<Insights> {
    const { currency, personId } = this.o;
    const ctx: InsightContext & { personId: string } = { today, until, currency, personId };
    const [body, training, money, pantry, links] = await Promise.all([
      settle('body', () => readBodyInsights(this.o.sources.training, ctx)),
      settle('training', () => readTrainingInsights(this.o.sources.training, ctx)),
      settle('money', async () => ({ ...(await readMoneyInsights(this.o.sources.finance, ctx)), currency })),
      settle('pantry', () => readPantryInsights(this.o.sources.pantryHistory, ctx)),
      settle('correlations', async () => correlations(await readWeeklySeries(this.o.sources, ctx), currency)),
    ]);
    const parts = { today: today.date, body, training, money: { ...money, currency }, pantry, correlations: links };
    return { computed_at: asOf, timezone: this.o.timezone, headline: headline(parts), ...parts };
  }
}

/** How a domain's reads become the domain: kept as today's last good figures, or apart (another day). */
type Settle = <K extends InsightDomain>(domain: K, work: () => Promise<Figures<Domains[K]>>) => Promise<Domains[K]>;
