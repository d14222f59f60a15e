// Bundles the preview page (page.ts) for the browser with esbuild: `obsidian` is the in-memory
// Obsidian (test/fixtures/obsidian/index.ts, as in vitest.config.ts), and inside it the node:http
// request-url.ts is replaced by browser-request-url.ts (fetch). Nothing is written to disk.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../..');
const FIXTURE_OBSIDIAN = path.join(REPO_ROOT, 'test/fixtures/obsidian');
const OBSIDIAN_ENTRY = path.join(FIXTURE_OBSIDIAN, 'index.ts');
const BROWSER_REQUEST_URL = path.join(HERE, 'browser-request-url.ts');

export const previewAliases: esbuild.Plugin = {
  name: 'preview-aliases',
  setup(build) {
    build.onResolve({ filter: /^obsidian$/ }, () => ({ path: OBSIDIAN_ENTRY }));
    build.onResolve({ filter: /^\.\/request-url$/ }, (args) =>
      path.resolve(args.resolveDir) === FIXTURE_OBSIDIAN ? { path: BROWSER_REQUEST_URL } : undefined,
    );
  },
};

/**
 * A page script (`entry`, relative to the repository) bundled for the browser with the in-memory
 * Obsidian: an ES2022 IIFE, with an inline source map unless minified. Throws on build errors.
 */
export async function bundlePage(entry: string, options: { minify?: boolean } = {}): Promise<string> {
  const minify = options.minify ?? false;
  const result = await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap: minify ? false : 'inline',
    logLevel: 'silent',
    plugins: [previewAliases],
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}.`);
  return file.text;
}

/** The preview page's script (page.ts). */
export function bundlePreview(): Promise<string> {
  return bundlePage('test/preview/page.ts');
}
