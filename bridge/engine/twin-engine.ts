// Gathers the three sources concurrently into one TwinState. A source that fails or runs past its
// time budget degrades its own domain (with the last values it gave, if any); the others are served.
// Concurrent callers share one computation, and a state is served again for `cacheMs`.
import type { DomainName, FinanceDomain, HealthDomain, PantryDomain, TwinState } from '../contract/twin-state';
import type { Queryable } from '../db/pools';
import { readFinance, type FinanceData } from '../finance/finance-domain';
import type { Ledger } from '../ledger/ledger';
import { readHealth, type HealthData } from '../training/health-domain';
import { PgTrainingRepository, type TrainingRepository } from '../training/training-repository';
import { PantrySource, type PantryData } from '../pantry/pantry-domain';
import type { Clock } from '../time/clock';
import { localDate } from '../time/local-date';
import { DomainTracker, type DomainRecord } from './domain-tracker';
import { describeSourceError, withTimeout } from './source-error';

export interface SourceDatabases {
  finance: Queryable;
  training: Queryable;
  pantry: Queryable;
}

export interface EngineOptions {
  databases: SourceDatabases;
  /** Closed months summarised once; null (or absent) reads everything directly. */
  ledger?: Ledger | null;
  clock: Clock;
  timezone: string;
  currency: string;
  sourceTimeoutMs: number;
  cacheMs: number;
  /** Told of every freshly computed state (history recording hooks in here). */
  onComputed?: (state: TwinState) => void;
  /** Told how long each source took, for metrics. */
  onSourceTimed?: (source: keyof SourceDatabases, seconds: number, ok: boolean) => void;
}

type Domains = { health: HealthDomain; finance: FinanceDomain; pantry: PantryDomain };

const EMPTY: { [K in DomainName]: Omit<Domains[K], 'status' | 'error' | 'as_of'> } = {
  health: {
    measurement_date: null,
    bodyweight_kg: null,
    bodyfat_pct: null,
    estimated_lean_mass: null,
    weight_change: null,
    bodyfat_change: null,
    weight_trend: null,
    last_workout: null,
    days_since_workout: null,
    workouts_this_week: null,
    training_suggestion: null,
    body_series: [],
  },
  finance: { currency: '', month: null, mtd_net: null, mtd_income: null, mtd_expense: null, active_budget_alerts: null, alerts: [], budgets: [], monthly_net: [] },
  pantry: {
    variant: null,
    tracked_products: null,
    low_stock_count: null,
    low_stock_items: [],
    low_stock: [],
    expired_count: null,
    expiring_count: null,
    expiring: [],
  },
};

const SOURCE_OF: Record<DomainName, keyof SourceDatabases> = { health: 'training', finance: 'finance', pantry: 'pantry' };

export class TwinEngine {
  private readonly pantry: PantrySource;
  private readonly training: TrainingRepository;
  private lastGood: Partial<Domains> = {};
  private readonly tracker = new DomainTracker();
  private cached: { state: TwinState; atMs: number } | null = null;
  private inflight: Promise<TwinState> | null = null;

  constructor(private readonly o: EngineOptions) {
    this.pantry = new PantrySource(o.databases.pantry);
    this.training = new PgTrainingRepository(o.databases.training, o.ledger ?? null);
  }

  /** The current state: a fresh one, or one computed at most `maxAgeMs` ago. Never rejects. */
  getState(maxAgeMs = this.o.cacheMs): Promise<TwinState> {
    const nowMs = this.o.clock.now().getTime();
    if (this.cached && maxAgeMs > 0 && nowMs - this.cached.atMs <= maxAgeMs) {
      // Refresh ahead: in the last quarter of the window the next state is computed in the
      // background, so callers under load never all wait on one expired state.
      if (!this.inflight && nowMs - this.cached.atMs >= maxAgeMs * 0.75) void this.computeShared();
      return Promise.resolve(this.cached.state);
    }
    return this.inflight ?? this.computeShared();
  }

  /** When the domain last succeeded and how many computations in a row it has failed since. */
  domainRecord(domain: DomainName): DomainRecord {
    return this.tracker.get(domain);
  }

  /** Resolves when no computation is running (shutdown waits for it before the last history write). */
  async idle(): Promise<void> {
    while (this.inflight) await this.inflight;
  }

  private computeShared(): Promise<TwinState> {
    this.inflight = this.compute().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async timed<T>(domain: DomainName, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
    const source = SOURCE_OF[domain];
    const started = performance.now();
    try {
      const value = await withTimeout(work(), this.o.sourceTimeoutMs, source);
      this.o.onSourceTimed?.(source, (performance.now() - started) / 1000, true);
      return { ok: true, value };
    } catch (err) {
      this.o.onSourceTimed?.(source, (performance.now() - started) / 1000, false);
      return { ok: false, error: describeSourceError(source, err) };
    }
  }

  private settle<K extends DomainName>(
    domain: K,
    result: { ok: true; value: unknown } | { ok: false; error: string },
    computedAt: string,
  ): Domains[K] {
    if (result.ok) {
      const fresh = { status: 'ok', error: null, as_of: computedAt, ...(result.value as object) } as Domains[K];
      this.lastGood[domain] = fresh;
      this.tracker.succeeded(domain, computedAt);
      return fresh;
    }
    this.tracker.failed(domain, computedAt);
    const last = this.lastGood[domain];
    const base = last ?? ({ ...EMPTY[domain], as_of: null } as unknown as Domains[K]);
    return { ...base, status: 'degraded', error: result.error };
  }

  async compute(): Promise<TwinState> {
    const now = this.o.clock.now();
    const today = localDate(now, this.o.timezone);
    const computedAt = now.toISOString();
    const { databases } = this.o;
    const [health, finance, pantry] = await Promise.all([
      this.timed<HealthData>('health', () => readHealth(this.training, { today })),
      this.timed<FinanceData>('finance', () => readFinance(databases.finance, { today, currency: this.o.currency, ledger: this.o.ledger })),
      this.timed<PantryData>('pantry', () => this.pantry.read({ today, nowMs: now.getTime() })),
    ]);
    const state: TwinState = {
      computed_at: computedAt,
      timezone: this.o.timezone,
      today: today.date,
      health: this.settle('health', health, computedAt),
      finance: { ...this.settle('finance', finance, computedAt), currency: this.o.currency },
      pantry: this.settle('pantry', pantry, computedAt),
    };
    this.cached = { state, atMs: now.getTime() };
    this.o.onComputed?.(state);
    return state;
  }
}
