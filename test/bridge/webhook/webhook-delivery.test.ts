// Pushing transitions to a real HTTP receiver: it goes down while transitions are recorded, the
// bridge is restarted meanwhile, the receiver comes back answering errors and then not at all for a
// while; every transition still arrives, in order per entity, signed. Two bridges on one database
// deliver each transition once, and history from before the webhook is not pushed.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { openApiDocument } from '../../../bridge/contract/openapi';
import { TWIN_UPDATES_TABLE } from '../../../bridge/db/schema/twin-updates';
import { verifySignature } from '../../../bridge/webhook/webhook-signature';
import { startTestBridge, type TestBridge, type TestBridgeOptions } from '../../fixtures/bridge-server';
import { adminQuery, freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { startTcpProxy, type TcpProxy } from '../../fixtures/tcp-proxy';
import { breakBudgetToday } from './broken-budget';
import { collectGarbage } from './collect-garbage';
import { eventually, WebhookReceiver, type Received } from './webhook-receiver';

const SECRET = 'test-webhook-secret-0123';
const PERSON = '00000000-0000-4000-8000-000000000001';
const TODAY = `(now() AT TIME ZONE 'Europe/Warsaw')::date`;

const open: TestBridge[] = [];
const proxies: TcpProxy[] = [];
const receivers: WebhookReceiver[] = [];
const databases: TestDatabases[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
  for (const r of receivers.splice(0)) await r.stop();
  for (const p of proxies.splice(0)) await p.close();
});
afterAll(async () => {
  for (const d of databases.splice(0)) await d.drop();
});

// Every body that reaches a receiver is checked against the schema the OpenAPI document publishes.
const published = (openApiDocument('test') as { webhooks: { transition: { post: { requestBody: { content: { 'application/json': { schema: object } } } } } } }).webhooks
  .transition.post.requestBody.content['application/json'].schema;
const matchesDocument = new Ajv2020({ strict: false, allErrors: true }).compile(published);
function expectDocumented(receiver: WebhookReceiver): void {
  expect(receiver.received.length).toBeGreaterThan(0);
  for (const r of receiver.received) expect(matchesDocument(r.body), JSON.stringify(matchesDocument.errors)).toBe(true);
}

// The sources are up here (one taken down is refused at once), so they get the widest time budget:
// on a busy machine a slow source would count as degraded, and its transitions would be recorded
// late or merged, not one per change as these tests count them.
async function bridgeOn(dbs: TestDatabases, receiver: WebhookReceiver | null): Promise<TestBridge> {
  const o: TestBridgeOptions = {
    dbs,
    env: { TWIN_CACHE_MS: '0', TWIN_SOURCE_TIMEOUT_MS: '8000', ...(receiver ? { TWIN_WEBHOOK_URL: receiver.url, TWIN_WEBHOOK_SECRET: SECRET, TWIN_WEBHOOK_TIMEOUT_MS: '500' } : {}) },
    webhookTiming: { retry: { firstMs: 40, maxMs: 300 }, pollMs: 100 },
  };
  const b = await startTestBridge(o);
  open.push(b);
  return b;
}

async function freshDbs(): Promise<TestDatabases> {
  const d = await freshDatabases();
  databases.push(d);
  return d;
}

let txSeq = 0;
/** Changes the finance state (one more expense today) and has the bridge record the transition. */
async function spend(b: TestBridge, amount: number): Promise<void> {
  await adminQuery(
    `INSERT INTO transactions (transaction_id, transaction_date, type, amount, merchant_source) VALUES ($1, ${TODAY}, 'Expense', $2, 'Test')`,
    [`T-HOOK-${++txSeq}`, amount],
    b.dbs.names.finance,
  );
  await record(b);
}

async function record(b: TestBridge): Promise<void> {
  expect((await fetch(`${b.url}/status`)).status).toBe(200);
  await b.bridge.sync.drain();
}

