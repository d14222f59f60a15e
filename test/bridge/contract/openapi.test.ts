// Real responses of every endpoint, from a bridge over demo data, validate against /openapi.json.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { API_VERSION } from '../../../bridge/contract/api-version';
import { startTestBridge, type TestBridge } from '../../fixtures/bridge-server';

let tb: TestBridge;
let doc: { paths: Record<string, Record<string, { responses: Record<string, { content: { 'application/json': { schema: { $ref: string } } } }> }>>; components: { schemas: Record<string, object> } };
let ajv: Ajv2020;

beforeAll(async () => {
  tb = await startTestBridge({ demo: true });
  doc = await (await fetch(`${tb.url}/openapi.json`)).json();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
});
afterAll(async () => {
  await tb?.close();
});

// A concrete path to the OpenAPI path that describes it.
const routeOf = (path: string) => path.split('?')[0].replace(/^\/health\/domain\/[^/]+$/, '/health/domain/{name}');

async function validate(path: string, method: 'GET' | 'POST', expected: number) {
  const res = await fetch(`${tb.url}${path}`, { method });
  expect(res.status).toBe(expected);
  const route = routeOf(path);
  const spec = doc.paths[route][method.toLowerCase()].responses[String(expected)];
  const validator = ajv.getSchema(spec.content['application/json'].schema.$ref)!;
  const body = await res.json();
  const ok = validator(body);
  expect(validator.errors ?? [], JSON.stringify(validator.errors?.slice(0, 3))).toEqual([]);
  expect(ok).toBe(true);
  return body;
}

describe('responses match the OpenAPI document', () => {
  it.each([
    ['/status', 200],
    ['/health', 200],
    ['/finance', 200],
    ['/history?limit=50', 200],
    ['/health/live', 200],
    ['/health/ready', 200],
    ['/history?limit=0', 400],
    ['/history?since=2020-01-01T00:00:00Z&until=2100-01-01T00:00:00%2B01:00&entity=finance', 200],
    ['/history?since=yesterday', 400],
    ['/health/domain/finance', 200],
    ['/health/domain/pantry', 200],
    ['/health/domain/training', 404],
  ] as const)('%s', async (path, code) => {
    await validate(path, 'GET', code);
    await validate(path, 'POST', code);
  });

  it('describes every endpoint with GET and POST', () => {
    for (const path of ['/status', '/health', '/finance', '/history', '/health/domain/{name}', '/health/live', '/health/ready']) {
      expect(Object.keys(doc.paths[path]).sort()).toEqual(['get', 'post']);
    }
  });

  it('describes the budget bars, the net per month and the body series, and the demo fills them', async () => {
    const finance = doc.components.schemas.FinanceResponse as { properties: Record<string, { items?: { properties?: Record<string, unknown> } }> };
    expect(Object.keys(finance.properties.budgets.items?.properties ?? {})).toEqual(
      expect.arrayContaining(['category_path', 'budget_amount', 'actual_amount', 'utilization_pct', 'alert_threshold', 'month_elapsed_pct', 'alert_severity']),
    );
    expect(Object.keys(finance.properties.monthly_net.items?.properties ?? {}).sort()).toEqual(['expense', 'income', 'month', 'net']);
    const health = doc.components.schemas.HealthResponse as { properties: Record<string, { items?: { properties?: Record<string, unknown> } }> };
    expect(Object.keys(health.properties.body_series.items?.properties ?? {}).sort()).toEqual(['bodyfat_pct', 'bodyweight_kg', 'date']);
    const body = await validate('/finance', 'GET', 200);
    expect(body.monthly_net).toHaveLength(12);
    expect(body.budgets.length).toBeGreaterThan(body.alerts.length);
    expect((await validate('/health', 'GET', 200)).body_series.length).toBeGreaterThan(1);
  });

  it('shows demo data that looks alive', async () => {
    const status = await validate('/status', 'GET', 200);
    const severities = new Set(status.state.finance.alerts.map((a: { alert_severity: string }) => a.alert_severity));
    // The demo shows a CRITICAL and a HIGH alert every day; MEDIUM (a projection) on most days but never
    // on a month's last, so its presence is not asserted here (test/bridge/demo covers it day by day).
    expect(severities).toContain('CRITICAL');
    expect(severities).toContain('HIGH');
    const history = await validate('/history?limit=50', 'GET', 200);
    expect(history.items.length).toBe(50);
    expect(history.next_cursor).not.toBeNull();
  });

  it('names the release and the contract version in /status and /health/live, as the document says', async () => {
    for (const path of ['/status', '/health/live']) {
      expect(await validate(path, 'GET', 200), path).toMatchObject({ version: packageJson.version, api_version: API_VERSION });
    }
    for (const name of ['StatusResponse', 'LiveResponse']) {
      expect((doc.components.schemas[name] as { required: string[] }).required, name).toEqual(expect.arrayContaining(['version', 'api_version']));
    }
    expect(API_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
