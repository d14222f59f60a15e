// The browser preview's server (test/preview/preview-server.ts) without a browser: the page, the
// esbuild bundle of the real views on the in-memory Obsidian, the stylesheets (every variable
// styles.css uses has a value in both of Obsidian's default themes), and the proxy to a real bridge
// that adds the API key. The screenshots themselves (`npm run screenshots`) need Chromium and are
// not part of `npm test`.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge } from '../fixtures/bridge-server';
import type { TestBridge } from '../fixtures/bridge-server';
import { startPreviewServer } from '../preview/preview-server';
import type { PreviewServer } from '../preview/preview-server';

const KEY = 'preview-test-key-123';
let tb: TestBridge;
let preview: PreviewServer;
const errors: string[] = [];

beforeAll(async () => {
  // A long cache, so the proxied and the direct /status are the same computed state.
  tb = await startTestBridge({ demo: true, env: { DIGITAL_TWIN_API_KEY: KEY, TWIN_CACHE_MS: '600000' } });
  preview = await startPreviewServer({ bridgeUrl: tb.url, apiKey: KEY, port: 0, onError: (m) => errors.push(m) });
});

afterAll(async () => {
  await preview?.close();
  await tb?.close();
});

/** Custom properties defined per selector list, from a flat stylesheet (no nesting, no @media). */
function definedVariables(css: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const [, selector, body] of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const names = new Set([...(body ?? '').matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1] as string));
    out.set((selector ?? '').trim(), names);
  }
  return out;
}

describe('preview server', () => {
  it('serves the page, which loads the bundle and the stylesheets', async () => {
    const res = await fetch(`${preview.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    for (const src of ['/preview.js', '/styles.css', '/obsidian-theme.css', '/preview.css']) expect(html).toContain(`"${src}"`);
    expect(html).toContain('id="preview-root"');
  });

  it('bundles the real views with the in-memory Obsidian for the browser', async () => {
    const res = await fetch(`${preview.url}/preview.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    const js = await res.text();
    // The plugin's render code and views are in it, and the node:http requestUrl is not.
    for (const marker of ['dt-panel', 'dt-history', 'digital-twin-panel', 'digital-twin-history', 'installDomHelpers']) expect(js).toContain(marker);
    expect(js).not.toMatch(/require\(["']node:/);
    expect(js).not.toContain('from "node:http"');
    expect(js).toContain('fetch(param.url');
  });

  it("serves the plugin's styles.css and defines each variable it uses in both default themes", async () => {
    const styles = await (await fetch(`${preview.url}/styles.css`)).text();
    expect(styles).toBe(fs.readFileSync(new URL('../../styles.css', import.meta.url), 'utf8'));
    const themeRes = await fetch(`${preview.url}/obsidian-theme.css`);
    expect(themeRes.headers.get('content-type')).toMatch(/^text\/css/);
    const blocks = definedVariables(await themeRes.text());
    // Sizes and type are set once for both themes (on body), colours per theme.
    const common = new Set([...blocks].filter(([selector]) => /^body\b/.test(selector)).flatMap(([, names]) => [...names]));
    const used = new Set([...styles.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1] as string));
    expect(used.size).toBeGreaterThan(10);
    for (const theme of ['.theme-light', '.theme-dark']) {
      const defined = new Set([...common, ...(blocks.get(theme) ?? [])]);
      const missing = [...used].filter((name) => !defined.has(name));
      expect(missing, `${theme} lacks`).toEqual([]);
    }
  });

  it("forwards /status and /history to the bridge with the API key, and answers with the bridge's JSON", async () => {
    expect((await fetch(`${tb.url}/status`)).status).toBe(401);
    const direct = (await (await fetch(`${tb.url}/status`, { headers: { 'X-API-KEY': KEY } })).json()) as { state: unknown; report: string };
    const res = await fetch(`${preview.url}/status`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const proxied = (await res.json()) as { state: unknown; report: string };
    expect(proxied.state).toEqual(direct.state);
    expect(proxied.report).toBe(direct.report);

    const history = await fetch(`${preview.url}/history?limit=5`);
    expect(history.status).toBe(200);
    const page = (await history.json()) as { items: unknown[]; next_cursor: string | null };
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.length).toBeLessThanOrEqual(5);
    expect(errors).toEqual([]);
  });

  it('answers 502 with a readable message when the bridge is not there', async () => {
    const lost: string[] = [];
    const orphan = await startPreviewServer({ bridgeUrl: 'http://127.0.0.1:9', port: 0, onError: (m) => lost.push(m) });
    try {
      const res = await fetch(`${orphan.url}/status`);
      expect(res.status).toBe(502);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toContain('http://127.0.0.1:9');
      expect(lost).toHaveLength(1);
    } finally {
      await orphan.close();
    }
  });
});
