// The general server scenarios of the official MCP conformance suite (@modelcontextprotocol/conformance)
// against a running bridge: `npm run conformance:mcp` starts a memory bridge and runs them; the test
// beside this file runs the same. The suite's command line runs on Node 20 through node20-glob.mjs.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** initialize, ping, the tools, resources and prompts lists, and DNS-rebinding protection. */
export const GENERAL_SCENARIOS = ['server-initialize', 'ping', 'tools-list', 'resources-list', 'prompts-list', 'dns-rebinding-protection'] as const;

const here = path.dirname(fileURLToPath(import.meta.url));
const suite = path.join(path.dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json')), 'dist/index.js');

export interface ScenarioResult {
  scenario: string;
  passed: boolean;
  output: string;
}

/** One scenario against `mcpUrl` (…/mcp): passed when the suite exits 0 having run checks, none failed. */
export async function runScenario(mcpUrl: string, scenario: string): Promise<ScenarioResult> {
  const args = ['--import', path.join(here, 'node20-glob.mjs'), suite, 'server', '--url', mcpUrl, '--scenario', scenario];
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { timeout: 60_000 });
    return { scenario, passed: /Passed: [1-9]\d*\/\d+, 0 failed/.test(stdout), output: stdout + stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return { scenario, passed: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}${e.message}` };
  }
}

async function main(): Promise<void> {
  const { startSeededBridge } = await import('./seeded-bridge');
  const bridge = await startSeededBridge();
  let failed = 0;
  try {
    // The suite checks names a local server by: localhost.
    const url = `http://localhost:${bridge.port}/mcp`;
    for (const scenario of GENERAL_SCENARIOS) {
      const r = await runScenario(url, scenario);
      if (!r.passed) failed++;
      process.stdout.write(`${r.passed ? 'PASS' : 'FAIL'} ${scenario}\n${r.passed ? '' : r.output}`);
    }
  } finally {
    await bridge.close();
  }
  process.stdout.write(`${GENERAL_SCENARIOS.length - failed} passed, ${failed} failed\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
