// GET|POST /openapi.json
import { createRequire } from 'node:module';
import { Router } from 'express';
import { openApiDocument } from '../../contract/openapi';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

export function openApiRoute(): Router {
  return Router().all('/openapi.json', (_req, res) => {
    res.json(openApiDocument(version));
  });
}
