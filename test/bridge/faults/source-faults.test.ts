// A source database that goes down, hangs, or comes back, seen through the HTTP API: the request
// is answered within the time budget, only that domain is degraded, readiness names the source,
// and the bridge recovers without a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridgeWithSourceBehindProxy, type BridgeBehindProxy, type TestBridge } from '../../fixtures/bridge-server';
import type { TcpProxy } from '../../fixtures/tcp-proxy';

let setup: BridgeBehindProxy;
let proxy: TcpProxy;
let tb: TestBridge;

beforeAll(async () => {
  setup = await startBridgeWithSourceBehindProxy('pantry', { TWIN_CACHE_MS: '0', TWIN_SOURCE_TIMEOUT_MS: '1500' });
  ({ proxy, tb } = setup);
});
afterAll(async () => {
  await setup?.close();
});

async function get(path: string) {
  const res = await fetch(`${tb.url}${path}`);
  return { status: res.status, body: await res.json() };
}

describe('a source that fails', () => {
  it('readiness is ready when every source answers', async () => {
    const { status, body } = await get('/health/ready');
    expect(status).toBe(200);
    expect(body.down).toEqual([]);
  });

  it.each(['refuse', 'hang'] as const)('when it %ss, only pantry is degraded and readiness names it', async (mode) => {
    await get('/status'); // a good state first, so the last known values can be shown
    proxy.setMode(mode);
    const { status, body } = await get('/status');
    expect(status).toBe(200);
    expect(body.state.pantry.status).toBe('degraded');
    expect(body.state.pantry.error).toMatch(/pantry database/);
    expect(body.state.pantry.as_of).not.toBeNull();
    expect(body.state.finance.status).toBe('ok');
    expect(body.state.health.status).toBe('ok');
    expect(body.data.degraded).toEqual(['pantry']);
    expect(body.response_text).toMatch(/Pantry: ⚠️ Failure/);

    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.down).toEqual(['pantry']);

    proxy.setMode('forward');
    const deadline = Date.now() + 5000;
    let back = false;
    while (!back && Date.now() < deadline) {
      back = (await get('/status')).body.state.pantry.status === 'ok';
    }
    expect(back).toBe(true);
    expect((await get('/health/ready')).status).toBe(200);
  });
});
