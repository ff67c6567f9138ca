import { createRequire } from 'node:module';
import type { ESLint, Linter, Rule } from 'eslint';
import { recommendedConfig } from './configs/recommended.js';
import { strictConfig } from './configs/strict.js';
import noUnreleasedOverwrite from './rules/no-unreleased-overwrite.js';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export interface ResourceLeakPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, Rule.RuleModule>;
  configs: { recommended: Linter.Config; strict: Linter.Config };
}

const rules = {
  // typescript-eslint's RuleModule type does not fit ESLint's; this is the one cast for it.
  'no-unreleased-overwrite': noUnreleasedOverwrite as unknown as Rule.RuleModule,
};

const plugin: ResourceLeakPlugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: 'resource-leak' },
  rules,
  configs: {} as ResourceLeakPlugin['configs'],
};
plugin.configs.recommended = recommendedConfig(plugin);
plugin.configs.strict = strictConfig(plugin);

export default plugin;
// `require('eslint-plugin-resource-leak')` from CommonJS returns the plugin itself (Node >= 20.19).
export { plugin as 'module.exports' };
