// docs/configuration.md's table of settings is the one the settings' declarations write.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsTable } from '../../../bridge/config/settings-docs';

const root = path.resolve(import.meta.dirname, '../../..');
const page = fs.readFileSync(path.join(root, 'docs/configuration.md'), 'utf8');

/** The markdown table that starts with `header`, up to its last row. */
function tableAt(text: string, header: string): string {
  const start = text.indexOf(header);
  expect(start, `no table headed ${header}`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('docs/configuration.md', () => {
  it('has the table the declarations write, row for row (paste settingsTable() over it when this fails)', () => {
    expect(tableAt(page, '| variable | flag | default | meaning |')).toBe(settingsTable());
  });
});
