// The example n8n workflow that receives pushed transitions: its shape (Webhook, signature check,
// filter, Telegram), and its expressions run against what a real bridge POSTs to a real receiver,
// as n8n would evaluate them: only signed CRITICAL/HIGH alerts and degraded domains reach Telegram.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../../fixtures/bridge-server';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { startTcpProxy, type TcpProxy } from '../../fixtures/tcp-proxy';
import { breakBudgetToday } from '../webhook/broken-budget';
import { eventually, WebhookReceiver, type Received } from '../webhook/webhook-receiver';

interface Condition {
  leftValue: string;
  rightValue: string;
  operator: { type: string; operation: string };
}
interface N8nNode {
  name: string;
  type: string;
  parameters: Record<string, unknown> & { conditions?: { conditions: Condition[]; combinator: 'and' | 'or' } };
}

const workflow = JSON.parse(fs.readFileSync(new URL('../../../bridge/examples/n8n-transition-alerts.json', import.meta.url), 'utf8')) as {
  nodes: N8nNode[];
  connections: Record<string, { main: { node: string }[][] }>;
};
const byType = (type: string) => workflow.nodes.filter((n) => n.type === `n8n-nodes-base.${type}`);
const [webhook] = byType('webhook');
const [signature] = byType('crypto');
const [signedIf, alertIf] = byType('if');
const [telegram] = byType('telegram');
const next = (node: N8nNode, branch = 0) => workflow.connections[node.name]?.main[branch]?.map((c) => c.node) ?? [];

const SECRET = 'n8n-example-secret-42';

/** An n8n expression ("={{ … }}") evaluated over one item, as n8n evaluates it. */
function evaluate(expression: unknown, item: Record<string, unknown>): unknown {
  if (typeof expression !== 'string' || !expression.startsWith('={{')) return expression;
  const code = expression.slice(3, -2);
  return new Function('$json', '$env', `return (${code});`)(item, { TWIN_WEBHOOK_SECRET: SECRET });
}

function passes(node: N8nNode, item: Record<string, unknown>): boolean {
  const { conditions, combinator } = node.parameters.conditions!;
  const results = conditions.map((c) => {
    const left = evaluate(c.leftValue, item);
    if (c.operator.type === 'boolean' && c.operator.operation === 'true') return left === true;
    if (c.operator.type === 'string' && c.operator.operation === 'equals') return left === evaluate(c.rightValue, item);
    throw new Error(`operator not covered by this test: ${JSON.stringify(c.operator)}`);
  });
  return combinator === 'or' ? results.some(Boolean) : results.every(Boolean);
}

/** The workflow run on one received request: the Telegram text it sends, or null. */
function run(received: Pick<Received, 'raw' | 'headers'>): string | null {
  // n8n's Webhook node gives the parsed body and the (lower-cased) headers.
  const item: Record<string, unknown> = { body: JSON.parse(received.raw), headers: received.headers };
  const p = signature.parameters;
  const hmac = crypto.createHmac(String(p.type).toLowerCase(), String(evaluate(p.secret, item)));
  item[String(p.dataPropertyName)] = hmac.update(String(evaluate(p.value, item))).digest(p.encoding as 'hex');
  if (!passes(signedIf, item) || !passes(alertIf, item)) return null;
  return String(evaluate(telegram.parameters.text, item));
}

let dbs: TestDatabases;
let proxy: TcpProxy;
let receiver: WebhookReceiver;
let tb: TestBridge;
beforeAll(async () => {
  dbs = await freshDatabases();
  proxy = await startTcpProxy(inject('postgres').port);
  receiver = new WebhookReceiver();
  await receiver.start();
  // A budget already broken today: the first finance row carries a new CRITICAL alert.
  await breakBudgetToday(dbs.names.finance, { budgetId: 'B-N8N', subcategory: 'Restaurants', budget: 100, spent: 150, transactionId: 'T-N8N' });
  const port = inject('postgres').port;
  tb = await startTestBridge({
    dbs: { ...dbs, pantry: dbs.pantry.replace(`:${port}/`, `:${proxy.port}/`) },
    env: { TWIN_CACHE_MS: '0', TWIN_SOURCE_TIMEOUT_MS: '1500', TWIN_WEBHOOK_URL: receiver.url, TWIN_WEBHOOK_SECRET: SECRET },
    webhookTiming: { retry: { firstMs: 40, maxMs: 300 }, pollMs: 100 },
  });
  await eventually(() => receiver.accepted().length >= 3, 'the first state pushed');
  proxy.setMode('refuse');
  // Two computations in a row must fail before a domain is news.
  await fetch(`${tb.url}/status`);
  await fetch(`${tb.url}/status`);
  await eventually(() => receiver.accepted().length >= 4, 'the degraded pantry pushed');
  proxy.setMode('forward');
  await fetch(`${tb.url}/status`);
  await eventually(() => receiver.accepted().length >= 5, 'the pantry back');
});
afterAll(async () => {
  await tb?.close();
  await receiver?.stop();
  await proxy?.close();
  await dbs?.drop();
});

describe('the example n8n workflow for pushed transitions', () => {
  it('is a POST webhook, then the signature check, the filter and Telegram, in that order', () => {
    expect(webhook.parameters).toMatchObject({ httpMethod: 'POST', responseMode: 'onReceived' });
    expect(signature.parameters).toMatchObject({ action: 'hmac', type: 'SHA256', encoding: 'hex' });
    expect(next(webhook)).toEqual([signature.name]);
    expect(next(signature)).toEqual([signedIf.name]);
    expect(next(signedIf)).toEqual([alertIf.name]);
    expect(next(signedIf, 1)).toEqual([]);
    expect(next(alertIf)).toEqual([telegram.name]);
    expect(next(alertIf, 1)).toEqual([]);
    expect(telegram.parameters.text).toContain('$json.body.text');
  });

  it('sends Telegram exactly for the CRITICAL alert and the degraded domain the bridge pushed', () => {
    const sent = receiver.accepted().map((r) => [r.body.event, r.body.entity_type, run(r)]);
    expect(sent.filter(([, , text]) => text !== null)).toEqual([
      ['transition', 'finance', expect.stringMatching(/^🚨 New CRITICAL budget alert: Lifestyle > Restaurants\n💰 Finance: -150 PLN MTD · 1 budget alert$/)],
      ['domain_status', 'pantry', expect.stringMatching(/^🛒 Pantry: ⚠️ Failure: /)],
    ]);
    // The rest (health, pantry's first row, pantry back) arrived too, and was let through silently.
    expect(sent).toHaveLength(5);
  });

  it('sends nothing for a body that was changed on the way, or carries no valid signature', () => {
    const critical = receiver.accepted().find((r) => r.body.alert_severity === 'CRITICAL')!;
    expect(run(critical)).not.toBeNull();
    expect(run({ raw: critical.raw.replace('Restaurants', 'Restaurantz'), headers: critical.headers })).toBeNull();
    expect(run({ raw: critical.raw, headers: { ...critical.headers, 'x-twin-signature': undefined } })).toBeNull();
  });
});
