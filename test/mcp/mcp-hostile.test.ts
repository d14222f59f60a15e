// Hostile input at /mcp, sent raw: malformed JSON-RPC, a batch of thousands of requests, an oversized
// body, an unknown tool and arguments of the wrong type get JSON-RPC errors, nothing is written to
// the history, and the bridge answers on.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryBridge } from '../fixtures/memory-bridge';
import { startSeededBridge } from './seeded-bridge';

let tb: MemoryBridge;
beforeAll(async () => {
  tb = await startSeededBridge();
});
afterAll(async () => {
  await tb?.close();
});

async function post(body: string) {
  const res = await fetch(`${tb.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as { jsonrpc: string; id?: unknown; error?: { code: number; message: string }; result?: unknown } };
}

const call = (id: number, name: string, args: unknown) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

describe('hostile input at /mcp', () => {
  it('answers each with a JSON-RPC error, writes nothing, and answers on', async () => {
    const history = async () => JSON.stringify(((await (await fetch(`${tb.url}/history?limit=500`)).json()) as { items: unknown[] }).items);
    const rowsBefore = await history();
    expect(rowsBefore.length).toBeGreaterThan(2);
    const cases: [string, string, number, number][] = [
      ['malformed JSON', '{"jsonrpc":"2.0","id":1,"method":', 400, -32700],
      ['not JSON-RPC', '{"hello":"world"}', 400, -32700],
      ['a batch of thousands', JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'status' } }))), 413, -32600],
      ['a small batch', JSON.stringify([{ jsonrpc: '2.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: 2, method: 'ping' }]), 400, -32600],
      ['an oversized body', call(1, 'status', { date: 'x'.repeat(20_000) }), 413, -32600],
      ['an unknown tool', call(7, 'drop_tables', {}), 200, -32602],
      ['a date of the wrong type', call(8, 'finance', { date: 20250305 }), 200, -32602],
      ['a limit of the wrong type', call(9, 'history', { limit: '5' }), 200, -32602],
      ['arguments that are not an object', call(10, 'status', [1, 2]), 200, -32602],
      ['an unknown method', JSON.stringify({ jsonrpc: '2.0', id: 11, method: 'tools/delete' }), 200, -32601],
    ];
    for (const [what, body, status, code] of cases) {
      const answer = await post(body);
      expect({ what, status: answer.status, jsonrpc: answer.body.jsonrpc, code: answer.body.error?.code }).toEqual({ what, status, jsonrpc: '2.0', code });
    }
    expect(await history()).toBe(rowsBefore);
    const status = await fetch(`${tb.url}/status`);
    expect(status.status).toBe(200);
    const ping = await post(JSON.stringify({ jsonrpc: '2.0', id: 12, method: 'ping' }));
    expect(ping.body).toEqual({ jsonrpc: '2.0', id: 12, result: {} });
  });

  it('reads a body with a byte order mark, a charset or a content coding as it reads a plain one', async () => {
    const ping = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' });
    const send = async (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>) => {
      const res = await fetch(`${tb.url}/mcp`, { method: 'POST', headers: { accept: 'application/json, text/event-stream', ...headers }, body });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const answered = (id: number) => ({ status: 200, body: { jsonrpc: '2.0', id, result: {} } });
    expect(await send(`\uFEFF${ping(1)}`, { 'content-type': 'application/json' })).toEqual(answered(1));
    expect(await send(ping(2), { 'content-type': 'application/json; charset=UTF-8' })).toEqual(answered(2));
    expect(await send(new Uint8Array(gzipSync(ping(3))), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toEqual(answered(3));
    expect(await send(new Uint8Array(gzipSync('{"jsonrpc":')), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).toMatchObject({ status: 400, body: { error: { code: -32700 } } });
  });

  it('opens no event stream: GET /mcp is a 405', async () => {
    const res = await fetch(`${tb.url}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});