/** The bridge's rows since the webhook was configured, oldest first: what must arrive. */
async function expectedRows(dbs: TestDatabases): Promise<{ id: string; entity_type: string; processed: boolean }[]> {
  const { rows } = await adminQuery(
    `SELECT u.id, u.entity_type, u.processed_at IS NOT NULL AS processed
     FROM digital_twin_updates u JOIN digital_twin_webhook_state s ON s.entity_id = u.entity_id
     WHERE u.source_system = 'g04_engine' AND u.created_at >= s.enabled_since
     ORDER BY u.created_at, u.id`,
    [],
    dbs.names.finance,
  );
  return rows;
}

async function pendingIn(dbs: TestDatabases): Promise<number> {
  return (await expectedRows(dbs)).filter((r) => !r.processed).length;
}

/** First accepted arrival of each id, per entity, in arrival order. */
function arrivalsByEntity(received: Received[]): Map<string, string[]> {
  const seen = new Set<string>();
  const out = new Map<string, string[]>();
  for (const r of received) {
    if (seen.has(r.body.id)) continue;
    seen.add(r.body.id);
    out.set(r.body.entity_type, [...(out.get(r.body.entity_type) ?? []), r.body.id]);
  }
  return out;
}

function byEntity(rows: { id: string; entity_type: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.entity_type, [...(out.get(r.entity_type) ?? []), r.id]);
  return out;
}

