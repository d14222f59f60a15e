// In a real browser (Chromium through playwright-core): a page from an origin on TWIN_CORS_ORIGINS
// reads /finance with fetch, as an Obsidian dashboard does; a page from any other origin cannot;
// and /docs renders the API reference with nothing from the internet.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';
import { logLines } from './raw-request';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Without Chromium the test is skipped on a developer's machine, never in CI (.ci/run installs it).
const unavailable = !fs.existsSync(CHROMIUM) && !process.env.CI;

const KEY = 'a-dashboard-key';

/** A web server with one empty page: the origin a dashboard's script runs in. */
async function pageServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>dashboard</title><p>dashboard</p>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(unavailable)('in Chromium', () => {
  const log = logLines();
  let allowed: Awaited<ReturnType<typeof pageServer>>;
  let other: Awaited<ReturnType<typeof pageServer>>;
  let tb: MemoryBridge;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    allowed = await pageServer();
    other = await pageServer();
    tb = await startMemoryBridge({
      env: { TWIN_CORS_ORIGINS: allowed.origin, DIGITAL_TWIN_API_KEY: KEY, LOG_LEVEL: 'info' },
      logger: pino({ level: 'info', base: undefined }, log),
    });
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      httpCredentials: { username: 'me', password: KEY },
    });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    await tb?.close();
    await allowed?.close();
    await other?.close();
  });

  /** Runs a dashboard's fetch in a page of `origin`: the figure, or the browser's error. */
  async function dashboardFetch(origin: string, url: string, headers: Record<string, string>) {
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ url, headers }) => {
          try {
            const body = await fetch(url, { headers }).then((r) => r.json());
            return { read: true, mtd_net: body.mtd_net as number };
          } catch (err) {
            return { read: false, error: String(err) };
          }
        },
        { url, headers },
      );
    } finally {
      await page.close();
    }
  }

  const requests = (method: string, p: string) => log.lines.filter((l) => l.msg === 'request' && l.method === method && l.path === p);

  it('lets a page of an allowed origin read /finance, with the key after a preflight', async () => {
    const before = requests('OPTIONS', '/finance').length;
    const result = await dashboardFetch(allowed.origin, `${tb.url}/finance`, { 'X-API-KEY': KEY });
    expect(result).toEqual({ read: true, mtd_net: 0 });
    const preflights = requests('OPTIONS', '/finance').slice(before);
    expect(preflights.map((l) => l.status)).toEqual([204]);
  });

  it('blocks a page of any other origin, with or without a preflight', async () => {
    const withKey = await dashboardFetch(other.origin, `${tb.url}/finance`, { 'X-API-KEY': KEY });
    expect(withKey).toMatchObject({ read: false, error: expect.stringMatching(/Failed to fetch/) });
    // A simple request is sent and answered, but the browser does not let the page read it.
    const before = requests('GET', '/status').length;
    const simple = await dashboardFetch(other.origin, `${tb.url}/status`, {});
    expect(simple).toMatchObject({ read: false });
    expect(requests('GET', '/status').slice(before).map((l) => l.status)).toEqual([401]);
  });

  it('renders /docs from the bridge alone', async () => {
    const page = await context.newPage();
    const outside: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(tb.url)) outside.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    try {
      await page.goto(`${tb.url}/docs`);
      await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
      const operations = await page.locator('.opblock-summary-path').allTextContents();
      expect(operations.map((t) => t.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/status', '/history', '/health/domain/{name}']));
      expect(await page.locator('.info .title').textContent()).toMatch(/Digital Twin bridge/);
      expect(outside).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
