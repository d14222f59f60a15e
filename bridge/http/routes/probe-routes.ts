// Liveness (the process answers) and readiness (every source answers a trivial query).
import { Router } from 'express';
import type { LiveResponse, ReadyResponse } from '../../contract/responses';
import type { RouteDeps } from '../route-deps';
import { TextParams, parseParams } from '../request-params';
import { VERSIONS } from '../versions';

export function probeRoutes(deps: RouteDeps): Router {
  const router = Router();
  router.all('/health/live', (req, res) => {
    parseParams(TextParams, req);
    const body: LiveResponse = { status: 'live', uptime_seconds: Math.round(process.uptime()), ...VERSIONS };
    res.json(body);
  });
  router.all('/health/ready', async (req, res) => {
    parseParams(TextParams, req);
    const sources = await deps.readiness();
    const down = Object.entries(sources)
      .filter(([, s]) => !s.ok)
      .map(([name]) => name);
    const body: ReadyResponse = { status: down.length === 0 ? 'ready' : 'not_ready', sources, down };
    res.status(down.length === 0 ? 200 : 503).json(body);
  });
  return router;
}
