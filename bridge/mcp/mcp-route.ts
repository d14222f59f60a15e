// POST /mcp: the Model Context Protocol over Streamable HTTP, stateless (a server and a transport per
// request, JSON answers, no stream to resume). It sits behind the bridge's Host check and API key;
// here a page from a foreign Origin gets 403, and what is not one JSON-RPC message within the body
// limit gets a JSON-RPC error before the SDK sees it.
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ErrorCode, LATEST_PROTOCOL_VERSION, McpError } from '@modelcontextprotocol/sdk/types.js';
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
// The same body limit as the answers'.
import { BODY_LIMIT, BODY_LIMIT_BYTES } from '../http/request-bodies';
import type { Logger } from '../log/logger';
import type { McpTwin } from './mcp-server';
import { acceptedOrigin, type OriginRule } from './origin-check';
import { plainJsonBody, readPlainJson } from './plain-json-body';
import { wrongParams } from './wrong-params';

function rpcError(res: Response, status: number, code: number, message: string, id: unknown = null): void {
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id });
}

/**
 * A tools/call of the current revision (or of none named, as the SDK's transport takes it) that its
 * transport would accept as it is: JSON posted by a client that reads JSON and event streams.
 */
function directToolCall(req: Request): { id: string | number; name: string; args: Record<string, unknown> } | null {
  const body = req.body as { jsonrpc?: unknown; method?: unknown; id?: unknown; params?: { name: string; arguments?: Record<string, unknown> } };
  if (body?.jsonrpc !== '2.0' || body.method !== 'tools/call' || !(typeof body.id === 'string' || typeof body.id === 'number') || !body.params) return null;
  const version = req.headers['mcp-protocol-version'];
  const accept = req.headers.accept ?? '';
  const json = (req.headers['content-type'] ?? '').includes('application/json');
  if ((version !== undefined && version !== LATEST_PROTOCOL_VERSION) || !json || !accept.includes('application/json') || !accept.includes('text/event-stream')) return null;
  return { id: body.id, name: body.params.name, args: body.params.arguments ?? {} };
}

// A result is one object while today's answer is one body: serialised once.
const serialised = new WeakMap<object, string>();

/**
 * The most asked message, answered without a server and a transport of its own: the same call the
 * SDK's handler makes, its result or error in the JSON-RPC response the SDK would send.
 */
async function answerToolCall(twin: McpTwin, call: NonNullable<ReturnType<typeof directToolCall>>, res: Response): Promise<void> {
  // As the SDK's transport sends them: 200, application/json (no charset), the result or the error.
  const send = (json: string) => res.status(200).setHeader('Content-Type', 'application/json').end(json);
  try {
    const result = await twin.callTool(call.name, call.args);
    let json = serialised.get(result);
    if (json === undefined) serialised.set(result, (json = JSON.stringify(result)));
    send(`{"result":${json},"jsonrpc":"2.0","id":${JSON.stringify(call.id)}}`);
  } catch (err) {
    const code = err instanceof McpError ? err.code : ErrorCode.InternalError;
    send(JSON.stringify({ jsonrpc: '2.0', id: call.id, error: { code, message: err instanceof Error ? err.message : 'Internal error' } }));
  }
}

async function handle(twin: McpTwin, req: Request, res: Response, log: Logger): Promise<void> {
  if (Array.isArray(req.body)) {
    return rpcError(res, 400, ErrorCode.InvalidRequest, 'batches are not supported: send one JSON-RPC message per request (protocol 2025-11-25)');
  }
  const wrong = wrongParams(req.body);
  if (wrong) return rpcError(res, 200, ErrorCode.InvalidParams, wrong.message, wrong.id);
  const direct = directToolCall(req);
  if (direct) return answerToolCall(twin, direct, res);
  const server = twin.newServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  try {
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (err) {
    log.error({ err }, 'MCP request failed');
    if (!res.headersSent) rpcError(res, 500, ErrorCode.InternalError, 'the bridge failed to answer; see its log');
  }
}

export function mcpRoute(o: { twin: McpTwin; origins: OriginRule; log: Logger }): Router {
  const router = Router();
  router.use('/mcp', (req, res, next) => {
    const origin = req.headers.origin;
    if (typeof origin === 'string' && !acceptedOrigin(origin, req.headers.host, o.origins)) {
      o.log.warn({ origin: origin.slice(0, 100) }, 'MCP request refused: foreign Origin');
      return rpcError(res, 403, ErrorCode.InvalidRequest, `Origin ${JSON.stringify(origin.slice(0, 100))} may not use this bridge's MCP server`);
    }
    if (req.method !== 'POST') {
      res.set('Allow', 'POST');
      return rpcError(res, 405, ErrorCode.InvalidRequest, 'POST one JSON-RPC message to /mcp; this stateless server opens no event stream');
    }
    next();
  });
  const parseError = (res: Response) => rpcError(res, 400, ErrorCode.ParseError, 'Parse error: the body is not valid JSON');
  // A rejection (the client gone mid-body) reaches the error handlers through express.
  const plainBody: RequestHandler = async (req, res, next) => {
    if (!plainJsonBody(req, BODY_LIMIT_BYTES)) return next();
    const read = await readPlainJson(req);
    if (!read.json) return parseError(res);
    req.body = read.body;
    return handle(o.twin, req, res, o.log);
  };
  router.post('/mcp', plainBody, express.json({ limit: BODY_LIMIT, strict: false }), (req, res) => handle(o.twin, req, res, o.log));
  const bodyErrors: ErrorRequestHandler = (err: { type?: unknown }, req, res, next) => {
    if (!req.path.toLowerCase().startsWith('/mcp')) return next(err);
    if (err.type === 'entity.too.large') return rpcError(res, 413, ErrorCode.InvalidRequest, `the body is larger than ${BODY_LIMIT}`);
    if (err.type === 'entity.parse.failed') return parseError(res);
    next(err);
  };
  router.use(bodyErrors);
  return router;
}
