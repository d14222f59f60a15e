// `npm run screenshots [-- --bridge URL --out DIR]`: PNGs of the twin panel and the history view in
// Obsidian's light and dark themes, at sidebar width and at phone width, taken with playwright-core
// and the system Chromium. Without --bridge it starts a bridge in-process over an embedded PostgreSQL
// with demo data in a temporary folder, and removes it afterwards. Not part of `npm test`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../bridge/config/config';
import { startBridge } from '../../bridge/server';
import type { Bridge } from '../../bridge/server';
import { REPO_ROOT } from './bundle';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { startPreviewServer } from './preview-server';
import type { PreviewServer } from './preview-server';
import { freePort } from '../fixtures/free-port';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

interface Shot {
  file: string;
  query: string;
  viewport: { width: number; height: number };
  /** An element to capture; the whole page when absent. */
  selector?: string;
  /** Cut the picture at this many CSS pixels (the history is long; a sidebar shows its top). */
  maxHeight?: number;
  /** Let the browser find the element (one inside a scrolled leaf, where the page's scroll does not place it). */
  element?: boolean;
}

/** The day the history view is shown on: the 10th of the month before the one the screenshots are taken in. */
const PICKED_DAY = (() => {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth() - 1, 10);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-10`;
})();

const SHOTS: Shot[] = [
  { file: 'overview.png', query: 'theme=both&view=all&width=sidebar', viewport: { width: 1900, height: 1000 }, maxHeight: 1300 },
  ...(['light', 'dark'] as const).flatMap((theme) => [
    { file: `panel-${theme}.png`, query: `theme=${theme}&view=panel&width=sidebar`, viewport: DESKTOP, selector: '[data-preview-leaf="panel"]' },
    { file: `history-${theme}.png`, query: `theme=${theme}&view=history&width=sidebar`, viewport: DESKTOP, selector: '[data-preview-leaf="history"]', maxHeight: 1400 },
    { file: `states-${theme}.png`, query: `theme=${theme}&view=states&width=sidebar`, viewport: { width: 1700, height: 900 }, selector: '.preview-theme' },
    { file: `phone-panel-${theme}.png`, query: `theme=${theme}&view=panel&width=full`, viewport: PHONE },
    { file: `phone-history-${theme}.png`, query: `theme=${theme}&view=history&width=full`, viewport: PHONE, maxHeight: 1600 },
    { file: `phone-history-day-${theme}.png`, query: `theme=${theme}&view=history&width=full&day=${PICKED_DAY}`, viewport: PHONE, maxHeight: 2400 },
    { file: `insights-${theme}.png`, query: `theme=${theme}&view=panel&width=sidebar`, viewport: DESKTOP, selector: '[data-preview-leaf="panel"] .dt-insights' },
    { file: `phone-insights-${theme}.png`, query: `theme=${theme}&view=panel&width=full`, viewport: PHONE, selector: '.dt-insights' },
    { file: `phone-finance-${theme}.png`, query: `theme=${theme}&view=panel&width=full`, viewport: PHONE, selector: '.dt-finance' },
    { file: `phone-upcoming-${theme}.png`, query: `theme=${theme}&view=states&width=full`, viewport: PHONE, selector: '[data-preview-leaf="state-offline"] .dt-upcoming-block', element: true },
  ]),
];


async function inProcessBridge(): Promise<{ bridge: Bridge; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-screenshots-'));
  const config = loadConfig({
    env: { TWIN_DATA_DIR: dataDir, PORT: '0', TWIN_PG_PORT: String(await freePort()), TWIN_TIMEZONE: 'Europe/Warsaw', LOG_LEVEL: 'silent' },
    envFileDir: null,
  });
  try {
    return { bridge: await startBridge(config, { embeddedFsync: false }), dataDir };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Elements in a view that stick out of their leaf or scroll sideways (phone-width trouble). */
async function overflowReport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const leaf of Array.from(document.querySelectorAll<HTMLElement>('.workspace-leaf'))) {
      const right = leaf.getBoundingClientRect().right;
      for (const el of Array.from(leaf.querySelectorAll<HTMLElement>('.view-content *'))) {
        const rect = el.getBoundingClientRect();
        const sideways = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
        if (rect.right > right + 0.5 || sideways) {
          const text = (el.textContent ?? '').trim().slice(0, 60);
          out.push(`${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} (${Math.round(rect.right - right)} px past the leaf${sideways ? ', scrolls sideways' : ''}): ${text}`);
        }
      }
    }
    return out;
  });
}

async function capture(context: BrowserContext, baseUrl: string, outDir: string, shot: Shot): Promise<string[]> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  try {
    await page.setViewportSize(shot.viewport);
    await page.goto(`${baseUrl}/?${shot.query}`);
    await page.waitForSelector('body[data-ready]', { timeout: 20_000 });
    const ready = await page.getAttribute('body', 'data-ready');
    if (ready !== 'true') problems.push(`the page failed: ${(await page.textContent('.preview-error')) ?? ready}`);
    const file = path.join(outDir, shot.file);
    // Sections lay out only when they come into view (content-visibility: auto): bring it there first.
    if (shot.selector) await page.locator(shot.selector).first().scrollIntoViewIfNeeded();
    if (shot.selector && shot.element) {
      await page.locator(shot.selector).first().screenshot({ path: file });
      console.log(`  ${path.relative(process.cwd(), file)}`);
      return problems.map((p) => `${shot.file}: ${p}`);
    }
    const box = shot.selector
      ? await page.locator(shot.selector).first().boundingBox()
      : await page.evaluate(() => ({ x: 0, y: 0, width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
    if (box === null) throw new Error(`${shot.file}: ${shot.selector} is not on the page.`);
    // The box is in the viewport's coordinates, the clip of a full-page picture in the page's.
    const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
    const clip = { ...box, x: box.x + scroll.x, y: box.y + scroll.y, height: Math.min(box.height, shot.maxHeight ?? Infinity) };
    await page.screenshot({ path: file, fullPage: true, clip });
    if (shot.viewport === PHONE) for (const line of await overflowReport(page)) problems.push(`overflow: ${line}`);
    console.log(`  ${path.relative(process.cwd(), file)}`);
  } finally {
    await page.close();
  }
  return problems.map((p) => `${shot.file}: ${p}`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { bridge: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log('Usage: npm run screenshots -- [--bridge URL] [--out DIR]\n\n' +
      '  --bridge URL  a running bridge (env DIGITAL_TWIN_API_KEY is its key); default: start one in-process with demo data\n' +
      '  --out DIR     where the PNGs go (default screenshots/)');
    return 0;
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} is missing. Install the system Chromium: run \`apt-get install chromium\` (Debian), then try again.`);
    return 1;
  }
  const outDir = path.resolve(values.out ?? path.join(REPO_ROOT, 'screenshots'));
  fs.mkdirSync(outDir, { recursive: true });

  let own: { bridge: Bridge; dataDir: string } | null = null;
  let preview: PreviewServer | null = null;
  let context: BrowserContext | null = null;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chromium-'));
  const problems: string[] = [];
  try {
    let bridgeUrl = values.bridge;
    let apiKey = process.env.DIGITAL_TWIN_API_KEY ?? null;
    if (bridgeUrl === undefined) {
      console.log('Starting a bridge with demo data (embedded PostgreSQL in a temporary folder)…');
      own = await inProcessBridge();
      bridgeUrl = own.bridge.url;
      apiKey = null;
    }
    preview = await startPreviewServer({ bridgeUrl, apiKey, port: 0, onError: (m) => problems.push(`preview server: ${m}`) });
    console.log(`Preview ${preview.url} over the bridge at ${bridgeUrl}; writing:`);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: DESKTOP,
      deviceScaleFactor: 2,
      timezoneId: 'Europe/Warsaw',
      locale: 'en-GB',
    });
    for (const shot of SHOTS) problems.push(...(await capture(context, preview.url, outDir, shot)));
  } finally {
    await context?.close().catch(() => {});
    await preview?.close().catch(() => {});
    if (own) {
      await own.bridge.close().catch((error: unknown) => console.error(`stopping the bridge: ${String(error)}`));
      fs.rmSync(own.dataDir, { recursive: true, force: true });
    }
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s) seen while capturing:`);
    for (const p of problems) console.log(`  - ${p}`);
  }
  return problems.some((p) => !p.includes(': overflow: ')) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
