// The ledger of closed periods: every month before the current one is summarised once into the
// twin database and checked in the background against the user's rows by fingerprint, so a late,
// backdated, edited or deleted transaction is noticed without triggers on their tables and its
// month built again. The current month is never summarised: its figures are always read live.
// Until the first complete check, nothing is served from the ledger (the sources read directly).
import type pg from 'pg';
import type { LedgerStatus } from '../contract/responses';
import { Migrator } from '../db/migrations/migrator';
import type { Queryable } from '../db/pools';
import { PgFinanceRepository } from '../finance/finance-repository';
import { PgPantryHistoryRepository } from '../store/pantry-history-repository';
import { PgSummariesRepository } from '../store/summaries-repository';
import { FinanceSummary } from './finance-summary';
import type { ClosedKind } from '../store/closed-or-live';
import { monthsToRedo, type MonthSummary } from './month-summary';
import { PantrySummary } from './pantry-summary';
import { QuietGate } from './quiet-gate';
import { PgTrainingRepository } from '../training/training-repository';
import type { Logger } from '../log/logger';
import type { Clock } from '../time/clock';
import { localDate } from '../time/local-date';

export interface LedgerOptions {
  finance: Queryable;
  training: Queryable;
  twin: pg.Pool;
  clock: Clock;
  timezone: string;
  /** Whose pantry history is summarised. */
  personId: string;
  log: Logger;
  /** Told when a check changed what the ledger serves (a month built again, measurements or definitions changed). */
  onChanged?: () => void;
  /** The store's migrations, which make the ledger's tables (by default run on `twin`). */
  migrations?: Migrator;
  /** The periodic check's interval: the first period of the fallback fingerprint (quiet-gate.ts); default 20 s. */
  intervalMs?: number;
  /**
   * One word for all the sources' databases when they are on one server (db/table-activity-repository.ts),
   * read first at each check: while it stays, the sources' own signals are not asked again.
   */
  serverActivity?: () => Promise<string | null>;
}

const MEMO_SIZE = 64;
/** Where the fallback stops doubling: an edit no statistic shows is found within this (unless its cost asks for longer). */
export const FALLBACK_CEILING_MS = 10 * 60_000;
/**
 * The fallback fingerprint's share of one core at most (0.02 %): 0.1 s of fingerprints (fifteen years of a
 * person's rows) every 500 s at most, 0.35 s (ten times that) every 1,750 s. An idle bridge's whole
 * budget is 0.1 %, and the statistics already show every ordinary write.
 */
export const FALLBACK_MAX_SHARE = 0.0002;

/** The sources a check reads: each has its own database, so its own change signal. */
type Source = 'finance' | 'training' | 'pantry';
const ALL_SOURCES: ReadonlySet<Source> = new Set(['finance', 'training', 'pantry']);

export class Ledger {
  private covered: string | null = null;
  private readonly dirty = new Set<string>();
  private readonly memo = new Map<string, Promise<unknown[]>>();
  private inflight: Promise<void> | null = null;
  private readonly migrations: Migrator;
  private trainingKey: string | null = null;
  private changes = 0;
  private readonly info: Omit<LedgerStatus, 'covered_until'> = {
    state: 'building',
    months: 0,
    day_rows: 0,
    last_check_at: null,
    first_check_ms: null,
    months_rebuilt_total: 0,
    quiet_checks_total: 0,
    fingerprints_total: 0,
    fallback_seconds: 0,
    last_error: null,
  };

  private readonly summaries: MonthSummary[];
  private readonly store: PgSummariesRepository;
  private readonly finance: PgFinanceRepository;
  private readonly training: PgTrainingRepository;
  private readonly pantryHistory: PgPantryHistoryRepository;
  private readonly gate: QuietGate<Source>;
  /** Wall time of this check's fingerprint reads (not its builds): what the fallback costs. */
  private readMs = 0;
  /** The server's word and the sources' signals read after it, while that word holds. */
  private lastRead: { server: string; signals: Map<Source, string | null> } | null = null;

  constructor(private readonly o: LedgerOptions) {
    // The ledger reads the sources live: what it summarises must never come from itself.
    this.store = new PgSummariesRepository(o.twin);
    this.finance = new PgFinanceRepository(o.finance);
    this.pantryHistory = new PgPantryHistoryRepository(o.twin);
    this.summaries = [new FinanceSummary(this.finance, this.store), new PantrySummary(this.pantryHistory, this.store, o.personId)];
    this.training = new PgTrainingRepository(o.training, null);
    this.migrations = o.migrations ?? new Migrator(o.twin, { clock: o.clock });
    const intervalMs = o.intervalMs ?? 20_000;
    this.gate = new QuietGate<Source>({ intervalMs, ceilingMs: Math.max(FALLBACK_CEILING_MS, intervalMs), maxShare: FALLBACK_MAX_SHARE });
  }

