// The same lint as eslint.config.mjs, with the plugin's types taken from the newest Obsidian typings
// (tsconfig.obsidian-latest.json), so that no-unsupported-api sees every `@since` tag.
import base from './eslint.config.mjs';

export default [
  ...base,
  {
    files: ['plugin/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.obsidian-latest.json', tsconfigRootDir: import.meta.dirname },
    },
  },
];
