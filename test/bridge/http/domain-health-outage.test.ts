// GET /health/domain/:name with a finance database that goes down (a proxy switched to refuse) and
// comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainHealthResponse } from '../../../bridge/contract/responses';
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

describe('/health/domain/:name while a source is down', () => {
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
});
