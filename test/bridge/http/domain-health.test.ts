// GET /health/domain/:name as the troubleshooting runbook calls it (domain-health-outage.test.ts:
// with a finance database that goes down and comes back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainHealthResponse, ErrorResponse } from '../../../bridge/contract/responses';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';

let tb: MemoryBridge;

beforeAll(async () => {
  tb = await startMemoryBridge({ env: { TWIN_CACHE_MS: '0', TWIN_SOURCE_TIMEOUT_MS: '1500' } });
});
afterAll(async () => {
  await tb?.close();
});

async function domain(name: string, init?: RequestInit) {
  const res = await fetch(`${tb.url}/health/domain/${name}`, init);
  return { status: res.status, body: (await res.json()) as DomainHealthResponse };
}

describe('/health/domain/:name', () => {
  it('shows an ok domain with its last success and no failures', async () => {
    const { status, body } = await domain('pantry');
    expect(status).toBe(200);
    expect(body).toMatchObject({ domain: 'pantry', status: 'ok', error: null, consecutive_failures: 0, last_failure_at: null });
    expect(body.last_success_at).toBe(body.computed_at);
    expect(body.as_of).toBe(body.computed_at);
    expect(body.response_text).toMatch(/^✅ pantry: ok/);
    expect(body.report).toBe(body.response_text);
  });

  it.each(['training', 'person', 'x'.repeat(300), '%E2%9C%85', 'health.json'])('answers %s with a JSON 404', async (name) => {
    const res = await fetch(`${tb.url}/health/domain/${name}`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorResponse;
    expect(body.error.code).toBe('unknown_domain');
    expect(body.error.message).toMatch(/domains are health, finance, pantry/);
  });

  it('is timed under its own route in /metrics, while unknown names share one label', async () => {
    await domain('pantry');
    await domain('nope');
    const text = await (await fetch(`${tb.url}/metrics`)).text();
    expect(text).toMatch(/twin_http_request_duration_seconds_count\{route="\/health\/domain\/pantry",method="GET",status="200"\} [1-9]/);
    expect(text).not.toMatch(/route="\/health\/domain\/nope"/);
    expect(text).toMatch(/twin_http_request_duration_seconds_count\{route="other",method="GET",status="404"\} [1-9]/);
  });

  it('reads the name case-insensitively, as the other paths are', async () => {
    const { status, body } = await domain('Finance');
    expect(status).toBe(200);
    expect(body.domain).toBe('finance');
  });
});
