// `npx tsx test/preview/connection-screenshots.ts [--out DIR]`: PNGs of the plugin's connection
// screens (connection-page.ts): the first run, the upgrade note, the connection doctor's answers in the
// settings and the pairing confirmation, in Obsidian's light and dark theme variables, at desktop and
// at phone width (390 px). Taken with playwright-core and the system Chromium; needs no bridge.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { REPO_ROOT, bundlePage } from './bundle';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { SETTING_CSS } from './setting-css';

// The modal's frame (app.css is not public): a box on the page's background.
const MODAL_CSS = `
.preview-theme { display: flex; flex-direction: column; gap: 16px; }
.preview-modal .modal { width: 560px; max-width: 100%; box-sizing: border-box; padding: 16px 20px; border: 1px solid var(--background-modifier-border);
  border-radius: var(--radius-l); background-color: var(--background-primary); }
.modal-title { font-size: var(--font-ui-large); font-weight: var(--font-semibold); margin-bottom: 8px; }
.settings-frame { box-sizing: border-box; max-width: 100%; background-color: var(--background-primary); }
`;

const SHOTS = [
  { name: 'first-run', selector: '[data-preview-leaf="first-run"]' },
  { name: 'upgrade-note', selector: '[data-preview-leaf="upgrade"]' },
  { name: 'doctor', selector: '[data-preview="doctor"]' },
  { name: 'pairing', selector: '[data-preview="pairing"]' },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(REPO_ROOT, 'screenshots') } } });
  const out = values.out ?? path.join(REPO_ROOT, 'screenshots');
  fs.mkdirSync(out, { recursive: true });
  const script = await bundlePage('test/preview/connection-page.ts');
  const css = ['test/preview/obsidian-theme.css', 'test/preview/preview.css', 'styles.css']
    .map((file) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'))
    .join('\n');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    for (const [width, viewport, leafWidth] of [
      ['', { width: 1400, height: 1200 }, '300px'],
      ['phone-', { width: 390, height: 844 }, '100%'],
    ] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const page = await browser.newPage({ viewport });
        await page.route('http://connection.preview/**', (route) =>
          route.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><style>${css}${SETTING_CSS}${MODAL_CSS}</style><body style="--leaf-width: ${leafWidth}; margin: 0"></body>`,
          }),
        );
        await page.goto(`http://connection.preview/?theme=${theme}`);
        await page.addScriptTag({ content: script });
        await page.waitForSelector('body[data-ready="true"]');
        for (const shot of SHOTS) {
          const file = path.join(out, `${width}${shot.name}-${theme}.png`);
          await page.locator(shot.selector).screenshot({ path: file });
          console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
}

await main();
