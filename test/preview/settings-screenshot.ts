// `npx tsx test/preview/settings-screenshot.ts [--out DIR]`: PNGs of the plugin's settings tab in
// Obsidian's light and dark theme variables (settings-light.png, settings-dark.png), drawn by
// settings-page.ts and taken with playwright-core and the system Chromium. Needs no bridge.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { REPO_ROOT, bundlePage } from './bundle';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { SETTING_CSS } from './setting-css';


async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(REPO_ROOT, 'screenshots') } } });
  const out = values.out ?? path.join(REPO_ROOT, 'screenshots');
  fs.mkdirSync(out, { recursive: true });
  const script = await bundlePage('test/preview/settings-page.ts');
  const css = ['test/preview/obsidian-theme.css', 'test/preview/preview.css', 'styles.css']
    .map((file) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'))
    .join('\n');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 1560, height: 1000 } });
      // The page reads its theme from the query string; a data: URL carries none, so route one.
      await page.route('http://settings.preview/**', (route) =>
        route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8"><style>${css}${SETTING_CSS}</style><body></body>` }),
      );
      await page.goto(`http://settings.preview/?theme=${theme}`);
      await page.addScriptTag({ content: script });
      await page.waitForSelector('body[data-ready="true"]');
      const file = path.join(out, `settings-${theme}.png`);
      await page.locator('.settings-preview').screenshot({ path: file });
      console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

await main();
