// Lints this project with typescript-eslint's strictest typed preset, eslint-plugin-eslint-plugin,
// and our own rule, loaded from the build in dist/ (npm ci builds it through `prepare`).
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import resourceLeak from './dist/index.js';

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', 'tests/fixtures/', 'examples/', 'bench/', 'docs/'],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
  },
  {
    files: ['tests/rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
  },
  resourceLeak.configs.recommended,
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
