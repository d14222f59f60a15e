// CORS headers as a browser reads them: Obsidian's origins by default, the configured list when
// set, preflights answered before the API key, and nothing at all (never `*`) for other origins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';
import { rawRequest } from './raw-request';

const KEY = 'dashboards-read-this';
let byDefault: MemoryBridge;
let listed: MemoryBridge;
beforeAll(async () => {
  byDefault = await startMemoryBridge({ env: { DIGITAL_TWIN_API_KEY: KEY } });
  listed = await startMemoryBridge({ env: { TWIN_CORS_ORIGINS: 'http://127.0.0.1:8080, https://Dash.Example/' } });
});
afterAll(async () => {
  await listed?.close();
  await byDefault?.close();
});

const preflight = (url: string, origin: string, headers = 'x-api-key') =>
  rawRequest(`${url}/finance`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': headers } });

const corsHeaders = (h: Record<string, unknown>) => Object.keys(h).filter((k) => k.startsWith('access-control-'));

describe('CORS by default: Obsidian on desktop, iOS and Android', () => {
  it.each(['app://obsidian.md', 'capacitor://localhost', 'http://localhost'])('answers the preflight of %s with 204, without the key', async (origin) => {
    const r = await preflight(byDefault.url, origin);
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe(origin);
    expect(r.headers['access-control-allow-methods']).toBe('GET, POST');
    expect(r.headers['access-control-allow-headers']).toBe('X-API-KEY, Authorization, Content-Type');
    expect(Number(r.headers['access-control-max-age'])).toBeGreaterThan(0);
    expect(r.headers.vary).toMatch(/Origin/);
    expect(r.text).toBe('');
  });

  it('lets the allowed origin read the answer, which still needs the key', async () => {
    const ok = await rawRequest(`${byDefault.url}/finance`, { headers: { origin: 'app://obsidian.md', 'x-api-key': KEY } });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('app://obsidian.md');
    expect(ok.json<{ mtd_net: number }>().mtd_net).toBe(0);
    const keyless = await rawRequest(`${byDefault.url}/finance`, { headers: { origin: 'app://obsidian.md' } });
    expect(keyless.status).toBe(401);
    // The dashboard can read why, and no login dialog is asked for.
    expect(keyless.headers['access-control-allow-origin']).toBe('app://obsidian.md');
    expect(keyless.headers['www-authenticate']).toBeUndefined();
  });

  it.each(['https://evil.example', 'http://localhost:8080', 'null', 'app://obsidian.md.evil.example', 'APP://OBSIDIAN.MD', '*'])(
    'gives %s no CORS header at all',
    async (origin) => {
      const get = await rawRequest(`${byDefault.url}/finance`, { headers: { origin, 'x-api-key': KEY } });
      expect(get.status).toBe(200);
      expect(corsHeaders(get.headers)).toEqual([]);
      const pre = await preflight(byDefault.url, origin);
      expect(pre.status).toBe(405);
      expect(corsHeaders(pre.headers)).toEqual([]);
      expect(pre.json().error.code).toBe('method_not_allowed');
    },
  );
});

describe('TWIN_CORS_ORIGINS', () => {
  it('replaces the list (compared as browsers serialise origins)', async () => {
    expect((await preflight(listed.url, 'http://127.0.0.1:8080')).headers['access-control-allow-origin']).toBe('http://127.0.0.1:8080');
    expect((await preflight(listed.url, 'https://dash.example')).status).toBe(204);
    const obsidian = await preflight(listed.url, 'app://obsidian.md');
    expect(obsidian.status).toBe(405);
    expect(corsHeaders(obsidian.headers)).toEqual([]);
  });

  it('is none when set to none', async () => {
    const none = await startMemoryBridge({ env: { TWIN_CORS_ORIGINS: 'none' } });
    try {
      expect(corsHeaders((await preflight(none.url, 'app://obsidian.md')).headers)).toEqual([]);
    } finally {
      await none.close();
    }
  });
});
