// The official MCP conformance suite's general server scenarios against a running bridge (see
// conformance.ts; also `npm run conformance:mcp`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemoryBridge } from '../fixtures/memory-bridge';
import { GENERAL_SCENARIOS, runScenario } from './conformance';
import { startSeededBridge } from './seeded-bridge';

let tb: MemoryBridge;
beforeAll(async () => {
  tb = await startSeededBridge();
});
afterAll(async () => {
  await tb?.close();
});

describe('the MCP conformance suite', () => {
  it.each(GENERAL_SCENARIOS)('passes %s', { timeout: 90_000 }, async (scenario) => {
    const result = await runScenario(`http://localhost:${tb.port}/mcp`, scenario);
    expect(result.passed, result.output).toBe(true);
  });
});
