// An installation made by the code before migrations (main at 279aa94): its layout made with that
// code's statements (old-layout.ts), filled with history, outbox, domain status and ledger rows.
// The migrations adopt it: every row is still there, and a bridge started on it pages the old
// history, pushes what was pending and nothing else, and serves the ledger without building a
// month again.
import crypto from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../bridge/db/migrations/migrations';
import { runMigrations } from '../../../bridge/db/migrations/run-migrations';
import { FinanceSummary } from '../../../bridge/ledger/finance-summary';
import { PgFinanceRepository } from '../../../bridge/finance/finance-repository';
import { PgPantryHistoryRepository } from '../../../bridge/store/pantry-history-repository';
import { PgSummariesRepository } from '../../../bridge/store/summaries-repository';
import { PgTrainingRepository } from '../../../bridge/training/training-repository';
import { PantrySummary } from '../../../bridge/ledger/pantry-summary';
import { fixedClock } from '../../../bridge/time/clock';
import { localDate, monthStartAfter } from '../../../bridge/time/local-date';
import { startTestBridge, type TestBridge } from '../../fixtures/bridge-server';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { insertTransactions, sourcePool, ZONE } from '../source-rows';
import { eventually, WebhookReceiver } from '../webhook/webhook-receiver';
import { OLD_LAYOUT, OLD_TABLES, oldLedgerKey } from './old-layout';

const PERSON = '00000000-0000-4000-8000-0000000000a1';
const OTHER = crypto.randomUUID();
const clock = fixedClock(new Date());
const open = localDate(clock.now(), ZONE).monthStart;
const daysAgo = (n: number) => new Date(clock.now().getTime() - n * 86_400_000).toISOString();

let dbs: TestDatabases;
let twin: pg.Pool;
let training: pg.Pool;
beforeAll(async () => {
  dbs = await freshDatabases();
  twin = sourcePool(dbs.twin, 'history');
  training = sourcePool(dbs.training, 'training');
});
afterAll(async () => {
  await twin?.end();
  await training?.end();
  await dbs?.drop();
});

async function historyRow(o: { entity: string; at: string; person?: string; source?: string; processed?: boolean; data?: object }): Promise<string> {
  const { rows } = await twin.query<{ id: string }>(
    `INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at, processed_at)
     VALUES ($1, $2::uuid, $3::jsonb, $4, 'status_sync', $5::timestamptz, CASE WHEN $6::boolean THEN $5::timestamptz + interval '1 minute' END)
     RETURNING id`,
    [o.entity, o.person ?? PERSON, JSON.stringify(o.data ?? { at: o.at }), o.source ?? 'g04_engine', o.at, o.processed === true],
  );
  return rows[0].id;
}

/** History of every kind: before the webhook, delivered, pending, other systems' and another person's. */
async function fillHistory(): Promise<{ beforeWebhook: string[]; delivered: string[]; pending: string[] }> {
  const beforeWebhook: string[] = [];
  for (let i = 0; i < 9; i++) {
    const entity = ['pantry', 'finance', 'health'][i % 3];
    beforeWebhook.push(await historyRow({ entity, at: daysAgo(80 - i * 5), data: { expired_count: i % 4, low_stock_count: i } }));
  }
  await twin.query(`INSERT INTO digital_twin_webhook_state (entity_id, enabled_since) VALUES ($1::uuid, $2::timestamptz)`, [PERSON, daysAgo(30)]);
  const delivered = [
    await historyRow({ entity: 'finance', at: daysAgo(20), processed: true, data: { mtd_net: 10 } }),
    await historyRow({ entity: 'health', at: daysAgo(19), processed: true, data: { bodyweight_kg: 80 } }),
  ];
  const pending = [
    await historyRow({ entity: 'finance', at: daysAgo(3), data: { mtd_net: 20 } }),
    await historyRow({ entity: 'health', at: daysAgo(2), data: { bodyweight_kg: 79.5 } }),
  ];
  await historyRow({ entity: 'goal', at: daysAgo(40), source: 'n8n_router' });
  await historyRow({ entity: 'finance', at: daysAgo(40), person: OTHER });
  await twin.query(
    `INSERT INTO digital_twin_webhook_domains (entity_id, domain, status, error, changed_at, event_id, delivered_status) VALUES
       ($1::uuid, 'finance', 'ok', NULL, $2::timestamptz, gen_random_uuid(), 'ok'),
       ($1::uuid, 'pantry', 'degraded', 'pantry database unreachable', $3::timestamptz, gen_random_uuid(), 'ok')`,
    [PERSON, daysAgo(25), daysAgo(1)],
  );
  return { beforeWebhook, delivered, pending };
}

