// GET|POST /insights through a real bridge: the n8n keys and the documented shape
// (insights-outage.test.ts: one domain degrading alone when its database goes down).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsightsResponse } from '../../../bridge/contract/insights';
import { openApiDocument } from '../../../bridge/contract/openapi';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';

let tb: MemoryBridge;

beforeAll(async () => {
  tb = await startMemoryBridge({ env: { TWIN_CACHE_MS: '0', TWIN_SOURCE_TIMEOUT_MS: '1500' } });
});
afterAll(async () => {
  await tb?.close();
});

async function insights(init?: RequestInit): Promise<InsightsResponse> {
  const res = await fetch(`${tb.url}/insights?format=text`, init);
  expect(res.status).toBe(200);
  return InsightsResponse.parse(await res.json());
}

describe('/insights', () => {
  it('answers GET and POST alike with report, response_text, content and data, on empty sources', async () => {
    const get = await insights();
    const post = await insights({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: 1, query: 'insights' }) });
    for (const body of [get, post]) {
      expect(body.response_text).toBe(body.report);
      expect(body.content).toBe(body.report);
      expect(body.report).toMatch(/^🔭 INSIGHTS/);
      expect(body.data.today).toBe(body.today);
      expect(body.body).toMatchObject({ status: 'ok', weight_kg_per_week_30d: null, target_date: null, target_bodyfat_pct: 15 });
      expect(body.pantry).toMatchObject({ status: 'ok', insufficient_history: true });
      expect(body.correlations).toMatchObject({ status: 'ok', tested: 0, listed: [] });
      expect(body.headline).toBeNull();
    }
  });

  it('refuses a bad format with a 400 that says what is allowed', async () => {
    const res = await fetch(`${tb.url}/insights?format=xml`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { report: string }).report).toMatch(/format must be json or text/);
  });

  it('is in the OpenAPI document for GET and POST with operation ids', () => {
    const doc = openApiDocument('test') as { paths: Record<string, Record<string, { operationId?: string }>> };
    expect(doc.paths['/insights'].get.operationId).toBe('getInsights');
    expect(doc.paths['/insights'].post.operationId).toBe('postInsights');
  });
});
