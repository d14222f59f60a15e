// Middleware run one after the other as one router layer. Every request passes the same checks at
// the edge (log, metrics, headers, Host, CORS, method, key); as separate layers, express's router made
// its matching and its closures for each of them, most of what a cached answer allocated.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export function inSeries(handlers: readonly RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let i = 0;
    const next = (err?: unknown) => {
      // An error (or 'route', 'router') goes on to express, as the router would take it.
      if (err !== undefined && err !== null) return done(err);
      const handler = handlers[i++];
      if (!handler) return done();
      try {
        // Express's own layer also catches a throw, and a rejected promise below.
        const result: unknown = handler(req, res, next);
        if (result instanceof Promise) result.catch((e: unknown) => done(e || new Error('Rejected promise')));
      } catch (thrown) {
        done(thrown);
      }
    };
    next();
  };
}
