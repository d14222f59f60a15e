// Every operation of the OpenAPI document is named (client generators and n8n's OpenAPI import name
// their calls after operationId) and the document carries the licence; `npm run lint:openapi` checks
// the rest of Redocly's rules.
import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { openApiDocument } from '../../../bridge/contract/openapi';

type Operations = Record<string, Record<string, { operationId?: string }>>;
const doc = openApiDocument('test') as { info: { license?: { name: string } }; paths: Operations; webhooks: Operations };

const operations = [doc.paths, doc.webhooks].flatMap((group) =>
  Object.entries(group).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, id: op.operationId }))),
);

describe('OpenAPI operations', () => {
  it('are all there (GET and POST for each API path, GET /docs, the webhook)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(16);
  });

  it.each(operations.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o]))('%s has a camelCase operationId starting with its method', (_name, o) => {
    expect(o.id).toMatch(new RegExp(`^${o.method}[A-Z][A-Za-z]*$`));
  });

  it('have unique operationIds, the same name for GET and POST of one path', () => {
    const ids = operations.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const methods of Object.values(doc.paths)) {
      const stems = new Set(Object.entries(methods).map(([method, op]) => op.operationId?.slice(method.length)));
      expect(stems.size).toBe(1);
    }
  });

  it('names the licence of package.json', () => {
    expect(doc.info.license?.name).toBe(packageJson.license);
  });
});
