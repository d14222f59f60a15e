// The browser preview's HTTP server (node:http): the page, its script (bundled by esbuild on each
// request, so a reload shows edits), the plugin's styles.css, Obsidian's theme variables, and a
// proxy that forwards every other path (/status, /history, /ready, …) to the bridge, adding the API
// key when one is configured. The page's plugin uses this server's origin as its bridge URL.
import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, bundlePreview } from './bundle';
import { sampleInsightsResponse } from './insights-sample';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const DEFAULT_PREVIEW_PORT = 5680;
export const DEFAULT_BRIDGE_URL = 'http://127.0.0.1:5677';

export interface PreviewOptions {
  bridgeUrl?: string;
  /** Sent to the bridge as X-API-KEY; null or '' for none. */
  apiKey?: string | null;
  port?: number;
  host?: string;
  /** Called with one line per failed build or proxy error; default console.error. */
  onError?: (message: string) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  bridgeUrl: string;
  close(): Promise<void>;
}

const STATIC: Record<string, { file: string; type: string }> = {
  '/styles.css': { file: path.join(REPO_ROOT, 'styles.css'), type: 'text/css; charset=utf-8' },
  '/obsidian-theme.css': { file: path.join(HERE, 'obsidian-theme.css'), type: 'text/css; charset=utf-8' },
  '/preview.css': { file: path.join(HERE, 'preview.css'), type: 'text/css; charset=utf-8' },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function pageHtml(bridgeUrl: string): string {
  const link = (query: string, text: string) => `<a href="/?${query}">${text}</a>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Digital Twin · view preview</title>
<link rel="stylesheet" href="/obsidian-theme.css">
<link rel="stylesheet" href="/styles.css">
<link rel="stylesheet" href="/preview.css">
</head>
<body>
<header class="preview-bar">
  <strong>Digital Twin view preview</strong>
  <span>bridge: <code>${escapeHtml(bridgeUrl)}</code></span>
  <nav>
    <span>theme:</span> ${link('theme=both', 'both')} ${link('theme=light', 'light')} ${link('theme=dark', 'dark')}
    <span>view:</span> ${link('view=all', 'all')} ${link('view=panel', 'panel')} ${link('view=history', 'history')} ${link('view=states', 'states')}
    <span>width:</span> ${link('width=sidebar', 'sidebar')} ${link('width=main', 'main')} ${link('width=full', 'full')}
  </nav>
</header>
<main id="preview-root"></main>
<script src="/preview.js"></script>
<script>
  // Keep the other query parameters when a link changes one of them.
  for (const a of document.querySelectorAll('.preview-bar nav a')) {
    const params = new URLSearchParams(location.search);
    for (const [k, v] of new URLSearchParams(a.getAttribute('href').slice(2))) params.set(k, v);
    a.href = '/?' + params.toString();
  }
</script>
</body>
</html>
`;
}

/** /insights from the bridge, or the sample insights when the bridge has none (it answers 404). */
async function insightsOrSample(res: http.ServerResponse, bridge: URL, apiKey: string | null): Promise<void> {
  const upstream = await fetch(new URL('insights', bridge), { headers: apiKey ? { 'x-api-key': apiKey } : {} });
  const body = upstream.status === 404 ? JSON.stringify(sampleInsightsResponse()) : await upstream.text();
  send(res, upstream.status === 404 ? 200 : upstream.status, 'application/json', body);
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host']);

function proxy(req: http.IncomingMessage, res: http.ServerResponse, bridge: URL, apiKey: string | null, onError: (m: string) => void): void {
  const target = new URL(req.url ?? '/', bridge);
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
  if (apiKey && headers['x-api-key'] === undefined) headers['x-api-key'] = apiKey;
  const transport = target.protocol === 'https:' ? https : http;
  const upstream = transport.request(target, { method: req.method, headers }, (up) => {
    const out: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
    res.writeHead(up.statusCode ?? 502, out);
    up.pipe(res);
  });
  upstream.setTimeout(15_000, () => upstream.destroy(new Error('the bridge did not answer within 15 s')));
  upstream.on('error', (err) => {
    onError(`proxy ${req.method} ${req.url} → ${target.href}: ${err.message}`);
    if (res.headersSent) res.destroy(err);
    else send(res, 502, 'application/json', JSON.stringify({ error: { code: 'bad_gateway', message: `The preview could not reach the bridge at ${bridge.origin}: ${err.message}` } }));
  });
  req.pipe(upstream);
}

export async function startPreviewServer(o: PreviewOptions = {}): Promise<PreviewServer> {
  const bridgeUrl = (o.bridgeUrl ?? DEFAULT_BRIDGE_URL).replace(/\/+$/, '');
  const bridge = new URL(`${bridgeUrl}/`);
  const apiKey = o.apiKey ? o.apiKey : null;
  const onError = o.onError ?? ((m: string) => console.error(m));

  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://preview').pathname;
    void (async () => {
      try {
        if (req.method === 'GET' && (pathname === '/' || pathname === '/index.html')) {
          send(res, 200, 'text/html; charset=utf-8', pageHtml(bridgeUrl));
        } else if (req.method === 'GET' && pathname === '/preview.js') {
          send(res, 200, 'text/javascript; charset=utf-8', await bundlePreview());
        } else if (req.method === 'GET' && STATIC[pathname]) {
          const { file, type } = STATIC[pathname];
          send(res, 200, type, await fs.readFile(file));
        } else if (req.method === 'GET' && pathname === '/insights') {
          await insightsOrSample(res, bridge, apiKey);
        } else if (pathname === '/favicon.ico') {
          send(res, 204, 'image/x-icon', '');
        } else {
          proxy(req, res, bridge, apiKey, onError);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        onError(`${req.method} ${pathname}: ${message}`);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', message);
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? DEFAULT_PREVIEW_PORT, o.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = o.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    bridgeUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
