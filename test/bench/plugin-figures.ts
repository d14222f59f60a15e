// The plugin's figures: main.js release size (rebuilt with the project's esbuild config when missing,
// not minified or older than a plugin source), and onload / render times measured in a separate
// process on the in-memory Obsidian over happy-dom.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import esbuild from 'esbuild';
import type { HistoryEntry, StatusResponse } from '../../bridge/contract/responses';
import { REPO_ROOT } from './processes';

export interface BundleSize {
  bytes: number;
  gzipBytes: number;
  rebuilt: boolean;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|css|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function mainJsSize(): BundleSize {
  const file = path.join(REPO_ROOT, 'main.js');
  const stale =
    !fs.existsSync(file) ||
    fs.statSync(file).mtimeMs < newestSource(path.join(REPO_ROOT, 'plugin')) ||
    fs.readFileSync(file, 'utf8').includes('sourceMappingURL=data:');
  if (stale) execFileSync(process.execPath, ['esbuild.config.mjs', 'production'], { cwd: REPO_ROOT, stdio: 'ignore' });
  const text = fs.readFileSync(file);
  return { bytes: text.length, gzipBytes: zlib.gzipSync(text).length, rebuilt: stale };
}

export interface PluginTimes {
  onload: { first: number; median: number };
  /** Every list opened: all budget bars, every chart point. */
  panel: { first: number; median: number; elements: number; budgets: number; chartPoints: number };
  history: { first: number; median: number; entries: number; elements: number };
}

/** Measures onload and the two renders with a real /status body and real history entries. */
export async function pluginTimes(input: { status: StatusResponse; history: HistoryEntry[] }): Promise<PluginTimes> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-bench-plugin-'));
  try {
    const bundle = path.join(REPO_ROOT, 'node_modules/.cache/digital-twin-bench/plugin-figures.mjs');
    await esbuild.build({
      entryPoints: [path.join(REPO_ROOT, 'test/bench/plugin-figures-child.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      alias: { obsidian: path.join(REPO_ROOT, 'test/fixtures/obsidian/index.ts') },
      external: ['happy-dom', 'moment'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'silent',
    });
    const inputFile = path.join(dir, 'input.json');
    fs.writeFileSync(inputFile, JSON.stringify(input));
    const run = spawnSync(process.execPath, [bundle, inputFile], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`the plugin figures run failed (exit ${run.status}): ${(run.stderr || run.stdout).slice(-1500)}`);
    const last = run.stdout.trim().split('\n').pop()!;
    return JSON.parse(last) as PluginTimes;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
