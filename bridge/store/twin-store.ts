// The twin's own store in the history database (TWIN_DATABASE_URL, by default the finance one):
// its migrations and the repositories of its tables, over one pool. The services (history,
// retention, the webhook's outbox) ask these questions and never see SQL.
import type pg from 'pg';
import { Migrator } from '../db/migrations/migrator';
import type { Clock } from '../time/clock';
import { DomainStatusRepository } from './domain-status-repository';
import { PgHistoryRepository, type HistoryTable } from './history-repository';
import { OutboxRepository } from './outbox-repository';

export class TwinStore {
  readonly migrations: Migrator;
  readonly history: PgHistoryRepository;
  readonly outbox: OutboxRepository;
  readonly domainStatus: DomainStatusRepository;

  /** `migrations` may run on another pool than the statements (a benchmark records only the latter). */
  constructor(db: pg.Pool, o: { clock?: Clock; migrations?: Migrator } = {}) {
    this.migrations = o.migrations ?? new Migrator(db, { clock: o.clock });
    this.history = new PgHistoryRepository(db);
    this.outbox = new OutboxRepository(db);
    this.domainStatus = new DomainStatusRepository(db);
  }

  /** The history table, usable once its migrations have been applied. */
  historyTable(): HistoryTable {
    return { history: this.history, ready: () => this.migrations.ready('history') };
  }
}
