// `npm version` carries the new version into manifest.json and versions.json, ready for a release.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-release-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('npm version updates manifest.json and versions.json with the minAppVersion', () => {
  for (const f of ['package.json', 'manifest.json', 'versions.json', 'version-bump.mjs']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  const manifestBefore = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  execFileSync('npm', ['version', '9.8.7', '--no-git-tag-version', '--ignore-scripts=false'], { cwd: dir, stdio: 'pipe' });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const versions = JSON.parse(fs.readFileSync(path.join(dir, 'versions.json'), 'utf8'));
  expect(manifest.version).toBe('9.8.7');
  expect(manifest.minAppVersion).toBe(manifestBefore.minAppVersion);
  expect(versions['9.8.7']).toBe(manifestBefore.minAppVersion);
  // The files are staged so that npm's own commit of the version includes them.
  const staged = execFileSync('git', ['diff', '--cached', '--name-only'], { cwd: dir, encoding: 'utf8' });
  expect(staged.split('\n')).toEqual(expect.arrayContaining(['manifest.json', 'versions.json']));
});
