// The in-memory Obsidian speaks the real API's names: what the plugin imports from 'obsidian' exists
// both in the fixture and in the installed typings (node_modules/obsidian/obsidian.d.ts, the newest
// release), the fixture adds nothing under an invented name except its declared test helpers, and it
// plays the app version of those typings.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import * as fixture from '../fixtures/obsidian/index';

const root = path.resolve(import.meta.dirname, '../..');
const dts = fs.readFileSync(path.join(root, 'node_modules/obsidian/obsidian.d.ts'), 'utf8');
const typingsVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/obsidian/package.json'), 'utf8')) as { version: string }).version;

/** Test helpers and the app internals the plugin reads (app.commands, app.internalPlugins …). */
const FIXTURE_ONLY = [
  'Commands',
  'CommunityPlugins',
  'InternalPlugins',
  'FileStore',
  'NEWEST_API_VERSION',
  'createContainer',
  'installDomHelpers',
  'protocolData',
  'requestLog',
  'secretComponentIn',
  'setApiVersion',
  'settingsIn',
];

const declared = (name: string): boolean => new RegExp(`^export (declare )?(abstract )?(class|function|const|let|var|interface|type|enum) ${name}\\b`, 'm').test(dts);

function pluginValueImports(): string[] {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/^import \{([^}]*)\} from 'obsidian';/gm)) {
          for (const part of (m[1] ?? '').split(',')) names.add(part.trim().split(/\s+as\s+/)[0] ?? '');
        }
      }
    }
  };
  walk(path.join(root, 'plugin'));
  names.delete('');
  return [...names].sort();
}

it('provides, under the same names as obsidian.d.ts, every value the plugin imports', () => {
  const imports = pluginValueImports();
  expect(imports.length).toBeGreaterThan(5);
  expect(imports.filter((name) => !declared(name))).toEqual([]);
  expect(imports.filter((name) => !(name in fixture))).toEqual([]);
});

it('exports nothing under an invented name beyond its declared helpers', () => {
  const extra = Object.keys(fixture).filter((name) => !declared(name));
  expect(extra.sort()).toEqual([...FIXTURE_ONLY].sort());
});

it('plays the app version of the installed typings', () => {
  expect(fixture.NEWEST_API_VERSION).toBe(typingsVersion);
});
