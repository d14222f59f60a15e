// GET /docs: an interactive API reference (Swagger UI) over the bridge's own OpenAPI document.
// Every file comes from the swagger-ui-dist package in node_modules, so it works with no internet
// access; it sits behind the API key like the rest of the API.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Router, type Response } from 'express';
import packageJson from '../../../package.json' with { type: 'json' };
import { openApiDocument } from '../../contract/openapi';
import { HttpError } from '../http-error';

const { version } = packageJson;

/** The package's folder, found the way Node finds it: also from the esbuild bundle under node_modules/.cache. */
export function swaggerUiDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

// Only these files are served from the package: no path from the request reaches the file system.
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Digital Twin bridge API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css">
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/docs-init.js"></script>
  </body>
</html>
`;

// The base layout has no top bar, so the page cannot be pointed at another document.
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true, layout: 'BaseLayout' });
});
`;

// The JSON API's policy forbids everything; the reference page needs its own scripts and styles
// (Swagger UI sets inline styles) and nothing from elsewhere.
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

function sendPage(res: Response, type: string, body: string): void {
  res.set('Content-Security-Policy', PAGE_CSP).type(type).send(body);
}

export function docsRoute(): Router {
  // Looked up on first use: a missing package takes /docs down, not the bridge.
  let dir: string | null = null;
  const router = Router();
  router.get(['/docs', '/docs/', '/docs/index.html'], (_req, res) => sendPage(res, 'text/html; charset=utf-8', PAGE));
  router.get('/docs/docs-init.js', (_req, res) => sendPage(res, 'text/javascript; charset=utf-8', INIT));
  // Served from here too so that requests made by the page stay under /docs, and with the bridge
  // itself as the server, so "Try it out" calls the address the page was opened at.
  router.get('/docs/openapi.json', (_req, res) => {
    res.json({ ...openApiDocument(version), servers: [{ url: '/', description: 'this bridge' }] });
  });
  router.get('/docs/:asset', (req, res, next) => {
    if (!Object.hasOwn(ASSETS, req.params.asset)) return next();
    const type = ASSETS[req.params.asset];
    try {
      dir ??= swaggerUiDir();
    } catch {
      return next(new HttpError(503, 'docs_unavailable', 'the API reference needs the swagger-ui-dist package; run npm install'));
    }
    const file = path.join(dir, req.params.asset);
    if (!fs.existsSync(file)) return next(new HttpError(503, 'docs_unavailable', `swagger-ui-dist is incomplete (${req.params.asset} is missing); run npm install`));
    res.set('Cache-Control', 'private, max-age=3600').type(type);
    res.sendFile(file, { dotfiles: 'deny', lastModified: false, etag: false });
  });
  return router;
}
