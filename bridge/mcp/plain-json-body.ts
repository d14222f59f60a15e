// A POST /mcp body read here when it is plain, as agents send it: JSON in UTF-8, its length declared
// and within the limit, no content coding. express.json costs as much again per call (its type,
// charset and coding checks, a decoder); anything not plain (compressed, another charset, chunked,
// beyond the limit) is still left to it, with its checks and errors.
import type { IncomingMessage } from 'node:http';

const JSON_TYPE = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;

/** Whether express.json may be spared: a JSON body of a declared 1 to `limit` bytes, not encoded. */
export function plainJsonBody(req: IncomingMessage, limit: number): boolean {
  const h = req.headers;
  if (h['transfer-encoding'] !== undefined || (h['content-encoding'] ?? 'identity').toLowerCase() !== 'identity') return false;
  if (!JSON_TYPE.test(h['content-type'] ?? '')) return false;
  const declared = h['content-length'] ?? '';
  return /^\d{1,9}$/.test(declared) && Number(declared) > 0 && Number(declared) <= limit;
}

/** A request that ended before its body did, as express.json reports it (a 400 to a client that has gone). */
function aborted(): Error {
  return Object.assign(new Error('request aborted'), { status: 400, type: 'request.aborted' });
}

/**
 * The body parsed, or `{ json: false }` when it is not JSON. A leading byte order mark is dropped,
 * as express.json's decoder does.
 */
export function readPlainJson(req: IncomingMessage): Promise<{ json: true; body: unknown } | { json: false }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('aborted', () => reject(aborted()));
    req.once('error', () => reject(aborted()));
    req.once('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve({ json: true, body: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown });
      } catch {
        resolve({ json: false });
      }
    });
  });
}
