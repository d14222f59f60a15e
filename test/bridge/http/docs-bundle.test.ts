// GET /docs from the esbuild bundle that `npm start` runs: swagger-ui-dist is found from
// node_modules/.cache, over real databases.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swaggerUiDir } from '../../../bridge/http/routes/docs-route';
import { freshDatabases, type TestDatabases } from '../../fixtures/databases';
import { waitUntil } from '../embedded/bridge-process';
import { assetsOf, DOCS_KEY as KEY, withKey } from './docs-assets';

const REPO = path.resolve(import.meta.dirname, '../../..');
let dbs: TestDatabases;
beforeAll(async () => {
  dbs = await freshDatabases();
});
afterAll(async () => {
  await dbs?.drop();
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
        FINANCE_DATABASE_URL: dbs.finance,
        TRAINING_DATABASE_URL: dbs.training,
        PANTRY_DATABASE_URL: dbs.pantry,
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
