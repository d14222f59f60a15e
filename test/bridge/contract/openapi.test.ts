// Real responses of every endpoint, from a bridge over demo data, validate against /openapi.json.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function validate(path: string, method: 'GET' | 'POST', expected: number) {
  const res = await fetch(`${tb.url}${path}`, { method });
  expect(res.status).toBe(expected);
  const route = path.split('?')[0];
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
  ] as const)('%s', async (path, code) => {
    await validate(path, 'GET', code);
    await validate(path, 'POST', code);
  });

  it('describes every endpoint with GET and POST', () => {
    for (const path of ['/status', '/health', '/finance', '/history', '/health/live', '/health/ready']) {
      expect(Object.keys(doc.paths[path]).sort()).toEqual(['get', 'post']);
    }
  });

  it('shows demo data that looks alive', async () => {
    const status = await validate('/status', 'GET', 200);
    const severities = new Set(status.state.finance.alerts.map((a: { alert_severity: string }) => a.alert_severity));
    expect(severities).toEqual(new Set(['CRITICAL', 'HIGH', 'MEDIUM']));
    const history = await validate('/history?limit=50', 'GET', 200);
    expect(history.items.length).toBe(50);
    expect(history.next_cursor).not.toBeNull();
  });
});
