// GET /insights while the training database is down (a proxy switched to refuse): body and
// training degrade alone, keeping their last figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsightsResponse } from '../../../bridge/contract/insights';
import { startBridgeWithSourceBehindProxy, type BridgeBehindProxy } from '../../fixtures/bridge-server';

let setup: BridgeBehindProxy;

beforeAll(async () => {
  setup = await startBridgeWithSourceBehindProxy('training', { TWIN_CACHE_MS: '0', TWIN_SOURCE_TIMEOUT_MS: '1500' });
});
afterAll(async () => {
  await setup?.close();
});

async function insights(): Promise<InsightsResponse> {
  const res = await fetch(`${setup.tb.url}/insights?format=text`);
  expect(res.status).toBe(200);
  return InsightsResponse.parse(await res.json());
}

describe('/insights while a source is down', () => {
  it('degrades body and training alone while the training database is down, keeping their last figures', async () => {
    const before = await insights();
    setup.proxy.setMode('refuse');
    try {
      const during = await insights();
      expect(during.body).toMatchObject({ status: 'degraded', as_of: before.body.as_of });
      expect(during.body.error).toMatch(/training database/);
      expect(during.training.status).toBe('degraded');
      expect(during.correlations).toMatchObject({ status: 'degraded', error: expect.stringMatching(/^training database/) });
      expect(during.money).toMatchObject({ status: 'ok', error: null });
      expect(during.pantry.status).toBe('ok');
      expect(during.report).toMatch(/Body: unavailable/);
    } finally {
      setup.proxy.setMode('forward');
    }
    expect((await insights()).training.status).toBe('ok');
  });
});
