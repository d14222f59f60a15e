// The example n8n workflow: importable shape, a request node that calls /status with header auth
// inside n8n's 10 s, and a Telegram node fed with response_text. The request it describes is then
// made against a real bridge (over the in-memory repositories) that requires the key.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMemoryBridge, type MemoryBridge } from '../../fixtures/memory-bridge';

interface N8nNode {
  name: string;
  type: string;
  parameters: Record<string, unknown> & { url?: string; text?: string; options?: { timeout?: number } };
  credentials?: Record<string, { name: string }>;
}

const workflow = JSON.parse(fs.readFileSync(new URL('../../../bridge/examples/n8n-morning-briefing.json', import.meta.url), 'utf8')) as {
  nodes: N8nNode[];
  connections: Record<string, { main: { node: string }[][] }>;
};
const request = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.httpRequest')!;
const telegram = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.telegram')!;

const KEY = 'n8n-example-key-123';
let tb: MemoryBridge;
beforeAll(async () => {
  tb = await startMemoryBridge({ env: { DIGITAL_TWIN_API_KEY: KEY } });
});
afterAll(async () => {
  await tb?.close();
});

describe('the example n8n workflow', () => {
  it('calls /status with format=text, header auth and a timeout under 10 s', () => {
    expect(request).toBeDefined();
    expect(new URL(request.parameters.url!).pathname).toBe('/status');
    expect(new URL(request.parameters.url!).port).toBe('5677');
    expect(request.parameters.authentication).toBe('genericCredentialType');
    expect(request.parameters.genericAuthType).toBe('httpHeaderAuth');
    expect(request.credentials?.httpHeaderAuth?.name).toBeTruthy();
    expect(request.parameters.options?.timeout).toBeLessThanOrEqual(10_000);
    expect(JSON.stringify(request.parameters.queryParameters)).toContain('"format"');
  });

  it('sends response_text to Telegram, after the request', () => {
    expect(telegram.parameters.text).toContain('$json.response_text');
    expect(workflow.connections[request.name].main[0].map((c) => c.node)).toContain(telegram.name);
  });

  it('describes a request the bridge answers with the text n8n forwards', async () => {
    const url = new URL(request.parameters.url!);
    const params = (request.parameters.queryParameters as { parameters: { name: string; value: string }[] }).parameters;
    const target = new URL(`${tb.url}${url.pathname}`);
    for (const p of params) target.searchParams.set(p.name, p.value);
    const res = await fetch(target, { headers: { 'X-API-KEY': KEY } });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.response_text).toMatch(/AUTONOMOUS LIVING STATUS/);
    const refused = await fetch(target);
    expect((await refused.json()).report).toMatch(/^❌ Error/);
  });
});
