// The SDK's client for a bridge's /mcp, and an HTTP answer to compare its tools with.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export { NOW, PAST_DAY, startSeededBridge } from '../fixtures/seeded-bridge';

/** The SDK's client over Streamable HTTP at `${url}/mcp`, sending `headers` with every request. */
export async function mcpClient(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'digital-twin-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } }));
  return client;
}

/** An HTTP answer's body as JSON. */
export async function httpBody(url: string, path: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { headers });
  return (await res.json()) as Record<string, unknown>;
}
