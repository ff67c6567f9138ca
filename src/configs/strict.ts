import type { ESLint, Linter } from 'eslint';
import { typescriptFiles } from './recommended.js';

/** Recommended, plus the safe order: build the new value, assign it, then release the old one. */
export function strictConfig(plugin: ESLint.Plugin): Linter.Config {
  return {
    name: 'resource-leak/strict',
    files: typescriptFiles,
    plugins: { 'resource-leak': plugin },
    rules: {
      'resource-leak/no-unreleased-overwrite': ['error', { order: 'release-after-assign' }],
    },
  };
}
