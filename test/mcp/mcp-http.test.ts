// /mcp through the SDK's own client against a real bridge over in-memory repositories: every tool
// listed and called, its figures the HTTP answer's for today and a past day, resources and prompts,
// the key, a foreign Origin, the allow-list, and the calls in /metrics.
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCP_TOOL_NAMES } from '../../bridge/config/mcp-tool-names';
import { TOOLS } from '../../bridge/mcp/tools';
import type { MemoryBridge } from '../fixtures/memory-bridge';
import { PAST_DAY, httpBody, mcpClient, startSeededBridge } from './seeded-bridge';

const DAY_TOOLS = MCP_TOOL_NAMES.filter((n) => 'date' in TOOLS[n].input.shape);
const KEY = 'a-key-of-twenty-characters';

let tb: MemoryBridge;
let client: Client;
beforeAll(async () => {
  tb = await startSeededBridge();
  client = await mcpClient(tb.url);
});
afterAll(async () => {
  await client?.close();
  await tb?.close();
});

const pick = (body: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, body[k]]));

/** A tool's structured content and text next to the HTTP answer it reads. */
async function bothWays(name: (typeof MCP_TOOL_NAMES)[number], args: Record<string, string>) {
  const result = await client.callTool({ name, arguments: args });
  const http = await httpBody(tb.url, `${TOOLS[name].path}${args.date ? `?date=${args.date}` : ''}`);
  return { result, http, structured: result.structuredContent as Record<string, unknown> };
}

describe('tools', () => {
  it('lists every tool, read-only, with a description, an input and an output schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([...MCP_TOOL_NAMES]);
    for (const t of tools) {
      expect(t.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(t.description!.length).toBeGreaterThan(100);
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type).toBe('object');
    }
    expect(tools.find((t) => t.name === 'finance')!.description).toContain('PLN');
  });

  it.each(MCP_TOOL_NAMES)('%s answers with the HTTP answer\'s figures and text, today', async (name) => {
    const { result, http, structured } = await bothWays(name, {});
    expect(result.isError).toBeFalsy();
    expect(Object.keys(structured).length).toBeGreaterThanOrEqual(2);
    expect(structured).toEqual(pick(http, Object.keys(structured)));
    for (const key of ['report', 'response_text', 'content']) expect(structured).not.toHaveProperty(key);
    const text = (result.content as { type: string; text: string }[])[0].text;
    if (name === 'upcoming_payments') expect(text).toContain('Rent: 2300.00 PLN');
    else expect(text).toBe(http.response_text);
  });

  it.each(DAY_TOOLS)('%s answers for a past day as the HTTP answer does with date=', async (name) => {
    const { structured, http } = await bothWays(name, { date: PAST_DAY });
    expect(http.date ?? (http.data as { date?: string } | undefined)?.date ?? PAST_DAY).toBe(PAST_DAY);
    expect(structured).toEqual(pick(http, Object.keys(structured)));
  });

  it('tells today from a past day in the figures', async () => {
    const today = (await client.callTool({ name: 'finance', arguments: {} })).structuredContent;
    const past = (await client.callTool({ name: 'finance', arguments: { date: PAST_DAY } })).structuredContent;
    expect(today).toMatchObject({ mtd_expense: 1149.5 });
    expect(past).toMatchObject({ date: PAST_DAY, mtd_expense: 150.5, mtd_net: -150.5 });
  });

  it('pages the history with limit and cursor, and keeps a page within 50 transitions', async () => {
    const first = (await client.callTool({ name: 'history', arguments: { limit: 1 } })).structuredContent as { items: unknown[]; next_cursor: string };
    expect(first.items).toHaveLength(1);
    const next = (await client.callTool({ name: 'history', arguments: { limit: 1, cursor: first.next_cursor } })).structuredContent as { items: unknown[] };
    expect(next.items).toHaveLength(1);
    expect(next.items[0]).not.toEqual(first.items[0]);
    const big = await client.callTool({ name: 'history', arguments: { limit: 51 } });
    expect(big.isError).toBe(true);
    expect(JSON.stringify(big.content)).toContain('limit must be a whole number from 1 to 50');
  });

  it("answers a tools/call directly exactly as the SDK's transport does", async () => {
    // The current revision (or none named) is answered directly; an earlier one goes through the SDK's
    // server and transport. Both answers must be the same JSON-RPC response, results, tool errors and
    // JSON-RPC errors alike.
    const post = async (message: object, version: string | null) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${KEY}` };
      if (version) headers['mcp-protocol-version'] = version;
      const res = await fetch(`${tb.url}/mcp`, { method: 'POST', headers, body: JSON.stringify(message) });
      return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as unknown };
    };
    for (const params of [
      { name: 'status', arguments: {} },
      { name: 'finance', arguments: { date: '2025-02-30' } },
      { name: 'no_such_tool', arguments: {} },
      { name: 'history', arguments: { limit: 'many' } },
    ]) {
      const message = { jsonrpc: '2.0', id: 7, method: 'tools/call', params };
      const direct = await post(message, null);
      expect(direct.type).toMatch(/^application\/json/);
      expect(direct).toEqual(await post(message, '2025-11-25'));
      expect(direct).toEqual(await post(message, '2025-06-18'));
    }
  });

  it('refuses a bad value with the words of the HTTP 400', async () => {
    for (const [name, args, query] of [
      ['finance', { date: '2025-02-30' }, '/finance?date=2025-02-30'],
      ['status', { date: '2099-01-01' }, '/status?date=2099-01-01'],
      ['finance_details', { month: 13 }, '/finance/details?month=13'],
      ['history', { since: 'yesterday' }, '/history?since=yesterday'],
      ['history', { entity: 'cat' }, '/history?entity=cat'],
    ] as const) {
      const result = await client.callTool({ name, arguments: args });
      const http = (await httpBody(tb.url, query)) as { error: { message: string } };
      expect(result.isError).toBe(true);
      expect(result.content).toEqual([{ type: 'text', text: http.error.message }]);
    }
  });
});

describe('resources and prompts', () => {
  it('reads the status, the insights and a past day', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(['twin://status', 'twin://insights']);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['twin://day/{date}']);
    const day = await client.readResource({ uri: `twin://day/${PAST_DAY}` });
    const status = (await client.callTool({ name: 'status', arguments: { date: PAST_DAY } })).structuredContent;
    expect(JSON.parse((day.contents[0] as { text: string }).text)).toEqual(status);
    const insights = await client.readResource({ uri: 'twin://insights' });
    expect(JSON.parse((insights.contents[0] as { text: string }).text)).toHaveProperty('headline');
    await expect(client.readResource({ uri: 'twin://day/2099-01-01' })).rejects.toThrow('is in the future');
  });

  it('gives the morning briefing and the weekly review for a date', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['morning_briefing', 'weekly_review']);
    const status = await httpBody(tb.url, '/status');
    const morning = await client.getPrompt({ name: 'morning_briefing' });
    expect(JSON.stringify(morning.messages)).toContain(JSON.stringify(status.response_text).slice(1, -1));
    const review = await httpBody(tb.url, `/review/week?date=${PAST_DAY}`);
    const weekly = await client.getPrompt({ name: 'weekly_review', arguments: { date: PAST_DAY } });
    expect((weekly.messages[0].content as { text: string }).text).toContain(String(review.response_text));
  });
});

