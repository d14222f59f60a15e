// The Model Context Protocol server over the twin's answers, with the official SDK: read-only tools,
// resources and prompts. One server is made per HTTP request (the transport is stateless), so the
// listings are built once here and shared.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { findPrompt, promptListing, promptResult } from './prompts';
import { noResource, resourceCall, resourceContents, resourceListing, templateListing } from './resources';
import { countedCall, toolListing, type CallListener } from './tool-calls';
import type { Person } from './tools';
import type { AskTwin } from './twin-answers';

export interface McpOptions {
  ask: AskTwin;
  /** The tools allowed (TWIN_MCP_TOOLS); null for all. */
  allowed: readonly string[] | null;
  person: Person;
  version: string;
  onCall: CallListener;
}

const INSTRUCTIONS = (p: Person) =>
  `The person's digital twin: their health and training, money and pantry, read from their own databases. Every tool only reads; nothing here can change their data. Start with status; take date=YYYY-MM-DD for a past day. Amounts are in ${p.currency}; days and months in ${p.timezone}.`;

// A server makes a JSON Schema validator of its own unless given one, which costs more than the
// rest of a request: the servers share this one.
const validator = new AjvJsonSchemaValidator();

/** A new SDK server per connection or request, and the tools/call they answer with (for the direct path). */
export interface McpTwin {
  newServer: () => Server;
  callTool: (name: string, args: Record<string, unknown>) => Promise<CallToolResult>;
}

export function mcpServerFactory(o: McpOptions): McpTwin {
  const tools = { tools: toolListing(o.person, o.allowed) };
  const resources = { resources: resourceListing(o.allowed) };
  const templates = { resourceTemplates: templateListing(o.allowed) };
  const prompts = { prompts: promptListing(o.allowed) };
  const call = countedCall(o.ask, o.allowed, o.onCall);
  const info = { name: 'digital-twin', title: 'Digital Twin', version: o.version };
  const instructions = INSTRUCTIONS(o.person);
  const capabilities = { tools: { listChanged: false }, resources: { listChanged: false }, prompts: { listChanged: false } };
  /** A tool's answer for a resource or a prompt: its structured content and text, or its refusal as a JSON-RPC error. */
  const read = async (tool: string, args: Record<string, string>) => {
    const r = await call(tool, args);
    if (r.isError) throw new McpError(ErrorCode.InvalidParams, r.content.map((c) => (c.type === 'text' ? c.text : '')).join(' '));
    return { structured: r.structuredContent, text: r.content[0]?.type === 'text' ? r.content[0].text : '' };
  };
  const newServer = () => {
    const server = new Server(info, { capabilities, instructions, jsonSchemaValidator: validator });
    server.setRequestHandler(ListToolsRequestSchema, () => tools);
    server.setRequestHandler(CallToolRequestSchema, (req) => call(req.params.name, req.params.arguments ?? {}));
    server.setRequestHandler(ListResourcesRequestSchema, () => resources);
    server.setRequestHandler(ListResourceTemplatesRequestSchema, () => templates);
    server.setRequestHandler(ReadResourceRequestSchema, async (req) => {
      const asked = resourceCall(req.params.uri, o.allowed);
      if (!asked) throw noResource(req.params.uri);
      return resourceContents(req.params.uri, (await read(asked.tool, asked.args)).structured);
    });
    server.setRequestHandler(ListPromptsRequestSchema, () => prompts);
    server.setRequestHandler(GetPromptRequestSchema, async (req) => {
      const spec = findPrompt(req.params.name, o.allowed);
      if (!spec) throw new McpError(ErrorCode.InvalidParams, `no prompt named ${JSON.stringify(req.params.name.slice(0, 60))}; the prompts are ${prompts.prompts.map((p) => p.name).join(', ')}`);
      const args = req.params.arguments ?? {};
      return promptResult(spec, (await read(spec.tool, args)).text, args);
    });
    return server;
  };
  return { newServer, callTool: call };
}
