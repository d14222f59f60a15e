// The plugin as shipped: main.js, bundled as the release build bundles it, reaches the network only
// through Obsidian's requestUrl and loads no Node or Electron module (the app on a phone has neither).
import builtins from 'node:module';
import esbuild from 'esbuild';
import { beforeAll, expect, it } from 'vitest';

let code = '';

beforeAll(async () => {
  const result = await esbuild.build({
    entryPoints: ['plugin/main.ts'],
    bundle: true,
    // As in esbuild.config.mjs: Obsidian, Electron, CodeMirror and Node's modules stay outside.
    external: ['obsidian', 'electron', '@codemirror/*', '@lezer/*', ...builtins.builtinModules, ...builtins.builtinModules.map((name) => `node:${name}`)],
    format: 'cjs',
    target: 'es2020',
    tsconfig: 'tsconfig.plugin.json',
    charset: 'utf8',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  code = result.outputFiles[0]?.text ?? '';
});

it('requires nothing but obsidian', () => {
  const required = new Set([...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]));
  expect([...required]).toEqual(['obsidian']);
  expect(/\brequire\(\s*[^"'`\s]/.test(code)).toBe(false);
});

it('talks to the bridge through requestUrl, never fetch or XMLHttpRequest', () => {
  // Booleans, so that a failure does not print the whole bundle.
  expect(/\.requestUrl\b/.test(code)).toBe(true);
  expect(/\bfetch\(/.test(code)).toBe(false);
  expect(/XMLHttpRequest/.test(code)).toBe(false);
  expect(/\bprocess\.(env|platform|versions)\b/.test(code)).toBe(false);
});
