// ESLint config for linting the benchmark corpus (bench/corpus/**). A config file rather than an
// in-memory object, because worker threads (--concurrency) cannot receive plugin objects.
// The variant comes from RESOURCE_LEAK_BENCH_VARIANT:
//   A     typescript-eslint's parser + projectService + @typescript-eslint/no-floating-promises only
//   B     A + resource-leak/no-unreleased-overwrite with its default options
//   C     A + resource-leak/no-unreleased-overwrite with every option at its most expensive
//   rule  resource-leak/no-unreleased-overwrite alone, default options (robustness check, --fix)
//   rule-expensive  the rule alone with the options of C (check:corpus --expensive)
// The plugin is the repository's own build (../dist), or the snapshot of it that bench:lint takes
// (RESOURCE_LEAK_PLUGIN_ENTRY), so that a rebuild during a long bench cannot change the rule
// halfway; ESLint/typescript-eslint come from the repository's node_modules, so the bench
// measures exactly the versions the tests use.
import { pathToFileURL } from 'node:url';
import tseslint from 'typescript-eslint';
import { mostExpensiveOptions } from './lint/expensive-options.js';

const variant = process.env.RESOURCE_LEAK_BENCH_VARIANT ?? 'B';
if (!['A', 'B', 'C', 'rule', 'rule-expensive'].includes(variant)) {
  throw new Error(`RESOURCE_LEAK_BENCH_VARIANT must be A, B, C, rule or rule-expensive, not "${variant}"`);
}

// A does not load the plugin at all, so that B - A includes what loading it costs, as it does for a user.
const pluginEntry = process.env.RESOURCE_LEAK_PLUGIN_ENTRY;
const resourceLeak =
  variant === 'A'
    ? undefined
    : (await import(pluginEntry ? pathToFileURL(pluginEntry).href : new URL('../dist/index.js', import.meta.url).href)).default;

const rules = {};
if (!variant.startsWith('rule')) rules['@typescript-eslint/no-floating-promises'] = 'error';
if (variant === 'B' || variant === 'rule') rules['resource-leak/no-unreleased-overwrite'] = 'error';
if (variant === 'C' || variant === 'rule-expensive') rules['resource-leak/no-unreleased-overwrite'] = ['error', mostExpensiveOptions];

export default [
  { ignores: ['**/*.d.ts', 'node_modules/**'] },
  {
    files: ['corpus/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: resourceLeak ? { '@typescript-eslint': tseslint.plugin, 'resource-leak': resourceLeak } : { '@typescript-eslint': tseslint.plugin },
    rules,
  },
];
