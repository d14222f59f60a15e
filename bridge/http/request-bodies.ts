// Bodies as n8n sends them: JSON, or a form (its "Form Urlencoded" body mode); any other type is
// refused. Nearly every request (a GET) has no body, and goes past the parsers without entering them.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { HttpError } from './http-error';

export const BODY_LIMIT = '16kb';
/** BODY_LIMIT in bytes, as express.json reads it (a kb is 1024 bytes). */
export const BODY_LIMIT_BYTES = 16 * 1024;

const PARSED_TYPES = ['application/json', 'application/x-www-form-urlencoded'];

/** What the parsers themselves take for a body (type-is's hasBody): a length, even 0, or a chunked one. */
function mayHaveBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(req.headers['content-length']));
}

/** A body that says it holds something, in a type the parsers left alone. */
function unsupported(req: Request): HttpError | undefined {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || req.is(PARSED_TYPES)) return undefined;
  return new HttpError(415, 'unsupported_media_type', 'send the parameters in the query string, or as a JSON object (application/json) or a form (application/x-www-form-urlencoded)');
}

export function requestBodies(): RequestHandler {
  const json = express.json({ limit: BODY_LIMIT, strict: false });
  const form = express.urlencoded({ extended: false, limit: BODY_LIMIT });
  return (req: Request, res: Response, next: NextFunction) => {
    if (!mayHaveBody(req)) return next();
    json(req, res, (jsonError?: unknown) => {
      if (jsonError) return next(jsonError);
      form(req, res, (formError?: unknown) => next(formError ?? unsupported(req)));
    });
  };
}
