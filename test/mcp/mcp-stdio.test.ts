// `digital-twin mcp` spawned as a desktop agent spawns it, through the SDK's stdio client, against a
// running bridge that needs its key: every tool listed and called with the HTTP answer's figures,
// and nothing on stdout but the protocol.
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCP_TOOL_NAMES } from '../../bridge/config/mcp-tool-names';
import { TOOLS } from '../../bridge/mcp/tools';
import type { MemoryBridge } from '../fixtures/memory-bridge';
import { PAST_DAY, httpBody, startSeededBridge } from './seeded-bridge';

const KEY = 'a-key-of-twenty-characters';
const CLI = path.resolve('bridge/bin/digital-twin.mjs');

let tb: MemoryBridge;
let client: Client;
const protocolErrors: Error[] = [];
beforeAll(async () => {
  tb = await startSeededBridge({ DIGITAL_TWIN_API_KEY: KEY });
  client = new Client({ name: 'digital-twin-test', version: '1.0.0' });
  client.onerror = (err) => protocolErrors.push(err);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TWIN_URL: tb.url, DIGITAL_TWIN_API_KEY: KEY, TWIN_TIMEZONE: tb.config.timezone, TWIN_MCP_TOOLS: 'all' };
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], env, stderr: 'pipe' }));
}, 60_000);
afterAll(async () => {
  await client?.close();
  await tb?.close();
});

const pick = (body: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, body[k]]));

describe('digital-twin mcp (stdio)', () => {
  it('lists every tool', async () => {
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual([...MCP_TOOL_NAMES]);
  });

  it.each(MCP_TOOL_NAMES)('%s answers with the HTTP answer\'s figures, today and on a past day', async (name) => {
    const days = 'date' in TOOLS[name].input.shape ? [undefined, PAST_DAY] : [undefined];
    for (const date of days) {
      const result = await client.callTool({ name, arguments: date ? { date } : {} });
      const http = await httpBody(tb.url, `${TOOLS[name].path}${date ? `?date=${date}` : ''}`, { 'x-api-key': KEY });
      const structured = result.structuredContent as Record<string, unknown>;
      expect(result.isError).toBeFalsy();
      expect(structured).toEqual(pick(http, Object.keys(structured)));
    }
  });

  it('refuses a bad value with the HTTP 400\'s words, and writes nothing but protocol to stdout', async () => {
    const result = await client.callTool({ name: 'workout', arguments: { date: '2025-13-01' } });
    const http = (await httpBody(tb.url, '/workout?date=2025-13-01', { 'x-api-key': KEY })) as { error: { message: string } };
    expect(result).toMatchObject({ isError: true, content: [{ type: 'text', text: http.error.message }] });
    expect(protocolErrors).toEqual([]);
  });
});
