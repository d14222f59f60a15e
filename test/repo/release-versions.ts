// What keeps one release one version: package.json, manifest.json and versions.json agree, and every
// place that names the image (the release workflow, the compose example, the docs) names the same
// one, on GHCR under the repository's owner. Pure over the files' texts, so a test can hand it a
// mutated copy and see it fail.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface ReleaseFiles {
  packageJson: string;
  manifest: string;
  versions: string;
  workflow: string;
  compose: string;
  /** Documentation that may name the image: path → text. */
  docs: Record<string, string>;
}

/** Where the image is named besides the workflow and compose: the docs and the plugin's first-run screen. */
export const DOCS_NAMING_THE_IMAGE = ['README.md', 'docs/running-always.md', 'docs/development.md', 'docs/plugin.md', 'plugin/views/first-run.ts'];

export function readReleaseFiles(root: string): ReleaseFiles {
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
  return {
    packageJson: read('package.json'),
    manifest: read('manifest.json'),
    versions: read('versions.json'),
    workflow: read('.github/workflows/release.yml'),
    compose: read('bridge/examples/compose.yaml'),
    docs: Object.fromEntries(DOCS_NAMING_THE_IMAGE.map((f) => [f, read(f)])),
  };
}

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Workflow {
  jobs: Record<string, { steps: Step[] }>;
}

const IMAGE_NAME_STEP = /^echo "name=ghcr\.io\/\$\{GITHUB_REPOSITORY_OWNER,,\}\/([a-z0-9._-]+)" >> "\$GITHUB_OUTPUT"$/m;
const EXPECTED_TAGS = ['${{ steps.image.outputs.name }}:${{ github.ref_name }}', '${{ steps.image.outputs.name }}:latest'];

/** The image's name in the workflow (`digital-twin`), or the reasons it is not pushed as the version and `latest`. */
function workflowImage(workflow: Workflow): { name: string | null; problems: string[] } {
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const naming = steps.find((s) => s.id === 'image');
  const name = IMAGE_NAME_STEP.exec(naming?.run ?? '')?.[1] ?? null;
  const push = steps.find((s) => s.uses?.startsWith('docker/build-push-action@'));
  const problems: string[] = [];
  if (name === null) problems.push('the workflow does not name the image ghcr.io/<owner>/<name> in a step with id "image"');
  const tags = (push?.with?.tags ?? '').split('\n').map((t) => t.trim()).filter(Boolean);
  if (JSON.stringify(tags) !== JSON.stringify(EXPECTED_TAGS)) problems.push(`the image is pushed as ${JSON.stringify(tags)}, not the version and latest`);
  if (push?.with?.platforms !== 'linux/amd64,linux/arm64') problems.push(`the image is built for ${push?.with?.platforms ?? 'no platform'}, not linux/amd64 and linux/arm64`);
  return { name, problems };
}

export function releaseMismatches(f: ReleaseFiles): string[] {
  const pkg = JSON.parse(f.packageJson) as { version: string; repository?: { url?: string } };
  const manifest = JSON.parse(f.manifest) as { version: string; minAppVersion: string };
  const versions = Object.entries(JSON.parse(f.versions) as Record<string, string>);
  const out: string[] = [];
  if (pkg.version !== manifest.version) out.push(`package.json is ${pkg.version}, manifest.json ${manifest.version}`);
  const last = versions.at(-1);
  if (last?.[0] !== manifest.version || last[1] !== manifest.minAppVersion) {
    out.push(`versions.json ends with ${JSON.stringify(last)}, not ["${manifest.version}","${manifest.minAppVersion}"]`);
  }
  const owner = /github\.com\/([^/]+)\//.exec(pkg.repository?.url ?? '')?.[1];
  if (!owner) out.push("package.json's repository names no GitHub owner (npm's provenance needs it)");
  const { name, problems } = workflowImage(parse(f.workflow) as Workflow);
  out.push(...problems);
  if (!owner || !name) return out;
  const image = `ghcr.io/${owner.toLowerCase()}/${name}`;
  const compose = parse(f.compose) as { services: Record<string, { image?: string }> };
  const composed = Object.values(compose.services).map((s) => s.image);
  if (!composed.includes(`${image}:latest`)) out.push(`compose.yaml runs ${JSON.stringify(composed)}, not ${image}:latest`);
  // Every mention of a GHCR image names this one, as latest, this version or a placeholder.
  const allowed = new Set([image, `${image}:latest`, `${image}:${pkg.version}`, `${image}:<version>`]);
  for (const [file, text] of [['bridge/examples/compose.yaml', f.compose], ...Object.entries(f.docs)]) {
    for (const [mention] of text.matchAll(/ghcr\.io\/[^\s`"')]+/g)) {
      if (!allowed.has(mention.replace(/[.,;:]+$/, ''))) out.push(`${file} names ${mention}, not ${image}`);
    }
  }
  return out;
}
