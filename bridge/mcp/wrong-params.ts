// The params of the requests whose wrong shape the SDK would answer with an internal error: they are
// the caller's, so they get an invalid-params error naming what is wrong.
import { CallToolRequestSchema, GetPromptRequestSchema, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Params that CallToolRequestSchema takes as they are, told without it (its parse is a share of
 * every call worth sparing): a name, arguments that are an object or none, and none of the optional
 * fields it checks further. Anything else gets the full parse.
 */
function plainToolCall(params: unknown): boolean {
  if (!isObject(params)) return false;
  const { name, arguments: args, _meta, task } = params;
  return typeof name === 'string' && (args === undefined || isObject(args)) && _meta === undefined && task === undefined;
}

const PARAMS_CHECKED = new Map<string, { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }>([
  ['tools/call', CallToolRequestSchema],
  ['resources/read', ReadResourceRequestSchema],
  ['prompts/get', GetPromptRequestSchema],
]);

/** What is wrong with a request's params, or null. */
export function wrongParams(body: unknown): { id: unknown; message: string } | null {
  const { method, id, params } = (body ?? {}) as { method?: unknown; id?: unknown; params?: unknown };
  if (method === 'tools/call' && plainToolCall(params)) return null;
  const schema = typeof method === 'string' && (typeof id === 'string' || typeof id === 'number') ? PARAMS_CHECKED.get(method) : undefined;
  const parsed = schema?.safeParse(body);
  if (!parsed || parsed.success) return null;
  const issues = parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return { id, message: `invalid params for ${String(method)}: ${issues ?? 'unreadable'}` };
}
