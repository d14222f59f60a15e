// tools/list and tools/call over the tools table: the allowed tools with their JSON Schemas (built
// once), and a call that asks the tool's HTTP answer and returns its structured content and text.
import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { McpToolName } from '../config/mcp-tool-names';
import { asQuery } from './tool-inputs';
import { TEXT_KEYS, TOOLS, type Person, type ToolSpec } from './tools';
import { refusal, type AskTwin } from './twin-answers';

export type CallOutcome = 'ok' | 'tool_error' | 'refused';

/** Told of every call: the tool (or `unknown`), how it ended, and the names (never the values) of its arguments. */
export type CallListener = (call: { tool: string; outcome: CallOutcome; ms: number; argumentNames: string[] }) => void;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Tool['inputSchema'] {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest as Tool['inputSchema'];
}

/** The tools an agent sees: the allowed ones (all when `allowed` is null), with their schemas. */
export function toolListing(person: Person, allowed: readonly string[] | null): Tool[] {
  return (Object.entries(TOOLS) as [McpToolName, ToolSpec][])
    .filter(([name]) => allowed === null || allowed.includes(name))
    .map(([name, t]) => ({
      name,
      title: t.title,
      description: t.description(person),
      inputSchema: jsonSchema(t.input, 'input'),
      outputSchema: jsonSchema(t.output, 'output'),
      annotations: { title: t.title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    }));
}

const toolError = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], isError: true });

// Today's answers are one parsed body for many calls (see in-process-answers.ts): its result is built once.
const results = new WeakMap<ToolSpec, WeakMap<object, CallToolResult>>();

function result(tool: ToolSpec, body: Record<string, unknown>): CallToolResult {
  let perTool = results.get(tool);
  if (!perTool) results.set(tool, (perTool = new WeakMap()));
  let r = perTool.get(body);
  if (!r) perTool.set(body, (r = buildResult(tool, body)));
  return r;
}

function buildResult(tool: ToolSpec, body: Record<string, unknown>): CallToolResult {
  const structured = tool.structured ? tool.structured(body) : Object.fromEntries(Object.entries(body).filter(([k]) => !(TEXT_KEYS as readonly string[]).includes(k)));
  const text = tool.text ? tool.text(structured) : typeof body.response_text === 'string' ? body.response_text : '';
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** One tools/call: a JSON-RPC error for a tool that is not there or arguments of the wrong type, a tool error for a refused value. */
export async function callTool(ask: AskTwin, allowed: readonly string[] | null, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const tool = Object.hasOwn(TOOLS, name) && (allowed === null || allowed.includes(name)) ? TOOLS[name as McpToolName] : null;
  if (!tool) {
    const names = Object.keys(TOOLS).filter((n) => allowed === null || allowed.includes(n));
    throw new McpError(ErrorCode.InvalidParams, `no tool named ${JSON.stringify(name.slice(0, 60))}; the tools are ${names.join(', ')}`);
  }
  const asked = asQuery(tool.input, args);
  if ('wrongType' in asked) throw new McpError(ErrorCode.InvalidParams, `invalid arguments for ${name}: ${asked.wrongType}`);
  const beyond = tool.bound?.(asked.query) ?? null;
  if (beyond !== null) return toolError(beyond);
  const answer = await ask(tool.path, asked.query);
  if (answer.status >= 400) return toolError(refusal(answer));
  return result(tool, answer.body as Record<string, unknown>);
}

/** Wraps callTool to tell `listener` how each call ended. */
export function countedCall(ask: AskTwin, allowed: readonly string[] | null, listener: CallListener) {
  return async (name: string, args: Record<string, unknown>): Promise<CallToolResult> => {
    const started = performance.now();
    const report = (outcome: CallOutcome) =>
      listener({ tool: Object.hasOwn(TOOLS, name) ? name : 'unknown', outcome, ms: Math.round((performance.now() - started) * 10) / 10, argumentNames: Object.keys(args).slice(0, 10).map((k) => k.slice(0, 40)) });
    try {
      const r = await callTool(ask, allowed, name, args);
      report(r.isError ? 'tool_error' : 'ok');
      return r;
    } catch (err) {
      report(err instanceof McpError ? 'refused' : 'tool_error');
      if (err instanceof McpError) throw err;
      return toolError(err instanceof Error ? err.message : String(err));
    }
  };
}
