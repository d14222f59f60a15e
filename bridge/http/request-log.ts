// One log line per request, with an id that is also returned as X-Request-Id.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log/logger';

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.set('X-Request-Id', id);
    const started = performance.now();
    res.on('finish', () => {
      logger.info(
        { reqId: id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 },
        'request',
      );
    });
    next();
  };
}
