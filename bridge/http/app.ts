// The HTTP surface: every endpoint on GET and POST, JSON in and out, errors as JSON.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { z } from 'zod';
import { silentLogger, type Logger } from '../log/logger';
import { requireApiKey } from './api-key';
import { cors } from './cors';
import { directAnswers, type DirectAnswers } from './direct-answers';
import { hostCheck } from './host-check';
import { HttpError, errorBody } from './http-error';
import { inSeries } from './in-series';
import type { LoginAttempts } from './login-attempts';
import { BODY_LIMIT, requestBodies } from './request-bodies';
import type { RouteDeps } from './route-deps';
import { docsRoute } from './routes/docs-route';
import { domainHealthRoute } from './routes/domain-health-route';
import { domainRoutes } from './routes/domain-routes';
import { financeDetailsRoute } from './routes/finance-details-route';
import { historyRoute } from './routes/history-route';
import { insightsRoute } from './routes/insights-route';
import { n8nRoutes, type ReadDeps } from './routes/n8n-routes';
import { openApiRoute } from './routes/openapi-route';
import { probeRoutes } from './routes/probe-routes';
import { reviewRoute } from './routes/review-route';
import { statusHandler } from './routes/status-route';
import { securityHeaders } from './security-headers';

export interface AppOptions extends RouteDeps, Omit<ReadDeps, 'insights'> {
  apiKey: string | null;
  /** Wrong keys per client address, when others reach the bridge (beyond loopback, or through a proxy). */
  loginAttempts?: LoginAttempts | null;
  /** Addresses and subnets of the reverse proxies whose X-Forwarded-For names the client; none when absent. */
  trustProxy?: readonly string[];
  /** Origins whose pages may read the API from a browser; none when absent. */
  corsOrigins?: readonly string[];
  /** Host names accepted besides the loopback ones; null when Host is not checked (not on loopback). */
  allowedHosts?: readonly string[] | null;
  log?: Logger;
  /** Runs first on every request (request logging, metrics). */
  before?: RequestHandler[];
  /** Extra routes behind the API key (metrics, OpenAPI). */
  extraRoutes?: express.Router[];
  onError?: (err: unknown) => void;
  /**
   * The /mcp route, made over the answers app: the answer routes alone (no Host, key or body
   * checks, no logging), which the MCP tools ask in process, and the answers they ask most made
   * without that pass through express. Mounted behind the key check, and entered only by requests
   * to /mcp and the paths under it.
   */
  mcp?: (answers: express.Express, direct: DirectAnswers) => express.Router;
}

// Open without the key and whatever the Host: container health checks call it by any name.
const OPEN_PATHS = ['/health/live'];
const BodyError = z.object({ type: z.string().optional(), status: z.number().int().optional() });

const allowedMethods: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'POST' || req.method === 'HEAD') return next();
  next(new HttpError(405, 'method_not_allowed', `${req.method} is not supported; use GET or POST`));
};

// What the MCP router's paths (/mcp, and under it) match as express matches them: in any case, with
// or without a trailing slash.
const MCP_PATH = /^\/mcp(\/|$)/i;

/** The MCP router, entered only by requests to its paths: the others skip its dispatch. */
function underMcp(router: express.Router): RequestHandler {
  return (req, res, next) => (MCP_PATH.test(req.path) ? router(req, res, next) : next());
}

/** An express app with the bridge's settings; `log` is where parameter parsing logs what it ignores. */
function bareApp(log: Logger | undefined): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.locals.log = log;
  return app;
}

/** The answers: every endpoint's route, then a 404 and the JSON errors. */
function useAnswers(app: express.Express, o: AppOptions, status: RequestHandler, routes: express.Router[]): express.Express {
  // /status first, as the app's own route: the answer asked most often enters no other router.
  app.all('/status', status);
  app.use(...routes);
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', `no endpoint at ${req.path.slice(0, 100)}; try /status, /health, /finance or /history`)));
  app.use(errorHandler(o));
  return app;
}

export function createApp(o: AppOptions): express.Express {
  const app = bareApp(o.log);
  // req.ip: the forwarded client when the connection comes from a trusted proxy, else the connection's own.
  if (o.trustProxy?.length) app.set('trust proxy', [...o.trustProxy]);
  app.use(
    inSeries([
      ...(o.before ?? []),
      securityHeaders,
      ...(o.allowedHosts ? [hostCheck({ extraNames: o.allowedHosts, open: OPEN_PATHS, log: o.log ?? silentLogger })] : []),
      // Before the key check: a browser's preflight never carries the key.
      cors(o.corsOrigins ?? []),
      allowedMethods,
      requireApiKey(o.apiKey, OPEN_PATHS, o.loginAttempts ?? null),
    ]),
  );
  const status = statusHandler(o);
  const routes = [probeRoutes(o), domainHealthRoute(o), domainRoutes(o), historyRoute(o), insightsRoute(o), n8nRoutes(o), financeDetailsRoute(o), reviewRoute(o)];
  // Before the body parsers: /mcp reads its own body and answers its errors in JSON-RPC.
  if (o.mcp) app.use(underMcp(o.mcp(useAnswers(bareApp(o.log), o, status, routes), directAnswers(o))));
  app.use(requestBodies());
  return useAnswers(app, o, status, [...routes, openApiRoute(), docsRoute(), ...(o.extraRoutes ?? [])]);
}

function errorHandler(o: AppOptions): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    let status = 500;
    let code = 'internal_error';
    let message = 'the bridge failed to answer; see its log';
    // body-parser's errors carry a `type` and an HTTP `status`.
    const parsed = BodyError.safeParse(err);
    const bodyError = parsed.success ? parsed.data : {};
    if (err instanceof HttpError) {
      ({ status, code, message } = err);
    } else if (bodyError.type === 'entity.parse.failed') {
      [status, code, message] = [400, 'invalid_json', 'the body is not valid JSON'];
    } else if (bodyError.type === 'entity.too.large') {
      [status, code, message] = [413, 'body_too_large', `the body is larger than ${BODY_LIMIT}`];
    } else if (bodyError.status !== undefined && bodyError.status >= 400 && bodyError.status < 500) {
      [status, code, message] = [bodyError.status, 'bad_request', 'the request could not be read'];
    } else {
      o.onError?.(err);
    }
    res.status(status).json(errorBody(code, message));
  };
}
