// GET /health/domain/:name as the troubleshooting runbook calls it, with a finance database that
// goes down (a proxy switched to refuse) and comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainHealthResponse, ErrorResponse } from '../../../bridge/contract/responses';
import { startBridgeWithSourceBehindProxy, type BridgeBehindProxy, type TestBridge } from '../../fixtures/bridge-server';
import type { TcpProxy } from '../../fixtures/tcp-proxy';

let setup: BridgeBehindProxy;
let proxy: TcpProxy;
let tb: TestBridge;

beforeAll(async () => {
  setup = await startBridgeWithSourceBehindProxy('finance', { TWIN_CACHE_MS: '0', TWIN_SOURCE_TIMEOUT_MS: '1500' });
  ({ proxy, tb } = setup);
});
afterAll(async () => {
  await setup?.close();
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

  it('counts failures in a row while the source is down, keeps the last success, and resets on recovery', async () => {
    const good = await domain('finance');
    expect(good.body.status).toBe('ok');
    proxy.setMode('refuse');
    try {
      const first = await domain('finance');
      const second = await domain('finance', { method: 'POST' });
      expect(first.status).toBe(200);
      expect(first.body.status).toBe('degraded');
      expect(first.body.error).toMatch(/finance database/);
      expect(second.body.consecutive_failures).toBe(first.body.consecutive_failures + 1);
      expect(first.body.consecutive_failures).toBeGreaterThanOrEqual(1);
      expect(second.body.last_success_at).toBe(good.body.last_success_at);
      // The figures served are the last good ones, with their time.
      expect(second.body.as_of).toBe(good.body.as_of);
      expect(second.body.last_failure_at).toBe(second.body.computed_at);
      expect(second.body.response_text).toMatch(/⚠️ finance: degraded \(finance database/);
      expect(second.body.response_text).toContain(`Failures in a row: ${second.body.consecutive_failures}`);
      // The other domains are not touched by finance's failures.
      expect((await domain('health')).body.consecutive_failures).toBe(0);
    } finally {
      proxy.setMode('forward');
    }
    // The pool may hand out a connection broken by the outage once more before a fresh one.
    let back = await domain('finance');
    for (let i = 0; i < 20 && back.body.status !== 'ok'; i++) back = await domain('finance');
    expect(back.body).toMatchObject({ status: 'ok', error: null, consecutive_failures: 0 });
    expect(back.body.last_success_at).toBe(back.body.computed_at);
    expect(back.body.last_failure_at).not.toBeNull();
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
