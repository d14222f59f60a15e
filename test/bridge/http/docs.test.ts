// GET /docs: Swagger UI served from node_modules (no CDN), behind the API key, with its page, its
// assets and its spec (docs-bundle.test.ts: from the esbuild bundle that `npm start` runs).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swaggerUiDir } from '../../../bridge/http/routes/docs-route';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';
import { assetsOf, DOCS_KEY as KEY, withKey } from './docs-assets';

let tb: MemoryBridge;
beforeAll(async () => {
  tb = await startMemoryBridge({ env: { DIGITAL_TWIN_API_KEY: KEY } });
});
afterAll(async () => {
  await tb?.close();
});

const basic = (password: string) => ({ headers: { authorization: `Basic ${Buffer.from(`me:${password}`).toString('base64')}` } });

describe('/docs', () => {
  it('asks a browser for the key, and only there', async () => {
    const r = await fetch(`${tb.url}/docs`);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm="Digital Twin bridge"/);
    expect((await r.json()).error.code).toBe('unauthorized');
    expect((await fetch(`${tb.url}/docs/swagger-ui-bundle.js`)).status).toBe(401);
    expect((await fetch(`${tb.url}/docs`, basic('wrong-key'))).status).toBe(401);
    const api = await fetch(`${tb.url}/status`);
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toBeNull();
  });

  it.each([
    ['X-API-KEY', withKey],
    ['Basic (the key as password)', basic(KEY)],
  ])('serves the page with the key as %s, and every file it loads from swagger-ui-dist', async (_how, init) => {
    const page = await fetch(`${tb.url}/docs`, init);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/https?:/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = assetsOf(html);
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/docs-init.js']));
    for (const asset of assets) {
      const r = await fetch(`${tb.url}${asset}`, init);
      expect(r.status, asset).toBe(200);
      const body = Buffer.from(await r.arrayBuffer());
      const file = path.join(swaggerUiDir(), path.basename(asset));
      if (fs.existsSync(file)) expect(body.equals(fs.readFileSync(file)), asset).toBe(true);
      else expect(body.toString()).toContain("url: '/docs/openapi.json'");
    }
  });

  it('hands the page the OpenAPI document with the bridge itself as server', async () => {
    const spec = await (await fetch(`${tb.url}/docs/openapi.json`, withKey)).json();
    const plain = await (await fetch(`${tb.url}/openapi.json`, withKey)).json();
    expect(spec.servers).toEqual([{ url: '/', description: 'this bridge' }]);
    expect(spec.paths).toEqual(plain.paths);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/health/domain/{name}', '/docs']));
  });

  it.each(['/docs/package.json', '/docs/..%2fpackage.json', '/docs/swagger-ui-bundle.js.map', '/docs/index.js', '/docs/%2e%2e', '/docs/constructor', '/docs/__proto__'])('serves nothing else of the package: %s', async (p) => {
    const r = await fetch(`${tb.url}${p}`, withKey);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
  });
});
