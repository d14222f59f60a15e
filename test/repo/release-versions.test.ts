// One release, one version: package.json, manifest.json and versions.json in step, and the image the
// workflow pushes is the one the compose example and the docs name. Each check is also shown failing
// on a copy with one thing changed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReleaseFiles, releaseMismatches, type ReleaseFiles } from './release-versions';

const files = readReleaseFiles(path.resolve(import.meta.dirname, '../..'));

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
const withJson = (text: string, change: (o: Record<string, unknown>) => void) => {
  const o = json(text);
  change(o);
  return JSON.stringify(o);
};
const mutated = (change: Partial<ReleaseFiles>): string[] => releaseMismatches({ ...files, ...change });

describe('the release files', () => {
  it('are in step', () => {
    expect(releaseMismatches(files)).toEqual([]);
  });

  it('name the image in the workflow, the compose example and the docs', () => {
    expect(files.compose).toMatch(/image: ghcr\.io\/[a-z0-9-]+\/digital-twin:latest/);
    expect(files.docs['README.md']).toMatch(/ghcr\.io\/[a-z0-9-]+\/digital-twin/);
  });
});

describe('a release out of step is caught', () => {
  it('package.json ahead of manifest.json', () => {
    expect(mutated({ packageJson: withJson(files.packageJson, (p) => (p.version = '9.9.9')) })).toEqual([expect.stringMatching(/^package\.json is 9\.9\.9, manifest\.json /)]);
  });

  it('versions.json without the manifest version last, or with another minAppVersion', () => {
    expect(mutated({ versions: withJson(files.versions, (v) => (v['0.0.1'] = '0.15.0')) })).toEqual([expect.stringMatching(/^versions\.json ends with \["0\.0\.1"/)]);
    const manifest = json(files.manifest);
    const wrongMin = withJson(files.versions, (v) => (v[String(manifest.version)] = '0.1.0'));
    expect(mutated({ versions: wrongMin })).toEqual([expect.stringMatching(/^versions\.json ends with/)]);
  });

  it('an image pushed without latest, or for one platform', () => {
    expect(mutated({ workflow: files.workflow.replace(/^\s*\$\{\{ steps\.image\.outputs\.name \}\}:latest\n/m, '') })).toEqual([expect.stringMatching(/pushed as .*not the version and latest/)]);
    expect(mutated({ workflow: files.workflow.replace('linux/amd64,linux/arm64', 'linux/amd64') })).toEqual([expect.stringMatching(/built for linux\/amd64, not/)]);
  });

  it('a compose example or a doc naming another image', () => {
    expect(mutated({ compose: files.compose.replace('ghcr.io/digital-twin/digital-twin:latest', 'ghcr.io/someone/digital-twin:latest') })).toEqual([
      expect.stringMatching(/^compose\.yaml runs/),
      expect.stringMatching(/compose\.yaml names ghcr\.io\/someone\/digital-twin:latest/),
    ]);
    const readme = `${files.docs['README.md']}\n    docker pull ghcr.io/digital-twin/digital-twin:0.0.1\n`;
    expect(mutated({ docs: { ...files.docs, 'README.md': readme } })).toEqual(['README.md names ghcr.io/digital-twin/digital-twin:0.0.1, not ghcr.io/digital-twin/digital-twin']);
  });

  it('a package.json without its GitHub repository, which provenance needs', () => {
    expect(mutated({ packageJson: withJson(files.packageJson, (p) => delete p.repository) })).toEqual([expect.stringMatching(/names no GitHub owner/)]);
  });
});
