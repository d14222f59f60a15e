// Gathers the three sources concurrently into one TwinState. A source that fails or runs past its
// time budget degrades its own domain (with the last values it gave, if any); the others are served.
// Concurrent callers share one computation, and a state is served again for `cacheMs`.
import type { DomainName, FinanceDomain, HealthDomain, PantryDomain, TwinState } from '../contract/twin-state';
import { readFinance, type FinanceData } from '../finance/finance-domain';
import type { FinanceRepository } from '../finance/finance-repository';
import { readHealth, type HealthData } from '../training/health-domain';
import type { TrainingRepository } from '../training/training-repository';
import { pantryOnDay, pantryUnknownText, readPantry, type PantryData } from '../pantry/pantry-domain';
import type { PantryRepository } from '../pantry/pantry-repository';
import type { PantryHistoryRepository } from '../store/pantry-history-repository';
import type { Clock } from '../time/clock';
import { liveDay, pastDay, type TwinDay } from '../time/twin-day';
import { DegradeAlone, type Attempt, type DomainFigures } from './degrade-alone';
import type { DomainRecord } from './domain-tracker';
import { SharedComputation } from './shared-computation';

/** The three sources, as metrics and error texts name them. */
export type SourceName = 'finance' | 'training' | 'pantry';

export interface EngineOptions {
  /** Each source behind its repository. */
  finance: FinanceRepository;
  training: TrainingRepository;
  pantry: PantryRepository;
  /** The pantry's recorded past: a past day's pantry is the twin's own record of it. */
  pantryHistory: PantryHistoryRepository;
  personId: string;
  clock: Clock;
  timezone: string;
  currency: string;
  sourceTimeoutMs: number;
  cacheMs: number;
  /** Told of every freshly computed state (history recording hooks in here). */
  onComputed?: (state: TwinState) => void;
  /** Told how long each source took, for metrics. */
  onSourceTimed?: (source: SourceName, seconds: number, ok: boolean) => void;
}

type Domains = { health: HealthDomain; finance: FinanceDomain; pantry: PantryDomain };

const EMPTY: { [K in DomainName]: DomainFigures<Domains[K]> } = {
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
  finance: { currency: '', month: null, mtd_net: null, mtd_income: null, mtd_expense: null, active_budget_alerts: null, alerts: [], budgets: [], monthly_net: [], upcoming: [], upcoming_note: null },
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

const SOURCE_OF: Record<DomainName, SourceName> = { health: 'training', finance: 'finance', pantry: 'pantry' };

export class TwinEngine {
  private readonly domains: DegradeAlone<Domains>;
  private readonly shared: SharedComputation<TwinState>;

  constructor(private readonly o: EngineOptions) {
    this.domains = new DegradeAlone<Domains>({
      empty: EMPTY,
      sourceOf: SOURCE_OF,
      timeoutMs: o.sourceTimeoutMs,
      onTimed: (domain, seconds, ok) => o.onSourceTimed?.(SOURCE_OF[domain], seconds, ok),
    });
    // Refresh ahead: in the last quarter of the window the next state is computed in the
    // background, so callers under load never all wait on one expired state.
    this.shared = new SharedComputation({ clock: o.clock, compute: (now) => this.computeAt(now), refreshAhead: true });
  }

  /** The current state: a fresh one, or one computed at most `maxAgeMs` ago. Never rejects. */
  getState(maxAgeMs = this.o.cacheMs): Promise<TwinState> {
    return this.shared.get(maxAgeMs);
  }

  /** When the domain last succeeded and how many computations in a row it has failed since. */
  domainRecord(domain: DomainName): DomainRecord {
    return this.domains.record(domain);
  }

  /** Resolves when no computation is running (shutdown waits for it before the last history write). */
  idle(): Promise<void> {
    return this.shared.idle();
  }

  /** A fresh state now, served again by getState within its window. */
  compute(): Promise<TwinState> {
    return this.shared.compute();
  }

  /**
   * The state at the end of a past day (YYYY-MM-DD, before today), from the rows dated up to it.
   * Computed on every call, neither cached nor recorded in history; a failing source degrades its
   * domain of that day only. Never rejects.
   */
  async stateOn(date: string): Promise<TwinState> {
    const computedAt = this.o.clock.now().toISOString();
    const day = pastDay(date, liveDay(this.o.clock.now(), this.o.timezone).today.monthStart);
    const [health, finance, pantry] = await this.readDomains(day, Date.parse(computedAt));
    const settle = <K extends DomainName>(domain: K, attempt: Attempt<DomainFigures<Domains[K]>>) => this.domains.settleApart(domain, attempt, computedAt);
    return {
      computed_at: computedAt,
      timezone: this.o.timezone,
      today: date,
      past: true,
      health: settle('health', health),
      finance: { ...settle('finance', finance), currency: this.o.currency },
      pantry: settle('pantry', pantry),
    };
  }

  /** The three domains' reads for the day; a past day's pantry is the twin's record of it, or unknown. */
  private async readDomains(day: TwinDay, nowMs: number): Promise<[Attempt<HealthData>, Attempt<FinanceData>, Attempt<PantryData>]> {
    const { today, ...bounds } = day;
    const attempt = <T>(domain: DomainName, work: () => Promise<T>): Promise<Attempt<T>> => this.domains.attempt(domain, work);
    const [health, finance, pantry] = await Promise.all([
      attempt('health', () => readHealth(this.o.training, { today, bounds })),
      attempt('finance', () => readFinance(this.o.finance, { today, bounds, currency: this.o.currency })),
      attempt('pantry', () => (bounds.past ? pantryOnDay(this.o.pantryHistory, this.o.personId, today.date) : readPantry(this.o.pantry, { today, nowMs }))),
    ]);
    if (!pantry.ok) return [health, finance, pantry];
    const known: Attempt<PantryData> = pantry.value === null ? { ok: false, error: pantryUnknownText(today.date) } : { ok: true, value: pantry.value };
    return [health, finance, known];
  }

  private async computeAt(now: Date): Promise<TwinState> {
    const computedAt = now.toISOString();
    const day = liveDay(now, this.o.timezone);
    const [health, finance, pantry] = await this.readDomains(day, now.getTime());
    const settle = <K extends DomainName>(domain: K, attempt: Attempt<DomainFigures<Domains[K]>>) => this.domains.settle(domain, attempt, computedAt);
    const state: TwinState = {
      computed_at: computedAt,
      timezone: this.o.timezone,
      today: day.today.date,
      health: settle('health', health),
      finance: { ...settle('finance', finance), currency: this.o.currency },
      pantry: settle('pantry', pantry),
    };
    this.o.onComputed?.(state);
    return state;
  }
}
