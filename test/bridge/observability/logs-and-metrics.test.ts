// One JSON log line per request with its id, and Prometheus metrics that show degraded domains and
// when history was last written (log-secrets.test.ts: no secrets in the log).
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';

const KEY = 'log-test-secret-key';
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

let tb: MemoryBridge;
beforeAll(async () => {
  tb = await startMemoryBridge({ env: { DIGITAL_TWIN_API_KEY: KEY, TWIN_CACHE_MS: '0' }, logger: pino({ level: 'debug' }, sink) });
});
afterAll(async () => {
  await tb?.close();
});

const get = (path: string, headers: Record<string, string> = { 'x-api-key': KEY }) => fetch(`${tb.url}${path}`, { headers });

describe('logs', () => {
  it('writes one line per request with the id returned to the client', async () => {
    const before = lines.length;
    const res = await get('/finance?format=text');
    await res.json();
    const id = res.headers.get('x-request-id');
    const requestLines = lines.slice(before).map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({ reqId: id, method: 'GET', path: '/finance', status: 200 });
  });

  it('keeps a sane incoming request id and replaces a hostile one', async () => {
    expect((await get('/health/live', { 'x-request-id': 'n8n-exec-42' })).headers.get('x-request-id')).toBe('n8n-exec-42');
    expect((await get('/health/live', { 'x-request-id': '<script>alert(1)</script>' })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('metrics', () => {
  it('are behind the key and expose request, source, degraded and freshness series', async () => {
    expect((await get('/metrics', {})).status).toBe(401);
    await (await get('/status')).json();
    await tb.sync.drain();
    const text = await (await get('/metrics')).text();
    expect(text).toMatch(/twin_http_request_duration_seconds_count\{route="\/status",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/twin_source_query_duration_seconds_count\{source="finance",outcome="ok"\} \d+/);
    expect(text).toMatch(/twin_domain_degraded\{domain="pantry"\} 0/);
    const written = Number(/^twin_last_history_write_timestamp_seconds (\S+)$/m.exec(text)?.[1]);
    expect(written).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
  });
});
