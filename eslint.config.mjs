// Lint: typescript-eslint's recommended rules for all TypeScript, and eslint-plugin-obsidianmd's
// recommended config (type-checked, Obsidian guidelines) for the plugin's code.
import { defineConfig, globalIgnores } from 'eslint/config';
import obsidianmd from 'eslint-plugin-obsidianmd';
import tseslint from 'typescript-eslint';

const PLUGIN_FILES = ['plugin/**/*.ts'];

// The obsidianmd config applies to every file it matches; point its TypeScript (and file-less)
// blocks at the plugin only, and leave out its blocks for plain JS and package.json.
const obsidianForPlugin = obsidianmd.configs.recommended.flatMap((block) => {
  if (!block.files) return [{ ...block, files: PLUGIN_FILES }];
  const patterns = block.files.flat().join(' ');
  return patterns.includes('ts') ? [{ ...block, files: PLUGIN_FILES }] : [];
});

export default defineConfig([
  globalIgnores(['node_modules/**', 'main.js', 'data/**', 'bench-results/**', 'screenshots/**', '.twin-test/**', 'scratch/**', '**/*.mjs', '**/*.js']),
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // A leading underscore marks a parameter kept for an interface's signature.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...obsidianForPlugin,
  {
    files: PLUGIN_FILES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
]);
