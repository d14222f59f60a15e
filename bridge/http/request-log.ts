// One log line per request, with an id that is also returned as X-Request-Id.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log/logger';

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader('X-Request-Id', id);
    // At a level that drops the line (silent, warn), the request costs no listener and no log object.
    if (logger.isLevelEnabled('info')) {
      const started = performance.now();
      res.on('finish', () => {
        logger.info(
          { reqId: id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 },
          'request',
        );
      });
    }
    next();
  };
}
