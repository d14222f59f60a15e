// The store's migrations for one history database: run once at start, and again by whoever needs a
// part of the store that is not ready yet (its database was down at start, or a right was missing),
// at most every few seconds, so that the store comes back by itself.
import type pg from 'pg';
import { systemClock, type Clock } from '../../time/clock';
import type { Migration, StorePart } from './migration';
import { MIGRATIONS } from './migrations';
import { blockingProblem, runMigrations, type MigrationReport } from './run-migrations';

/** A part of the store cannot be used: one of its migrations is not applied (the message says why). */
export class StoreNotReadyError extends Error {}

const RETRY_MS = 5000;

export class Migrator {
  private report: MigrationReport | null = null;
  private running: Promise<MigrationReport> | null = null;
  /** When the last run ended, and why it failed (the database could not be reached) or null. */
  private lastRun: { atMs: number; error: Error | null } | null = null;

  constructor(
    private readonly db: pg.Pool,
    private readonly o: { clock?: Clock; list?: readonly Migration[] } = {},
  ) {}

  private nowMs(): number {
    return (this.o.clock ?? systemClock).now().getTime();
  }

  /** Applies what is pending (concurrent callers share one run); rejects only when the database cannot be reached. */
  run(): Promise<MigrationReport> {
    this.running ??= runMigrations(this.db, this.o.list ?? MIGRATIONS)
      .then(
        (report) => {
          this.lastRun = { atMs: this.nowMs(), error: null };
          return (this.report = report);
        },
        (err: unknown) => {
          this.lastRun = { atMs: this.nowMs(), error: err instanceof Error ? err : new Error(String(err)) };
          throw err;
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /**
   * Resolves when every required migration of `part` is applied. When one is not, the migrations run
   * again, unless they ran less than a few seconds ago: then the last answer stands.
   */
  async ready(part: StorePart): Promise<void> {
    if (this.report && blockingProblem(this.report, part) === null) return;
    if (this.running || !this.lastRun || this.nowMs() - this.lastRun.atMs >= RETRY_MS) await this.run().catch(() => {});
    if (this.lastRun?.error) throw this.lastRun.error;
    const problem = this.report ? blockingProblem(this.report, part) : null;
    if (problem !== null) throw new StoreNotReadyError(problem);
  }
}
