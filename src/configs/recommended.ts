import type { ESLint, Linter } from 'eslint';

export const typescriptFiles = ['**/*.{ts,tsx,mts,cts}'];

/** The rule on as an error, for TypeScript files only (it needs type information). */
export function recommendedConfig(plugin: ESLint.Plugin): Linter.Config {
  return {
    name: 'resource-leak/recommended',
    files: typescriptFiles,
    plugins: { 'resource-leak': plugin },
    rules: {
      'resource-leak/no-unreleased-overwrite': 'error',
    },
  };
}
