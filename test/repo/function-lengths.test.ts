import { describe, expect, it } from 'vitest';
import { functionLengths } from './function-lengths';

// Declarative tables are data written as code: a row per setting, the OpenAPI literal.
const TABLES = new Set(['plugin/settings/settings-tab.ts:rows', 'bridge/contract/openapi.ts:openApiDocument']);
const LIMIT = 80;

describe('function length', () => {
  it(`keeps every function of the bridge and the plugin within ${LIMIT} lines, tables aside`, () => {
    const all = functionLengths();
    expect(all.length).toBeGreaterThan(100);
    const long = all.filter((f) => f.lines > LIMIT && !TABLES.has(`${f.file}:${f.name}`));
    expect(long.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).toEqual([]);
  });
});
