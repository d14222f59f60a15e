// Each domain degrades alone: its reads run within a time budget, and a domain whose source fails or
// runs past it is served with its last good figures (empty ones if it never answered), marked
// degraded with a readable reason, while the other domains are served as usual. The twin's state and
// the insights both build their domains through this.
import { DomainTracker, type DomainRecord } from './domain-tracker';
import { describeSourceError, withTimeout } from '../db/source-error';

/** The fields every domain carries beside its figures. */
export interface DomainMeta {
  status: 'ok' | 'degraded';
  error: string | null;
  as_of: string | null;
}

/** A domain's figures, without the fields this adds. */
export type DomainFigures<T> = Omit<T, keyof DomainMeta>;

/** One try at a domain's reads: what they gave, or why they failed. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: string };

export interface DegradeAloneOptions<D extends Record<string, DomainMeta>> {
  /** The figures of a domain that has never answered. */
  empty: { [K in keyof D]: DomainFigures<D[K]> };
  /** The database each domain reads, named in its error. */
  sourceOf: Record<keyof D, string>;
  /** Time budget of one domain's reads. */
  timeoutMs: number;
  /** How a failure reads; by default the error described with the domain's database. */
  describe?: (source: string, err: unknown) => string;
  /** Told how long each domain's reads took and whether they answered, for metrics. */
  onTimed?: (domain: keyof D & string, seconds: number, ok: boolean) => void;
}

export class DegradeAlone<D extends Record<string, DomainMeta>> {
  private readonly lastGood: Partial<D> = {};
  private readonly tracker = new DomainTracker<keyof D & string>();

  constructor(private readonly o: DegradeAloneOptions<D>) {}

  /** Runs a domain's reads within the time budget. Never rejects. */
  async attempt<T>(domain: keyof D & string, work: () => Promise<T>): Promise<Attempt<T>> {
    const source = this.o.sourceOf[domain];
    const started = performance.now();
    try {
      const value = await withTimeout(work(), this.o.timeoutMs, source);
      this.o.onTimed?.(domain, (performance.now() - started) / 1000, true);
      return { ok: true, value };
    } catch (err) {
      this.o.onTimed?.(domain, (performance.now() - started) / 1000, false);
      return { ok: false, error: (this.o.describe ?? describeSourceError)(source, err) };
    }
  }

  /** The domain as served after an attempt made at `asOf`: its fresh figures, or its last good ones degraded. */
  settle<K extends keyof D & string>(domain: K, attempt: Attempt<DomainFigures<D[K]>>, asOf: string): D[K] {
    if (attempt.ok) {
      const fresh = { status: 'ok', error: null, as_of: asOf, ...attempt.value } as unknown as D[K];
      this.lastGood[domain] = fresh;
      this.tracker.succeeded(domain, asOf);
      return fresh;
    }
    this.tracker.failed(domain, asOf);
    const last = this.lastGood[domain] ?? ({ ...this.o.empty[domain], as_of: null } as unknown as D[K]);
    return { ...last, status: 'degraded', error: attempt.error };
  }

  /**
   * The domain of another day after an attempt: its figures, or empty ones degraded with the reason.
   * Neither kept as the last good figures nor counted in the domain's record, which are today's.
   */
  settleApart<K extends keyof D & string>(domain: K, attempt: Attempt<DomainFigures<D[K]>>, asOf: string): D[K] {
    if (attempt.ok) return { status: 'ok', error: null, as_of: asOf, ...attempt.value } as unknown as D[K];
    return { ...this.o.empty[domain], status: 'degraded', error: attempt.error, as_of: null } as unknown as D[K];
  }

  /** Attempts a domain's reads and settles it. Never rejects. */
  async run<K extends keyof D & string>(domain: K, asOf: string, work: () => Promise<DomainFigures<D[K]>>): Promise<D[K]> {
    return this.settle(domain, await this.attempt(domain, work), asOf);
  }

  /** When the domain last succeeded and how many attempts in a row have failed since. */
  record(domain: keyof D & string): DomainRecord {
    return this.tracker.get(domain);
  }
}
