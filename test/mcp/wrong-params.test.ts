// The params check spares CallToolRequestSchema's parse for the plain tools/call: whatever JSON the
// params are, it must let through exactly what the schema takes, and refuse the rest in its words.
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrongParams } from '../../bridge/mcp/wrong-params';

const call = (params: unknown) => ({ jsonrpc: '2.0', id: 3, method: 'tools/call', params });

// JSON as it arrives, biased towards the fields the schema reads.
const params = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      name: fc.oneof(fc.string(), fc.jsonValue()),
      arguments: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
      _meta: fc.oneof(fc.record({ progressToken: fc.oneof(fc.string(), fc.integer()) }), fc.jsonValue()),
      task: fc.jsonValue(),
      other: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

describe('tools/call params', () => {
  it('lets through what CallToolRequestSchema takes, and only that', () => {
    fc.assert(
      fc.property(params, (p) => {
        expect(wrongParams(call(p)) === null).toBe(CallToolRequestSchema.safeParse(call(p)).success);
      }),
      { numRuns: 2000 },
    );
  });

  it('names what is wrong', () => {
    expect(wrongParams(call({ name: 'status', arguments: [1, 2] }))).toEqual({ id: 3, message: expect.stringMatching(/^invalid params for tools\/call: params.arguments: /) as unknown });
    expect(wrongParams(call({ arguments: {} }))?.message).toMatch(/name/);
  });
});
