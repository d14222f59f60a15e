// `npx tsx test/preview/settings-screenshot.ts [--out DIR]`: PNGs of the plugin's settings tab in
// Obsidian's light and dark theme variables (settings-light.png, settings-dark.png), drawn by
// settings-page.ts and taken with playwright-core and the system Chromium. Needs no bridge.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { REPO_ROOT, bundlePage } from './bundle';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';

// Obsidian's settings rows, reduced to what the screenshot needs (its app.css is not public).
const SETTING_CSS = `
.settings-preview { display: flex; gap: 24px; padding: 16px; align-items: flex-start; }
.settings-frame { width: 720px; padding: 12px 20px; border-radius: 8px; }
.setting-item { display: flex; align-items: center; gap: 16px; padding: 12px 0; border-top: 1px solid var(--background-modifier-border); }
.setting-item:first-child { border-top: none; }
.setting-item-info { flex: 1 1 auto; }
.setting-item-name { color: var(--text-normal); font-size: var(--font-ui-medium, 15px); }
.setting-item-description { color: var(--text-muted); font-size: var(--font-ui-smaller, 13px); padding-top: 4px; }
.setting-item-control { flex: 0 0 auto; display: flex; gap: 8px; }
.setting-item-control input, .setting-item-control select, .setting-item-control button {
  background: var(--background-modifier-form-field, var(--background-primary)); color: var(--text-normal);
  border: 1px solid var(--background-modifier-border); border-radius: 4px; padding: 4px 8px; font: inherit; }
.checkbox-container { width: 40px; height: 22px; border-radius: 11px; background: var(--text-faint); position: relative; }
.checkbox-container::after { content: ''; position: absolute; top: 3px; left: 3px; width: 16px; height: 16px; border-radius: 50%; background: var(--background-primary); }
.checkbox-container.is-enabled { background: var(--interactive-accent); }
.checkbox-container.is-enabled::after { left: 21px; }
`;

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
