// The Obsidian community directory's source scan, run here as the directory runs it on each release:
// eslint-plugin-obsidianmd's own `recommended` config, unchanged, with type information, over every
// TypeScript file of the repository (the bridge included) and package.json, minus the directory's
// ignore list (tests, plain JS/MJS, scripts, docs, build output). `npm run scan`; errors block a
// release, warnings show on its public page.
import { defineConfig, globalIgnores } from 'eslint/config';
import obsidianmd from 'eslint-plugin-obsidianmd';

export default defineConfig([
  globalIgnores([
    'node_modules/**',
    'main.js',
    '**/*.js',
    '**/*.mjs',
    '**/*.cjs',
    'test/**',
    'tests/**',
    '**/__tests__/**',
    '**/*.test.ts',
    '**/*.spec.ts',
    'scripts/**',
    'docs/**',
    // Local output of the bridge, the benchmarks and the preview (git-ignored).
    'data/**',
    'bench-results/**',
    'screenshots/**',
    '.twin-test/**',
    'scratch/**',
  ]),
  ...obsidianmd.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
]);