describe('webhook delivery', () => {
  it('delivers every transition, in order per entity, across a receiver outage and a bridge restart', async () => {
    const dbs = await freshDbs();
    // A row from a year ago, before any webhook: it must never be pushed.
    await adminQuery(TWIN_UPDATES_TABLE, [], dbs.names.finance);
    const old = await adminQuery(
      `INSERT INTO digital_twin_updates (entity_type, entity_id, update_data, source_system, update_type, created_at)
       VALUES ('finance', $1, '{"mtd_net": 5}', 'g04_engine', 'status_sync', now() - interval '400 days') RETURNING id`,
      [PERSON],
      dbs.names.finance,
    );
    const receiver = new WebhookReceiver();
    receivers.push(receiver);
    await receiver.start();

    const first = await bridgeOn(dbs, receiver);
    await eventually(async () => receiver.accepted().length >= 3 && (await pendingIn(dbs)) === 0, 'the first state delivered');

    await receiver.stop();
    await spend(first, 10);
    // A budget broken today: a new CRITICAL alert.
    await breakBudgetToday(dbs.names.finance, { budgetId: 'B-HOOK', subcategory: 'Groceries', budget: 50, spent: 80, transactionId: 'T-HOOK-GROC' });
    await record(first);
    await adminQuery(
      `INSERT INTO pantry_inventory (category, location, current_quantity, unit, critical_threshold) VALUES ('Mleko', 'Spizarka', 0, 'l', 1)`,
      [],
      dbs.names.pantry,
    );
    await record(first);
    await eventually(() => first.bridge.webhook!.info().consecutive_failures > 0 && first.bridge.webhook!.info().pending === 3, 'failures noticed');
    const status = await (await fetch(`${first.url}/status`)).json();
    expect(status.sync.webhook).toMatchObject({ pending: 3, last_error: expect.stringMatching(/receiver unreachable/) });
    expect(status.sync.webhook.next_retry_at).not.toBeNull();
    const metrics = await (await fetch(`${first.url}/metrics`)).text();
    expect(metrics).toMatch(/^twin_webhook_pending 3$/m);
    expect(metrics).toMatch(/^twin_webhook_attempts_total\{outcome="failed"\} [1-9]/m);

    // The bridge stops (nothing pending lives in its memory) and another start takes over.
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await bridgeOn(dbs, receiver);
    await spend(second, 20);
    await spend(second, 30);
    expect(await pendingIn(dbs)).toBe(5);

    // Back, but first answering an error, then not answering in time, then a 500.
    receiver.script.push(503, 'hang', 500);
    await receiver.start();
    // The deliverer counts what is pending after each delivery, so /status catches up a moment later.
    await eventually(async () => (await pendingIn(dbs)) === 0 && second.bridge.webhook!.info().pending === 0, 'every pending transition delivered');

    const expected = await expectedRows(dbs);
    expect(expected).toHaveLength(8);
    const accepted = receiver.accepted();
    expect(new Set(accepted.map((r) => r.body.id))).toEqual(new Set(expected.map((r) => r.id)));
    expect(receiver.received.some((r) => r.body.id === old.rows[0].id)).toBe(false);
    expect(arrivalsByEntity(accepted)).toEqual(byEntity(expected));

    // The refused and unanswered attempts were retried with the same transition.
    const failed = receiver.received.filter((r) => r.answered < 200 || r.answered > 299);
    expect(failed.map((r) => r.answered)).toEqual([503, 0, 500]);
    for (const f of failed) expect(accepted.some((a) => a.body.id === f.body.id)).toBe(true);

    for (const r of receiver.received) {
      expect(verifySignature(r.raw, r.headers['x-twin-signature'] as string, SECRET)).toBe(true);
      expect(r.headers['x-twin-delivery']).toBe(r.body.id);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
    }

    const critical = accepted.find((r) => r.body.alert_severity === 'CRITICAL');
    expect(critical?.body).toMatchObject({ entity_type: 'finance', notify: true, changes: expect.arrayContaining([expect.objectContaining({ kind: 'alert_new', budget_id: 'B-HOOK' })]) });
    expect(critical?.body.text).toMatch(/^🚨 New CRITICAL budget alert: Lifestyle > Groceries$/m);
    const milk = accepted.find((r) => r.body.entity_type === 'pantry' && r.body.previous !== null);
    expect(milk?.body.text).toMatch(/^🛒 Low stock: Mleko$/m);

    const after = await (await fetch(`${second.url}/status`)).json();
    expect(after.sync.webhook).toMatchObject({ pending: 0, consecutive_failures: 0, next_retry_at: null, last_delivered_id: expected.at(-1)!.id });
    expectDocumented(receiver);
  });

  it('gives up on a receiver that never answers even when memory is collected meanwhile, and delivers the rest', async () => {
    const dbs = await freshDbs();
    const receiver = new WebhookReceiver();
    receivers.push(receiver);
    receiver.script.push('hang');
    // The collection a busy bridge may run at any moment, here while it waits for the answer.
    receiver.whileHanging = collectGarbage;
    await receiver.start();
    const b = await bridgeOn(dbs, receiver);
    await spend(b, 7);
    await eventually(async () => (await pendingIn(dbs)) === 0 && b.bridge.webhook!.info().pending === 0, 'every transition delivered after the unanswered POST');

    const unanswered = receiver.received.filter((r) => r.answered === 0);
    expect(unanswered).toHaveLength(1);
    const retried = receiver.received[receiver.received.indexOf(unanswered[0]) + 1];
    expect(retried).toMatchObject({ answered: 200, body: { id: unanswered[0].body.id } });
    expect(b.bridge.webhook!.info()).toMatchObject({ consecutive_failures: 0, last_error: 'receiver did not answer within 500 ms' });
    const expected = await expectedRows(dbs);
    expect(new Set(receiver.accepted().map((r) => r.body.id))).toEqual(new Set(expected.map((r) => r.id)));
    expect(arrivalsByEntity(receiver.accepted())).toEqual(byEntity(expected));
  });

  it('with two bridges on one database, delivers each transition once; history from before the webhook stays unsent', async () => {
    const dbs = await freshDbs();
    // A bridge without a webhook records the first state: that is history, not news.
    const plain = await bridgeOn(dbs, null);
    await spend(plain, 5);
    await plain.close();
    open.splice(open.indexOf(plain), 1);
    const before = (await adminQuery(`SELECT id FROM digital_twin_updates`, [], dbs.names.finance)).rows.map((r) => r.id);
    expect(before.length).toBeGreaterThanOrEqual(3);

    const receiver = new WebhookReceiver();
    receivers.push(receiver);
    await receiver.start();
    const a = await bridgeOn(dbs, receiver);
    const b = await bridgeOn(dbs, receiver);
    for (let i = 1; i <= 6; i++) await spend(i % 2 ? a : b, i);
    await eventually(async () => (await pendingIn(dbs)) === 0 && receiver.received.length >= 6, 'all delivered');

    const expected = await expectedRows(dbs);
    expect(expected).toHaveLength(6);
    const ids = receiver.received.map((r) => r.body.id);
    expect(ids).toEqual(expected.map((r) => r.id));
    expect(ids.some((id) => before.includes(id))).toBe(false);
    expectDocumented(receiver);
  });

  it('pushes a domain that becomes degraded and comes back, in order with its transitions', async () => {
    const dbs = await freshDbs();
    const proxy = await startTcpProxy(inject('postgres').port);
    proxies.push(proxy);
    const port = inject('postgres').port;
    const receiver = new WebhookReceiver();
    receivers.push(receiver);
    await receiver.start();
    const b = await bridgeOn({ ...dbs, pantry: dbs.pantry.replace(`:${port}/`, `:${proxy.port}/`) }, receiver);
    await eventually(async () => receiver.accepted().length >= 3 && (await pendingIn(dbs)) === 0, 'the first state delivered');

    proxy.setMode('refuse');
    // One failure is not news (a single slow query); the second in a row is, and only once.
    await record(b);
    await record(b);
    await record(b); // still down: no second event
    await eventually(() => receiver.accepted().some((r) => r.body.event === 'domain_status'), 'the degraded domain pushed');
    proxy.setMode('forward');
    await record(b);
    await adminQuery(
      `INSERT INTO pantry_inventory (category, location, current_quantity, unit, critical_threshold) VALUES ('Jajka', 'Spizarka', 2, 'szt', 6)`,
      [],
      dbs.names.pantry,
    );
    await record(b);
    await eventually(async () => (await pendingIn(dbs)) === 0 && receiver.accepted().filter((r) => r.body.entity_type === 'pantry').length >= 4, 'all pantry news');

    const pantry = receiver.accepted().filter((r) => r.body.entity_type === 'pantry');
    expect(pantry.map((r) => [r.body.event, (r.body.changes as { kind: string }[]).map((c) => c.kind).filter((k) => k.startsWith('domain') || k === 'low_stock_new' || k === 'low_stock_cleared')])).toEqual([
      ['transition', []],
      ['domain_status', ['domain_degraded']],
      ['domain_status', ['domain_back']],
      ['transition', ['low_stock_new']],
    ]);
    expect(pantry[1].headers['x-twin-event']).toBe('domain_status');
    expect(pantry[1].body).toMatchObject({ notify: true, snapshot: { status: 'degraded' } });
    expect(pantry[1].body.text).toMatch(/^🛒 Pantry: ⚠️ Failure: /);
    expect(pantry[2].body).toMatchObject({ notify: false, snapshot: { status: 'ok', error: null } });
    expect(new Set(receiver.accepted().map((r) => r.body.id)).size).toBe(receiver.accepted().length);
    expect(receiver.accepted().filter((r) => r.body.entity_type !== 'pantry').every((r) => r.body.event === 'transition')).toBe(true);
    expectDocumented(receiver);
  });

  it('never holds up a request or the recording while the receiver hangs, and does not hold up shutdown', async () => {
    const dbs = await freshDbs();
    const receiver = new WebhookReceiver();
    receivers.push(receiver);
    receiver.script.push(...Array.from({ length: 20 }, () => 'hang' as const));
    await receiver.start();
    const b = await startTestBridge({
      dbs,
      env: { TWIN_CACHE_MS: '0', TWIN_WEBHOOK_URL: receiver.url, TWIN_WEBHOOK_TIMEOUT_MS: '60000' },
      webhookTiming: { retry: { firstMs: 40, maxMs: 300 }, pollMs: 100 },
    });
    open.push(b);
    await eventually(() => receiver.received.length === 1, 'the first POST hanging');
    for (let i = 1; i <= 3; i++) await spend(b, i);
    // Three more transitions recorded and answered while the one POST still waits for its answer.
    expect(await pendingIn(dbs)).toBe(6);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].headers['x-twin-signature']).toBeUndefined();
    await b.close();
    open.splice(open.indexOf(b), 1);
    expect(await pendingIn(dbs)).toBe(6);
  });
});
