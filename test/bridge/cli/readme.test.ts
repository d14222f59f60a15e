// The README documents every setting (with its flag and default) and every endpoint.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../bridge/config/settings';
import { openApiDocument } from '../../../bridge/contract/openapi';

const readme = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('starts with the two commands', () => {
    const head = readme.slice(0, 1500);
    expect(head).toContain('npm install && npm start');
    expect(head).toContain('npm test');
  });

  it.each(SETTINGS.map((s) => [s.env, s]))('documents %s', (_env, s) => {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${s.env}\``));
    expect(row, `no table row for ${s.env}`).toBeDefined();
    expect(row).toContain(`\`--${s.flag}\``);
  });

  it('documents every endpoint', () => {
    const paths = Object.keys((openApiDocument('test') as { paths: Record<string, unknown> }).paths);
    for (const p of [...paths, '/metrics', '/openapi.json']) expect(readme).toContain(`\`${p}`);
  });
});