  /** Rises whenever anything closed changes: a month built again, closed measurements or workouts, the user's definitions. */
  get generation(): number {
    return this.changes;
  }

  /**
   * Rows of a closed range, read once per generation: closed rows change only when a check finds
   * them changed, and then the generation rises. `key` names the read (its statement and parameters).
   */
  closedRows<Row>(key: string, read: () => Promise<Row[]>): Promise<Row[]> {
    const k = `${this.changes}|${this.covered}|${key}`;
    const hit = this.memo.get(k) as Promise<Row[]> | undefined;
    if (hit) {
      // Last used, last evicted: past days asked now and then do not push out today's reads.
      this.memo.delete(k);
      this.memo.set(k, hit);
      return hit;
    }
    const rows = read();
    this.memo.set(k, rows);
    rows.catch(() => this.memo.delete(k));
    // Keys of older generations are never asked for again; a few dozen reads cover today's figures.
    if (this.memo.size > MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
    return rows;
  }

  checkedBefore(open: string): boolean {
    return this.covered === open;
  }

  status(): LedgerStatus {
    return { ...this.info, fallback_seconds: Math.round(this.gate.unseenBoundMs() / 1000), covered_until: this.covered };
  }

  /**
   * The first day from which figures must be read live for a range starting at `from`, `open` being
   * the current month's first day: the ledger serves the checked closed months before it that are
   * not waiting to be built again.
   */
  liveFrom(from: string, open: string, kind: ClosedKind): string {
    const covered = this.covered !== null && this.covered < open ? this.covered : open;
    const first = this.summaries.find((s) => s.kind === kind)?.firstDay(covered) ?? null;
    if (this.covered === null || covered <= from || (first !== null && from < first)) return from;
    const dirty = [...this.dirty]
      .filter((k) => k.startsWith(`${kind}|`))
      .map((k) => k.slice(kind.length + 1))
      .filter((m) => m >= from.slice(0, 8) + '01')
      .sort()[0];
    return dirty !== undefined && dirty < covered ? (dirty > from ? dirty : from) : covered;
  }

  /** A read of the ledger's own tables (the closed days the caller got from liveFrom), once per generation. */
  queryClosed<Row extends object>(text: string, params: unknown[]): Promise<Row[]> {
    return this.closedRows(`${text}\u0000${JSON.stringify(params)}`, () => this.store.read<Row>(text, params));
  }

  /** One check of every source (concurrent callers share it); never rejects, a failure is kept in the status. */
  check(): Promise<void> {
    return this.shared(() => this.runCheck(null));
  }

  /**
   * The periodic check: each source's change signal first, then the fingerprints of those whose
   * signal moved, or of all when the fallback is due (quiet-gate.ts). Never rejects.
   */
  tick(): Promise<void> {
    return this.shared(async () => {
      const signals = await this.readSignals();
      const open = localDate(this.o.clock.now(), this.o.timezone).monthStart;
      // A new month (or a ledger not yet checked) is built whatever the signals say.
      const due = this.gate.due(signals, this.o.clock.now().getTime(), this.covered !== open);
      if (due.parts.size === 0) {
        this.info.quiet_checks_total++;
        return;
      }
      const found = await this.runCheck(due.parts);
      if (found !== null) this.gate.checked(signals, due, found, this.readMs, this.o.clock.now().getTime());
    });
  }

  /**
   * Each source's change signal; unreadable statistics (a hosted server's rights, an old server) read
   * as unknown, so fingerprinted. When the server's word is the one read before the last signals,
   * no row of any source's database was written since: those signals stand without a query.
   */
  private async readSignals(): Promise<Map<Source, string | null>> {
    const read = (signal: () => Promise<string | null>) => signal().catch(() => null);
    const server = this.o.serverActivity ? await read(this.o.serverActivity) : null;
    if (server !== null && this.lastRead?.server === server) return this.lastRead.signals;
    const [finance, training, pantry] = await Promise.all([
      read(() => this.finance.changeSignal()),
      read(() => this.training.changeSignal()),
      read(() => this.pantryHistory.changeSignal()),
    ]);
    const signals = new Map<Source, string | null>([['finance', finance], ['training', training], ['pantry', pantry]]);
    this.lastRead = server === null ? null : { server, signals };
    return signals;
  }

  private shared(work: () => Promise<unknown>): Promise<void> {
    this.inflight ??= work()
      .then(() => {})
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  /** Waits for a check under way (for an orderly shutdown). */
  async idle(): Promise<void> {
    await this.inflight;
  }

  /** Checks `sources` (null: all); resolves whether anything changed, or null when the check failed. */
  private async runCheck(sources: ReadonlySet<Source> | null): Promise<boolean | null> {
    const started = performance.now();
    const open = localDate(this.o.clock.now(), this.o.timezone).monthStart;
    const asked = sources ?? ALL_SOURCES;
    this.readMs = 0;
    try {
      await this.migrations.ready('ledger');
      // The definitions' key covers the user's function (finance) and view (training).
      const reset = asked.has('finance') || asked.has('training') ? await this.checkDefinitions() : false;
      // Emptied by a new key: every source is built again.
      const todo = reset ? ALL_SOURCES : asked;
      let rebuilt = 0;
      for (const summary of this.summaries) if (todo.has(summary.kind)) rebuilt += await this.checkSummary(summary, open);
      const measured = todo.has('training') ? await this.checkTraining(open) : false;
      this.info.fingerprints_total += todo.size;
      const first = this.covered === null;
      // Counted again only when something was built: a quiet check reads no more than the fingerprints.
      if (first || rebuilt > 0) Object.assign(this.info, await this.store.size());
      this.covered = open;
      Object.assign(this.info, { state: 'ready', last_error: null, last_check_at: this.o.clock.now().toISOString() });
      if (first) this.info.first_check_ms = Math.round(performance.now() - started);
      if (first) this.o.log.info({ ms: this.info.first_check_ms, months: this.info.months, day_rows: this.info.day_rows, rebuilt }, 'ledger of closed months ready');
      else if (rebuilt > 0) this.o.log.info({ rebuilt }, 'ledger: closed months changed at the source, built again');
      if (reset || measured || rebuilt > 0) this.o.onChanged?.();
      return reset || measured || rebuilt > 0;
    } catch (err) {
      this.info.last_error = err instanceof Error ? err.message : String(err);
      if (this.covered === null) this.info.state = 'failed';
      this.o.log.warn({ err: this.info.last_error }, 'ledger check failed; retried at the next check');
      return null;
    }
  }

  /**
   * The key the ledger was built under; when it differs (zone, the user's SQL), its contents start
   * over. Its layout is the migrations' (db/migrations/ledger-migrations.ts).
   */
  private async checkDefinitions(): Promise<boolean> {
    const [fn, view, meta] = await Promise.all([
      this.finance.alertsDefinition(),
      this.training.bodyViewDefinition(),
      this.store.meta(),
    ]);
    const key = JSON.stringify({ timezone: this.o.timezone, alerts: fn, body: view });
    this.trainingKey ??= meta.get('training') ?? null;
    if (meta.get('key') === key) return false;
    // Emptied whole, so that nothing built under the old key is served.
    await this.store.clear(key);
    // Nothing is served from the emptied ledger until this check has built it again.
    this.covered = null;
    this.info.state = 'building';
    this.trainingKey = null;
    this.changes++;
    return meta.has('key');
  }

  /** Compares every closed month's fingerprint with the one it was built from; builds those that differ. */
  private async checkSummary(summary: MonthSummary, open: string): Promise<number> {
    const read = performance.now();
    // One after the other: both may be on the twin's pool, and a second connection would be closed
    // idle and opened again at every fallback.
    const fresh = await summary.fresh(open);
    const stored = await summary.stored();
    this.readMs += performance.now() - read;
    const redo = monthsToRedo(fresh, stored);
    const key = (month: string) => `${summary.kind}|${month}`;
    // Out of service at once: until built again, these months are read live.
    for (const m of [...redo.build.map((r) => r.month), ...redo.drop]) this.dirty.add(key(m));
    for (const r of redo.build) {
      await summary.build(r);
      this.dirty.delete(key(r.month));
      this.changes++;
    }
    for (const m of redo.drop) {
      await summary.drop(m);
      this.dirty.delete(key(m));
      this.changes++;
    }
    const count = redo.build.length + redo.drop.length;
    this.info.months_rebuilt_total += count;
    return count;
  }

  /** Closed measurements and workouts: one fingerprint each; a change expires what was derived from them. */
  private async checkTraining(open: string): Promise<boolean> {
    const read = performance.now();
    const m = await this.training.measurementsFingerprint(open, 'before');
    const w = await this.training.workoutsFingerprint(open);
    this.readMs += performance.now() - read;
    const key = `${open}|${m.rows}|${m.fingerprint}|${w.rows}|${w.fingerprint}`;
    if (key === this.trainingKey) return false;
    const known = this.trainingKey !== null;
    this.trainingKey = key;
    await this.store.writeMeta('training', key);
    this.changes++;
    return known;
  }
}
