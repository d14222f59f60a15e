// GET /docs: Swagger UI served from node_modules (no CDN), behind the API key, with its page, its
// assets and its spec; also from the esbuild bundle that `npm start` runs.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swaggerUiDir } from '../../../bridge/http/routes/docs-route';
import { startTestBridge, type TestBridge } from '../../fixtures/bridge-server';
import { waitUntil } from '../embedded/bridge-process';

const KEY = 'the-docs-are-private';
const REPO = path.resolve(import.meta.dirname, '../../..');
let tb: TestBridge;
beforeAll(async () => {
  tb = await startTestBridge({ env: { DIGITAL_TWIN_API_KEY: KEY } });
});
afterAll(async () => {
  await tb?.close();
});

const withKey = { headers: { 'x-api-key': KEY } };
const basic = (password: string) => ({ headers: { authorization: `Basic ${Buffer.from(`me:${password}`).toString('base64')}` } });

/** The /docs/… files the page loads, read from its HTML. */
function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/docs\/[^"]+)"/g)].map((m) => m[1]);
}

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

describe('/docs from the bundle npm start runs', () => {
  it('finds swagger-ui-dist from node_modules/.cache and serves its files', async () => {
    const outfile = path.join(REPO, `node_modules/.cache/digital-twin/docs-check-${crypto.randomBytes(4).toString('hex')}.mjs`);
    // The same options as `node esbuild.config.mjs bridge`, into a file of this test's own.
    await esbuild.build({ entryPoints: [path.join(REPO, 'bridge/cli.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', outfile });
    const cwd = fs.mkdtempSync(path.join(REPO, 'node_modules/.cache/digital-twin/cwd-'));
    const child = spawn(process.execPath, [outfile, 'start'], {
      env: {
        ...process.env,
        FINANCE_DATABASE_URL: tb.dbs.finance,
        TRAINING_DATABASE_URL: tb.dbs.training,
        PANTRY_DATABASE_URL: tb.dbs.pantry,
        PORT: '0',
        TWIN_SYNC_INTERVAL_SECONDS: '0',
        TWIN_LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        DIGITAL_TWIN_API_KEY: KEY,
      },
      // A folder without a .env, so the developer's own settings stay out of the test.
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let url: string | null = null;
    const logs: string[] = [];
    child.stdout.on('data', (c: Buffer) => {
      logs.push(c.toString());
      url ??= /listening on (http:\/\/[^"\s]+)/.exec(c.toString())?.[1] ?? null;
    });
    child.stderr.on('data', (c: Buffer) => logs.push(c.toString()));
    try {
      expect(await waitUntil(() => url !== null, 30_000), logs.join('')).toBe(true);
      const page = await fetch(`${url}/docs`, withKey);
      expect(page.status).toBe(200);
      for (const asset of assetsOf(await page.text())) expect((await fetch(`${url}${asset}`, withKey)).status, asset).toBe(200);
      const bundle = Buffer.from(await (await fetch(`${url}/docs/swagger-ui-bundle.js`, withKey)).arrayBuffer());
      expect(bundle.equals(fs.readFileSync(path.join(swaggerUiDir(), 'swagger-ui-bundle.js')))).toBe(true);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(outfile, { force: true });
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
