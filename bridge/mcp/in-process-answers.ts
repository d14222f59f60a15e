// The bridge's own answers, asked in process (no socket, no second key check): the ones made
// directly by their route's answer function (http/direct-answers.ts), the rest dispatched into the
// express app that holds the answer routes. The same handlers, the same bodies, byte for byte.
// Every answer route ends with one `res.end(body)` (express's send and json), which is caught here.
import http from 'node:http';
import net from 'node:net';
import type { DirectAnswers } from '../http/direct-answers';
import { queryString, type Answer, type AskTwin } from './twin-answers';

// Never connected: the answer routes read nothing of a socket.
const NO_SOCKET = new net.Socket();

/** An express app as node calls it: express makes its request and response of these. */
type Listener = (req: http.IncomingMessage, res: http.ServerResponse, next: (err?: unknown) => void) => void;

/** One answer from the routes, as a GET request with `params` as its query string. */
function dispatch(answers: Listener, path: string, params: Readonly<Record<string, string>>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = new http.IncomingMessage(NO_SOCKET);
    req.method = 'GET';
    req.url = `${path}${queryString(params)}`;
    req.headers = { host: 'localhost' };
    req.push(null);
    const res = new http.ServerResponse(req);
    res.end = ((chunk?: unknown) => {
      resolve({ status: res.statusCode, text: Buffer.isBuffer(chunk) ? chunk.toString('utf8') : typeof chunk === 'string' ? chunk : '' });
      return res;
    }) as typeof res.end;
    answers(req, res, (err?: unknown) => reject(err instanceof Error ? err : new Error(`no answer at ${path}`)));
  });
}

export function inProcessAnswers(answers: Listener, direct: DirectAnswers): AskTwin {
  // Today's answers are one cached body for many requests: parsed once per body, per path.
  const parsed = new Map<string, { text: string; body: unknown }>();
  const parse = (path: string, text: string): unknown => {
    const last = parsed.get(path);
    if (last?.text === text) return last.body;
    const body = text === '' ? null : (JSON.parse(text) as unknown);
    parsed.set(path, { text, body });
    return body;
  };
  return async (path, params): Promise<Answer> => {
    const text = (await direct.get(path)?.(params)) ?? null;
    const answer = text === null ? await dispatch(answers, path, params) : { status: 200, text };
    return { status: answer.status, body: parse(path, answer.text) };
  };
}