describe('access', () => {
  it('needs the key where one is set, as Bearer or X-API-KEY', async () => {
    const keyed = await startSeededBridge({ DIGITAL_TWIN_API_KEY: KEY });
    try {
      await expect(mcpClient(keyed.url)).rejects.toThrow(/401|API key/);
      await expect(mcpClient(keyed.url, { authorization: 'Bearer wrong-key-of-twenty-chars' })).rejects.toThrow(/401|wrong/);
      for (const headers of [{ authorization: `Bearer ${KEY}` }, { 'x-api-key': KEY }] as Record<string, string>[]) {
        const c = await mcpClient(keyed.url, headers);
        expect((await c.callTool({ name: 'status', arguments: {} })).isError).toBeFalsy();
        await c.close();
      }
    } finally {
      await keyed.close();
    }
  });

  it('refuses a page from a foreign Origin with 403, and takes Obsidian\'s', async () => {
    const post = (origin: string) =>
      fetch(`${tb.url}/mcp`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      });
    const foreign = await post('http://evil.example');
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32600 } });
    expect((await post('app://obsidian.md')).status).toBe(200);
    expect((await post(`http://localhost:${tb.port}`)).status).toBe(200);
  });

  it('shows and runs only the tools on TWIN_MCP_TOOLS', async () => {
    const scoped = await startSeededBridge({ TWIN_MCP_TOOLS: 'status,history' });
    const c = await mcpClient(scoped.url);
    try {
      expect((await c.listTools()).tools.map((t) => t.name)).toEqual(['status', 'history']);
      await expect(c.callTool({ name: 'finance', arguments: {} })).rejects.toThrow(McpError);
      expect((await c.listResources()).resources.map((r) => r.uri)).toEqual(['twin://status']);
      expect((await c.listPrompts()).prompts.map((p) => p.name)).toEqual(['morning_briefing']);
      await expect(c.getPrompt({ name: 'weekly_review' })).rejects.toThrow('no prompt named');
    } finally {
      await c.close();
      await scoped.close();
    }
  });

  it('has no /mcp with TWIN_MCP=false', async () => {
    const off = await startSeededBridge({ TWIN_MCP: 'false' });
    try {
      const res = await fetch(`${off.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('counts the calls per tool and outcome in /metrics', async () => {
    await client.callTool({ name: 'pantry', arguments: {} });
    await client.callTool({ name: 'pantry', arguments: { date: 'soon' } });
    const metrics = await (await fetch(`${tb.url}/metrics`)).text();
    expect(metrics).toMatch(/twin_mcp_tool_calls_total\{tool="pantry",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/twin_mcp_tool_calls_total\{tool="pantry",outcome="tool_error"\} [1-9]/);
  });
});
