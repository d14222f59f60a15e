// `digital-twin mcp`: the same tools, resources and prompts over stdio for desktop agents (Claude
// Desktop, Agent Zero), asking a running bridge at TWIN_URL with DIGITAL_TWIN_API_KEY. Stdout carries
// the protocol alone; the log goes to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Config } from '../config/config';
import { createLogger } from '../log/logger';
import { callRecorder } from './bridge-mcp';
import { httpAnswers } from './http-answers';
import { mcpServerFactory } from './mcp-server';

export async function runMcpStdio(config: Config, version: string): Promise<void> {
  const log = createLogger({ level: config.logLevel, format: config.logFormat, toStderr: true });
  const server = mcpServerFactory({
    ask: httpAnswers({ url: config.mcp.bridgeUrl, apiKey: config.apiKey }),
    allowed: config.mcp.tools,
    person: { currency: config.currency, timezone: config.timezone },
    version,
    onCall: callRecorder(log, null),
  }).newServer();
  server.onclose = () => process.exit(0);
  // The agent closing its end of the pipe ends the session.
  process.stdin.on('end', () => process.exit(0));
  await server.connect(new StdioServerTransport());
  log.info({ bridge: new URL(config.mcp.bridgeUrl).origin }, 'MCP over stdio: ready');
}
