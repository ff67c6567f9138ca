// The README's setup: typed linting through typescript-eslint's project service, plus this plugin.
import { defineConfig } from 'eslint/config';
import resourceLeak from 'eslint-plugin-resource-leak';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  resourceLeak.configs.recommended,
);
