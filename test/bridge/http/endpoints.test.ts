// Every endpoint through a listening bridge over empty sources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';

let tb: MemoryBridge;
beforeAll(async () => {
  tb = await startMemoryBridge();
});
afterAll(async () => {
  await tb?.close();
});

async function call(path: string, init?: RequestInit) {
  const res = await fetch(`${tb.url}${path}`, init);
  const body = await res.json();
  return { status: res.status, body, headers: res.headers };
}

describe('endpoints over empty sources', () => {
  it('/status answers with the n8n text keys and the state', async () => {
    const { status, body } = await call('/status');
    expect(status).toBe(200);
    expect(body.response_text).toContain('AUTONOMOUS LIVING STATUS');
    expect(body.report).toBe(body.response_text);
    expect(body.content).toBe(body.response_text);
    expect(body.summary).toBe(body.response_text);
    expect(body.state.pantry.low_stock_count).toBe(0);
    expect(body.state.pantry.low_stock_items).toEqual([]);
    expect(body.state.finance.mtd_net).toBe(0);
    expect(body.state.health.days_since_workout).toBeNull();
    expect(body.state.health.training_suggestion.code).toBe('no_workouts');
  });

  it('answers POST like GET, and ?format=text still with JSON', async () => {
    const post = await call('/finance', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{}]' });
    expect(post.status).toBe(200);
    expect(post.body.mtd_net).toBe(0);
    expect(post.body.active_budget_alerts).toBe(0);
    const text = await call('/status?format=text');
    expect(text.headers.get('content-type')).toMatch(/application\/json/);
    expect(typeof text.body.response_text).toBe('string');
  });

  it('/health has body composition keys at the top level', async () => {
    const { body } = await call('/health');
    expect(body).toHaveProperty('bodyfat_pct', null);
    expect(body).toHaveProperty('days_since_workout', null);
    expect(body.response_text).toContain('Log your first workout');
  });

  it('/history validates limit', async () => {
    const bad = await call('/history?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/1 to 500/);
    expect(bad.body.report).toMatch(/^❌ Error/);
    const ok = await call('/history?limit=5');
    expect(ok.status).toBe(200);
    expect(ok.body.limit).toBe(5);
  });

  it('every body n8n reads, errors included, carries one text under report, response_text and content', async () => {
    const paths = ['/status', '/health', '/finance', '/history', '/insights', '/health/domain/pantry', '/workout', '/forecast', '/pantry', '/finance/alerts', '/finance/details', '/finance/details?month=13', '/review/week', '/nope', '/history?limit=0'];
    for (const path of paths) {
      for (const method of ['GET', 'POST']) {
        const { body } = await call(path, { method });
        expect(body.report, `${method} ${path}`).toMatch(/\S/);
        expect([body.response_text, body.content], `${method} ${path}`).toEqual([body.report, body.report]);
        if (path === '/status') expect(body.summary).toBe(body.report);
        else expect(body, `${method} ${path}`).not.toHaveProperty('summary');
      }
    }
  });

  it('unknown paths get a JSON 404', async () => {
    const { status, body } = await call('/nope');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});
