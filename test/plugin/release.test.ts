// A release as the Obsidian community directory takes it: `npm version` carries the new version into
// manifest.json and versions.json and tags it with the bare version, the tag's workflow builds main.js
// and drafts a release with the three files the app downloads (after the checks, beside the npm package
// and the image), and the manifest and package.json pass the directory's format and dependency checks.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-release-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

it('npm version updates manifest.json and versions.json, commits them and tags the bare version', () => {
  for (const f of ['package.json', 'manifest.json', 'versions.json', 'version-bump.mjs', '.npmrc']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
  git('init', '-q');
  for (const [key, value] of [['user.name', 'Release test'], ['user.email', 'release@example.invalid'], ['commit.gpgsign', 'false'], ['tag.gpgSign', 'false']]) git('config', key, value);
  git('add', '.');
  git('commit', '-q', '-m', 'start');
  const manifestBefore = readJson(path.join(dir, 'manifest.json'));
  execFileSync('npm', ['version', '9.8.7', '--ignore-scripts=false'], { cwd: dir, stdio: 'pipe' });
  const manifest = readJson(path.join(dir, 'manifest.json'));
  const versions = readJson(path.join(dir, 'versions.json'));
  expect(manifest.version).toBe('9.8.7');
  expect(manifest.minAppVersion).toBe(manifestBefore.minAppVersion);
  expect(versions['9.8.7']).toBe(manifestBefore.minAppVersion);
  // The directory wants the tag to equal the manifest's version: no "v" in front.
  expect(git('tag', '--list').trim().split('\n')).toEqual(['9.8.7']);
  const committed = git('show', '--name-only', '--format=', 'HEAD').trim().split('\n');
  expect(committed).toEqual(expect.arrayContaining(['manifest.json', 'versions.json', 'package.json']));
});

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  container?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { push?: { tags?: string[] } };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

describe('the release workflow', () => {
  const workflow = parse(fs.readFileSync(path.join(root, '.github/workflows/release.yml'), 'utf8')) as Workflow;
  const job = (name: string): Job => workflow.jobs[name]!;
  const steps = job('plugin').steps;
  const indexOf = (match: (step: Step) => boolean): number => steps.findIndex(match);
  const uses = (name: string, action: string) => job(name).steps.find((s) => s.uses?.startsWith(`${action}@`) === true);

  it('runs on every pushed tag: the checks, then the package, the image and the plugin, each only after them', () => {
    expect(workflow.on.push?.tags).toEqual(['*']);
    expect(Object.keys(workflow.jobs).sort()).toEqual(['check', 'image', 'npm', 'plugin']);
    for (const name of ['npm', 'image', 'plugin']) expect(job(name).needs, name).toBe('check');
    // Only what each job needs may be written: read-only by default.
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('checks that the tag is the version of package.json and manifest.json, then runs what CI runs', () => {
    const check = job('check').steps.map((s) => s.run ?? '').join('\n');
    expect(check).toContain('tag="${GITHUB_REF#refs/tags/}"');
    expect(check).toMatch(/for file in package\.json manifest\.json; do/);
    expect(check).toMatch(/^bash \.ci\/run$/m);
    expect(fs.existsSync(path.join(root, '.ci/run'))).toBe(true);
  });

  it('publishes the package with provenance, with the npm token', () => {
    const npmJob = job('npm');
    expect(npmJob.permissions?.['id-token']).toBe('write');
    const publish = npmJob.steps.find((s) => /npm publish/.test(s.run ?? ''))!;
    expect(publish.run).toMatch(/^npm ci$/m);
    expect(publish.run).toMatch(/^npm publish --provenance --access public$/m);
    expect(publish.env?.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
    expect(uses('npm', 'actions/setup-node')?.with?.['registry-url']).toBe('https://registry.npmjs.org');
  });

  it('builds the image for amd64 and arm64 under emulation and pushes it to GHCR', () => {
    expect(job('image').permissions?.packages).toBe('write');
    for (const action of ['actions/checkout', 'docker/setup-qemu-action', 'docker/setup-buildx-action']) expect(uses('image', action), action).toBeDefined();
    expect(uses('image', 'docker/login-action')?.with).toEqual({ registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' });
    const push = uses('image', 'docker/build-push-action')?.with;
    expect(push).toMatchObject({ context: '.', platforms: 'linux/amd64,linux/arm64', push: true });
    // The tags themselves are held to the compose example and the docs by test/repo/release-versions.test.ts.
    expect(String(push?.tags)).toMatch(/:latest\s*$/);
  });

  it('checks out, installs exactly the lock file and builds the plugin before it releases', () => {
    const checkout = indexOf((s) => s.uses?.startsWith('actions/checkout@') === true);
    const node = indexOf((s) => s.uses?.startsWith('actions/setup-node@') === true);
    const install = indexOf((s) => /^\s*npm ci\b/m.test(s.run ?? ''));
    const build = indexOf((s) => /^\s*npm run build\b/m.test(s.run ?? ''));
    const release = indexOf((s) => (s.run ?? '').includes('gh release create'));
    expect(checkout).toBe(0);
    expect(node).toBeGreaterThan(checkout);
    expect(install).toBeGreaterThan(node);
    expect(build).toBeGreaterThanOrEqual(install);
    expect(release).toBeGreaterThan(build);
    expect(job('plugin').permissions?.contents).toBe('write');
  });

  it('drafts a release named after the tag with main.js, manifest.json and styles.css', () => {
    const run = steps.find((s) => (s.run ?? '').includes('gh release create'))?.run ?? '';
    const command = run.replace(/\\\n/g, ' ');
    expect(command).toMatch(/gh release create "\$tag"/);
    expect(command).toContain('--draft');
    const assets = command.slice(command.indexOf('--draft') + '--draft'.length).trim().split(/\s+/);
    expect(assets.sort()).toEqual(['main.js', 'manifest.json', 'styles.css']);
    expect(run).toContain('tag="${GITHUB_REF#refs/tags/}"');
  });

  it('releases files the build makes or the repository holds', () => {
    const tracked = execFileSync('git', ['ls-files', 'manifest.json', 'styles.css'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    expect(tracked.sort()).toEqual(['manifest.json', 'styles.css']);
    const scripts = (readJson(path.join(root, 'package.json')).scripts ?? {}) as Record<string, string>;
    // The plugin alone: its own type-check, then the production bundle whose outfile is main.js.
    expect(scripts.build).toBe('tsc --noEmit -p tsconfig.plugin.json && node esbuild.config.mjs production');
    expect(fs.readFileSync(path.join(root, 'esbuild.config.mjs'), 'utf8')).toContain("outfile: 'main.js'");
  });
});

describe('what the directory checks', () => {
  const manifest = readJson(path.join(root, 'manifest.json'));

  it('the description says the bridge is needed, in the directory format', () => {
    const description = String(manifest.description);
    expect(description.endsWith('Requires the self-hosted Digital Twin bridge.')).toBe(true);
    // eslint-plugin-obsidianmd's validate-manifest: 10–250 characters, a capital first, a full stop
    // last, letters, digits, spaces and plain punctuation only (no colon, no parentheses).
    expect(description.length).toBeGreaterThanOrEqual(10);
    expect(description.length).toBeLessThanOrEqual(250);
    expect(description).toMatch(/^[A-Z][A-Za-z0-9\s.,!?'"-]*\.$/);
  });

  it('the manifest names an author URL and versions.json knows its version', () => {
    expect(new URL(String(manifest.authorUrl)).protocol).toBe('https:');
    expect(readJson(path.join(root, 'versions.json'))[String(manifest.version)]).toBe(manifest.minAppVersion);
  });

  it('npm version tags without a prefix', () => {
    expect(fs.readFileSync(path.join(root, '.npmrc'), 'utf8')).toMatch(/^tag-version-prefix=""$/m);
  });

  it("package.json has no dependency the directory's scan bans", async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.scan.config.mjs') });
    const [result] = await eslint.lintFiles(['package.json']);
    expect(result?.messages.map((m) => `${m.ruleId ?? ''}: ${m.message}`)).toEqual([]);
  });
});
