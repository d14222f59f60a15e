// GET|POST /openapi.json
import { Router } from 'express';
import packageJson from '../../../package.json' with { type: 'json' };
import { openApiDocument } from '../../contract/openapi';

const { version } = packageJson;

export function openApiRoute(): Router {
  return Router().all('/openapi.json', (_req, res) => {
    res.json(openApiDocument(version));
  });
}
