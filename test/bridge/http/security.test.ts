// The API key, hostile input and response headers, through a listening bridge.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_POLICY } from '../../../bridge/http/login-attempts';
import { fixedClock } from '../../../bridge/time/clock';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';

const KEY = 'correct-horse-battery-staple';
let tb: MemoryBridge;
beforeAll(async () => {
  tb = await startMemoryBridge({ env: { DIGITAL_TWIN_API_KEY: KEY } });
});
afterAll(async () => {
  await tb?.close();
});

async function call(path: string, init: RequestInit = {}, key: string | null = KEY) {
  const headers = new Headers(init.headers);
  if (key !== null && !headers.has('authorization')) headers.set('x-api-key', key);
  const res = await fetch(`${tb.url}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text), headers: res.headers };
}

const ENDPOINTS = ['/status', '/health', '/finance', '/history', '/health/ready', '/metrics', '/openapi.json'];

describe('API key', () => {
  it.each(ENDPOINTS)('%s refuses a request without the key, or with a wrong one', async (path) => {
    const missing = await call(path, {}, null);
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toMatch(/X-API-KEY/);
    const wrong = await call(path, {}, 'correct-horse-battery-stapleX');
    expect(wrong.status).toBe(401);
  });

  it('accepts the key as X-API-KEY and as a bearer token', async () => {
    expect((await call('/status')).status).toBe(200);
    expect((await call('/status', { headers: { authorization: `Bearer ${KEY}` } }, null)).status).toBe(200);
    expect((await call('/status', { headers: { authorization: `Bearer wrong` } }, null)).status).toBe(401);
  });

  it('leaves liveness open', async () => {
    expect((await call('/health/live', {}, null)).status).toBe(200);
  });
});

describe('hostile input', () => {
  const post = (path: string, body: string, type = 'application/json') => call(path, { method: 'POST', body, headers: { 'content-type': type } });

  it('answers malformed JSON with a 400 JSON error', async () => {
    const r = await post('/status', '{"format": ');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
    expect(r.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('limits the body size', async () => {
    const r = await post('/status', JSON.stringify({ format: 'json', pad: 'x'.repeat(40_000) }));
    expect(r.status).toBe(413);
    expect(r.body.report).toMatch(/^❌ Error/);
  });

  it('accepts an n8n body wrapped in an array, and ignores unknown parameters', async () => {
    expect((await post('/history', '[{"limit": 3}]')).body.limit).toBe(3);
    const unknown = await post('/status', '{"drop": "table", "chat_id": 7}');
    expect(unknown.status).toBe(200);
    expect(unknown.body.state.finance.status).toBe('ok');
  });

  it('refuses SQL-looking, unicode and huge values with the allowed ranges', async () => {
    const sql = await call(`/history?entity=${encodeURIComponent("health' OR 1=1 --")}`);
    expect(sql.status).toBe(400);
    expect(sql.body.error.message).toMatch(/entity must be one of person, goal, health/);
    expect((await call(`/history?limit=${encodeURIComponent('２０')}`)).status).toBe(400);
    expect((await call('/history?limit=99999999999999999999999')).status).toBe(400);
    expect((await call('/history?limit=1&limit=2')).status).toBe(400);
    expect((await call('/history?cursor=not-a-cursor')).status).toBe(400);
  });

  it('answers other methods with a JSON 405', async () => {
    const r = await call('/status', { method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(r.body.error.code).toBe('method_not_allowed');
  });

  it('sets headers for a JSON API', async () => {
    const r = await call('/status');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-powered-by')).toBeNull();
    expect(r.headers.get('x-request-id')).toBeTruthy();
  });

  it('never answers a query string with a 5xx or with anything but JSON', async () => {
    const domain = fc.oneof(fc.constantFrom('health', 'finance', 'pantry', 'HEALTH', '..', '%2e%2e', '%00'), fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent));
    const path = fc.oneof(fc.constantFrom('/status', '/health', '/finance', '/history', '/docs/openapi.json'), domain.map((d) => `/health/domain/${d}`));
    const timestamp = fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('2026-02-30T00:00:00Z', '2026-11-01T00:00:00+01:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-23:59', '2026-11-01', 'now', '1e309'),
    );
    const keys = fc.constantFrom('limit', 'entity', 'cursor', 'format', 'since', 'until', 'chat_id', 'query', 'x', '__proto__', 'constructor', 'limit[]', 'since[]');
    const value = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), timestamp);
    await fc.assert(
      fc.asyncProperty(path, fc.array(fc.tuple(keys, value), { maxLength: 4 }), async (p, pairs) => {
        const qs = new URLSearchParams(pairs).toString();
        const r = await call(`${p}?${qs}`);
        expect(r.status).toBeLessThan(500);
        expect(r.headers.get('content-type')).toMatch(/application\/json/);
        if (r.status >= 400) expect(r.body.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers a JSON body of any shape with a 5xx', async () => {
    const keys = fc.constantFrom('limit', 'entity', 'cursor', 'format', 'since', 'until', 'chat_id', '__proto__');
    const body = fc.oneof(fc.dictionary(keys, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), fc.jsonValue({ maxDepth: 2 }));
    const path = fc.constantFrom('/history', '/status', '/health/domain/finance', '/health/domain/x');
    await fc.assert(
      fc.asyncProperty(path, body, async (p, b) => {
        const r = await post(p, JSON.stringify(b));
        expect(r.status).toBeLessThan(500);
        if (r.status >= 400) expect(r.body.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 120 },
    );
  });

  it('never answers a hostile Authorization or X-API-KEY header with a 5xx, nor lets it in', async () => {
    const junk = fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s));
    const header = fc.oneof(
      junk,
      junk.map((s) => `Bearer ${s}`),
      junk.map((s) => `Basic ${s}`),
      junk.map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
      fc.constantFrom('Basic ', 'Basic ====', 'Basic Og==', `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`, 'Bearer', `Bearer  ${KEY}x`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('authorization', 'x-api-key'), header, fc.constantFrom('/status', '/docs', '/history'), async (name, value, p) => {
        const r = await call(p, { headers: { [name]: value } }, null);
        expect(r.status).toBe(401);
      }),
      { numRuns: 150 },
    );
  });
});

describe('bodies as n8n sends them', () => {
  it('reads a form body like a JSON one, and refuses other types with 415', async () => {
    const form = await call('/history', { method: 'POST', body: 'limit=4', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(200);
    expect(form.body.limit).toBe(4);
    const text = await call('/status', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.body.error.message).toMatch(/application\/json/);
  });

  it('leaves liveness open however its path is written', async () => {
    expect((await call('/health/live/', {}, null)).status).toBe(200);
    expect((await call('/HEALTH/LIVE', {}, null)).status).toBe(200);
  });
});

describe('wrong keys', () => {
  const guesses = (url: string, n: number) =>
    Promise.all(Array.from({ length: n }, (_, i) => fetch(`${url}/status`, { headers: { 'x-api-key': `guess-number-${i}-of-many` } }).then((r) => r.status)));
  const metric = async (b: MemoryBridge, name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await b.metrics.registry.metrics())?.[1]);

  it('beyond loopback: bans the address after the threshold, logs it, counts it, and lifts the ban later', async () => {
    const clock = fixedClock(new Date());
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const net = await startMemoryBridge({ env: { HOST: '0.0.0.0', DIGITAL_TWIN_API_KEY: KEY }, clock, logger: pino({ level: 'info' }, sink) });
    try {
      const url = net.url.replace('0.0.0.0', '127.0.0.1');
      expect(await guesses(url, LOGIN_POLICY.threshold)).toEqual(Array(LOGIN_POLICY.threshold).fill(401));
      // Now even the right key is refused: the answer must not tell a lucky guess apart.
      const refused = await fetch(`${url}/status`, { headers: { 'x-api-key': KEY } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe(String(LOGIN_POLICY.banMs / 1000));
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      expect(await metric(net, 'twin_api_key_failures_total')).toBe(LOGIN_POLICY.threshold);
      expect(await metric(net, 'twin_client_bans_total')).toBe(1);
      expect(await metric(net, 'twin_banned_clients')).toBe(1);
      const logged = lines.map((l) => JSON.parse(l) as { msg: string; client?: string; failures?: number });
      expect(logged.filter((l) => l.msg === 'wrong API key')).toHaveLength(LOGIN_POLICY.threshold);
      expect(logged.find((l) => l.msg.includes('banned until'))).toMatchObject({ client: '127.0.0.1', failures: LOGIN_POLICY.threshold });
      expect(lines.join('\n')).not.toContain('guess-number');
      clock.advance(LOGIN_POLICY.banMs + 1000);
      expect((await fetch(`${url}/status`, { headers: { 'x-api-key': KEY } })).status).toBe(200);
      expect(await metric(net, 'twin_banned_clients')).toBe(0);
    } finally {
      await net.close();
    }
  });

  it('on loopback: answers every wrong key at once and bans nobody, as before', async () => {
    expect(await guesses(tb.url, LOGIN_POLICY.threshold + 2)).toEqual(Array(LOGIN_POLICY.threshold + 2).fill(401));
    expect((await call('/status')).status).toBe(200);
    expect(await metric(tb, 'twin_api_key_failures_total')).toBe(0);
    expect(await metric(tb, 'twin_client_bans_total')).toBe(0);
  });
});