/** The ledger as that code built it: the same summaries over the same layout, under its key. */
async function fillLedger(): Promise<void> {
  const month = (back: number, day: number) => `${monthStartAfter(open, -back).slice(0, 8)}${String(day).padStart(2, '0')}`;
  await insertTransactions(twin, [
    { id: 'T-OLD-1', date: month(2, 3), type: 'Expense', amount: '120.50' },
    { id: 'T-OLD-2', date: month(2, 17), type: 'Income', amount: '3000.00' },
    { id: 'T-OLD-3', date: month(1, 9), type: 'Expense', amount: '45.10' },
  ]);
  const store = new PgSummariesRepository(twin);
  for (const summary of [new FinanceSummary(new PgFinanceRepository(twin), store), new PantrySummary(new PgPantryHistoryRepository(twin), store, PERSON)]) {
    for (const f of await summary.fresh(open)) await summary.build(f);
  }
  const alerts = await new PgFinanceRepository(twin).alertsDefinition();
  const body = await new PgTrainingRepository(training).bodyViewDefinition();
  await store.writeMeta('key', oldLedgerKey(ZONE, alerts, body));
  await store.writeMeta('training', `${open}|0|0|0|0`);
}

/** Every row of every table the old code made, as JSON text, in a stable order. */
async function snapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of OLD_TABLES) out[table] = (await twin.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY 1`)).rows.map((r) => r.row);
  return out;
}

async function indexesOfHistory(): Promise<string[]> {
  const { rows } = await twin.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'digital_twin_updates' ORDER BY 1`);
  return rows.map((r) => r.indexname);
}

async function historyIds(url: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = (await (await fetch(`${url}/history?limit=5${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { items: { id: string }[]; next_cursor: string | null };
    ids.push(...page.items.map((i) => i.id));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

describe('an installation made before migrations', () => {
  let rows: Awaited<ReturnType<typeof fillHistory>>;
  let before: Record<string, string[]>;

  it('is adopted by the migrations with every row kept', async () => {
    for (const statement of OLD_LAYOUT) await twin.query(statement);
    rows = await fillHistory();
    await fillLedger();
    before = await snapshot();
    const indexes = await indexesOfHistory();
    expect(before['digital_twin_ledger.finance_month']).toHaveLength(2);
    expect(before['digital_twin_ledger.pantry_month'].length).toBeGreaterThan(0);

    const report = await runMigrations(twin);
    expect(report).toMatchObject({ recorded: true, applied: MIGRATIONS.map((m) => m.id), pending: [] });

    const after = await snapshot();
    // The ledger's key loses the layout's version (the layout is the migrations' now); nothing else changes.
    const key = (s: Record<string, string[]>) => s['digital_twin_ledger.meta'].find((r) => JSON.parse(r).name === 'key')!;
    const keyBefore = JSON.parse(JSON.parse(key(before)).value) as Record<string, unknown>;
    expect(JSON.parse(JSON.parse(key(after)).value)).toEqual({ timezone: keyBefore.timezone, alerts: keyBefore.alerts, body: keyBefore.body });
    expect({ ...after, 'digital_twin_ledger.meta': after['digital_twin_ledger.meta'].filter((r) => r !== key(after)) }).toEqual({
      ...before,
      'digital_twin_ledger.meta': before['digital_twin_ledger.meta'].filter((r) => r !== key(before)),
    });
    expect(await indexesOfHistory()).toEqual(indexes);
    expect((await runMigrations(twin)).applied).toEqual([]);
  });

  it('runs a bridge that pages the old history, pushes only what was pending, and keeps the ledger', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    let tb: TestBridge | null = null;
    try {
      tb = await startTestBridge({
        dbs,
        clock,
        env: { TWIN_PERSON_ID: PERSON, TWIN_CACHE_MS: '0', TWIN_WEBHOOK_URL: receiver.url },
        webhookTiming: { retry: { firstMs: 40, maxMs: 300 }, pollMs: 100 },
      });
      const { bridge } = tb;
      await bridge.ledger!.check();
      expect(bridge.ledger!.status()).toMatchObject({ state: 'ready', last_error: null, months: 2, months_rebuilt_total: 0 });

      const paged = await historyIds(tb.url);
      const old = [...rows.beforeWebhook, ...rows.delivered, ...rows.pending];
      expect(paged).toEqual(expect.arrayContaining(old));

      await eventually(() => bridge.webhook!.info().pending === 0 && rows.pending.every((id) => receiver.accepted().some((r) => r.body.id === id)), 'the pending rows pushed');
      const pushed = receiver.accepted().map((r) => r.body.id);
      for (const id of [...rows.beforeWebhook, ...rows.delivered]) expect(pushed).not.toContain(id);
      // The old rows are all there, those delivered before exactly as they were.
      const now = await snapshot();
      for (const id of old) expect(now.digital_twin_updates.some((r) => JSON.parse(r).id === id)).toBe(true);
      const deliveredRows = (s: Record<string, string[]>) => s.digital_twin_updates.filter((r) => rows.delivered.includes(JSON.parse(r).id));
      expect(deliveredRows(now)).toEqual(deliveredRows(before));
      // The pantry's recovery is its own event, pushed after it is recorded (not with the pending rows).
      const pantryStatus = async () => (await snapshot()).digital_twin_webhook_domains.map((r) => JSON.parse(r)).find((r) => r.domain === 'pantry');
      await eventually(async () => (await pantryStatus())?.delivered_status === 'ok' && (await pantryStatus())?.status === 'ok', "the pantry's recovery pushed");
      expect(await pantryStatus()).toMatchObject({ status: 'ok', delivered_status: 'ok', error: null });
    } finally {
      await tb?.close();
      await receiver.stop();
    }
  });
});
