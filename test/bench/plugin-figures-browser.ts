// The render figures in Chromium, the engine Obsidian runs on: the twin panel and the history view,
// with the stylesheet applied and a forced layout after each render. happy-dom (plugin-figures.ts)
// is many times slower at building elements, so its figures are an upper bound; these are the ones
// a person would see.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { HistoryEntry, StatusResponse } from '../../bridge/contract/responses';
import { bundlePage } from '../preview/bundle';
import { CHROMIUM, CHROMIUM_ARGS } from '../preview/chromium';
import type { BrowserInput, BrowserTimes } from './plugin-figures-page';
import { REPO_ROOT } from './processes';

export type { BrowserTimes };

export async function browserTimes(input: { status: StatusResponse; history: HistoryEntry[] }): Promise<BrowserTimes> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const script = await bundlePage('test/bench/plugin-figures-page.ts', { minify: true });
  const css = fs.readFileSync(path.join(REPO_ROOT, 'styles.css'), 'utf8') + fs.readFileSync(path.join(REPO_ROOT, 'test/preview/obsidian-theme.css'), 'utf8');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body class="theme-light"></body></html>`);
    await page.addScriptTag({ content: script });
    const arg: BrowserInput = { ...input, panelRuns: 51, historyRuns: 11 };
    return await page.evaluate((a) => (window as unknown as { measureRenders: (x: BrowserInput) => BrowserTimes }).measureRenders(a), arg);
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
