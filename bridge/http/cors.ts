// CORS for the origins on the list (Obsidian's browser engine by default): dashboards in notes read
// the bridge with fetch. Any other origin gets no CORS header at all, never `*`, so a web page the
// user visits cannot read their finances. Preflights are answered here, before the API key check,
// because a browser sends them without the key.
import type { RequestHandler } from 'express';

export const CORS_MAX_AGE_SECONDS = 600;

export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    // The answer depends on Origin, so no cache may hand one origin's answer to another. With no
    // Vary header yet (the usual case) it is set as it is: res.vary parses and merges the lists.
    if (res.getHeader('Vary') === undefined) res.setHeader('Vary', 'Origin');
    else res.vary('Origin');
    const origin = req.headers.origin;
    if (typeof origin !== 'string' || !allowed.has(origin)) return next();
    res.set('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS' && typeof req.headers['access-control-request-method'] === 'string') {
      res.set({
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': 'X-API-KEY, Authorization, Content-Type',
        'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
      });
      res.status(204).end();
      return;
    }
    // Lets a dashboard read the request id it may quote in a bug report.
    res.set('Access-Control-Expose-Headers', 'X-Request-Id');
    next();
  };
}
