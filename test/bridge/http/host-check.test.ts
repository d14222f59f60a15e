// DNS rebinding: on loopback the bridge answers only requests whose Host names it; n8n's extra
// fields are ignored (and logged at debug level) while known parameters are still validated.
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostName, namesWithBoundHost } from '../../../bridge/http/host-check';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';
import { logLines, rawRequest } from './raw-request';

const log = logLines();
let tb: MemoryBridge;
beforeAll(async () => {
  tb = await startMemoryBridge({
    env: { TWIN_ALLOWED_HOSTS: 'digital-twin-api, Twin.LAN' },
    logger: pino({ level: 'debug', base: undefined }, log),
  });
});
afterAll(async () => {
  await tb?.close();
});

const withHost = (path: string, host: string, headers: Record<string, string> = {}) => rawRequest(`${tb.url}${path}`, { headers: { host, ...headers } });

describe('Host header while listening on loopback', () => {
  it.each(['localhost', 'localhost:5677', '127.0.0.1', '127.0.0.1:5677', '[::1]', '[::1]:5677', 'LOCALHOST:1', 'localhost.', 'digital-twin-api:5677', 'twin.lan'])(
    'answers a request to %s',
    async (host) => {
      const r = await withHost('/finance', host);
      expect(r.status).toBe(200);
      expect(r.json<{ mtd_net: number }>().mtd_net).toBe(0);
    },
  );

  it.each(['evil.example', 'evil.example:5677', '127.0.0.1.evil.example', '::1', '[::2]', 'localhost:99999', 'localhost:5677:1', 'digital-twin-api.evil', '127.0.0.2'])(
    'refuses %s with a JSON 421 and a log line',
    async (host) => {
      const before = log.lines.length;
      const r = await withHost('/status', host);
      expect(r.status).toBe(421);
      expect(r.headers['content-type']).toMatch(/application\/json/);
      const body = r.json();
      expect(body.error.code).toBe('misdirected_request');
      expect(body.error.message).toMatch(/TWIN_ALLOWED_HOSTS/);
      // The names the user added are not told to the page that asked.
      expect(body.error.message.replace(host, '')).not.toMatch(/twin\.lan|digital-twin-api/);
      expect(body.report).toMatch(/^❌ Error/);
      const refused = log.lines.slice(before).find((l) => l.msg === 'request refused: Host is not a name of this bridge');
      expect(refused?.host).toBe(host);
      expect(refused?.level).toBe(40);
    },
  );

  it('refuses before the body or the route is looked at, also for unknown paths and POST', async () => {
    expect((await rawRequest(`${tb.url}/history`, { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' }, body: '{"limit":"abc"}' })).status).toBe(421);
    expect((await withHost('/nowhere', 'evil.example')).status).toBe(421);
  });

  it('leaves liveness open whatever the Host', async () => {
    const r = await withHost('/health/live', 'evil.example');
    expect(r.status).toBe(200);
    expect(r.json<{ status: string }>().status).toBe('live');
  });

  it('never answers hostile Host or Origin headers with a 5xx', async () => {
    const host = fc.oneof(
      fc.constantFrom('localhost', '[::1]:1', 'evil.example', '[', ']', '[::1', ':80', 'localhost:', 'a'.repeat(300)),
      fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /^[\x21-\x7e]+$/.test(s)),
    );
    const origin = fc.oneof(fc.constantFrom('null', 'app://obsidian.md', 'http://localhost', '*'), fc.string({ maxLength: 40 }).filter((s) => /^[\x20-\x7e]*$/.test(s)));
    const path = fc.constantFrom('/status', '/finance', '/health/domain/finance', '/health/domain/x', '/history?since=2026-01-01T00:00:00Z');
    await fc.assert(
      fc.asyncProperty(host, origin, path, fc.constantFrom('GET', 'POST', 'OPTIONS'), async (h, o, p, method) => {
        const r = await rawRequest(`${tb.url}${p}`, { method, headers: { host: h, origin: o, 'access-control-request-method': 'GET' } });
        expect(r.status).toBeLessThan(500);
        if (r.status !== 204) expect(r.headers['content-type']).toMatch(/application\/json/);
        expect(r.headers['access-control-allow-origin']).not.toBe('*');
      }),
      { numRuns: 80 },
    );
  });
});

describe('Host is not checked beyond loopback', () => {
  it('answers any Host when listening on all interfaces (the API key guards it)', async () => {
    const open = await startMemoryBridge({ env: { HOST: '0.0.0.0', DIGITAL_TWIN_API_KEY: 'a-long-enough-key' } });
    try {
      const url = `http://127.0.0.1:${open.port}`;
      const r = await rawRequest(`${url}/finance`, { headers: { host: 'digital-twin-api:5677', 'x-api-key': 'a-long-enough-key' } });
      expect(r.status).toBe(200);
      expect((await rawRequest(`${url}/finance`, { headers: { host: 'anything.example' } })).status).toBe(401);
    } finally {
      await open.close();
    }
  });
});

describe('a bridge bound to another loopback address', () => {
  it('answers requests that name that address, and still refuses others', async () => {
    const other = await startMemoryBridge({ env: { HOST: '127.0.0.2' } });
    try {
      const url = `http://127.0.0.2:${other.port}`;
      expect((await rawRequest(`${url}/finance`)).status).toBe(200);
      expect((await rawRequest(`${url}/finance`, { headers: { host: 'localhost' } })).status).toBe(200);
      expect((await rawRequest(`${url}/finance`, { headers: { host: 'evil.example' } })).status).toBe(421);
    } finally {
      await other.close();
    }
  });
});

describe('the name in a Host header', () => {
  it.each([
    ['localhost', 'localhost'],
    ['LocalHost:5677', 'localhost'],
    ['[::1]:5677', '[::1]'],
    ['[::1]', '[::1]'],
    ['twin.lan.', 'twin.lan'],
    ['::1', null],
    ['host:70000', null],
    ['a b', 'a b'],
    ['[::1]x', null],
    ['', null],
  ])('%j is %j', (header, expected) => {
    expect(hostName(header)).toBe(expected);
  });

  it('adds the listening address as a Host names it', () => {
    expect(namesWithBoundHost('::1', ['nas'])).toEqual(['nas', '[::1]']);
    expect(namesWithBoundHost('127.0.0.1', [])).toEqual(['127.0.0.1']);
  });
});

describe('parameters n8n adds', () => {
  it('ignores unknown fields in the query string and the body, and logs them at debug level', async () => {
    const before = log.lines.length;
    const q = await rawRequest(`${tb.url}/status?format=text&chat_id=42&query=${encodeURIComponent('/status')}`);
    expect(q.status).toBe(200);
    const body = JSON.stringify([{ chat_id: 42, query: 'how am I doing', limit: 2, message: { text: 'hi' } }]);
    const post = await rawRequest(`${tb.url}/history`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(post.status).toBe(200);
    expect(post.json<{ limit: number }>().limit).toBe(2);
    const ignored = log.lines.slice(before).filter((l) => l.msg === 'unknown parameters ignored');
    expect(ignored.map((l) => [l.level, l.ignored])).toEqual([
      [20, ['chat_id', 'query']],
      [20, ['chat_id', 'query', 'message']],
    ]);
  });

  it('still refuses known parameters with bad values', async () => {
    const r = await rawRequest(`${tb.url}/history?limit=abc&chat_id=1`);
    expect(r.status).toBe(400);
    expect(r.json().error.message).toMatch(/limit must be a whole number from 1 to 500 \(got "abc"\)/);
    const f = await rawRequest(`${tb.url}/status?format=xml&query=x`);
    expect(f.status).toBe(400);
    expect(f.json().error.message).toMatch(/format must be json or text/);
  });
});
