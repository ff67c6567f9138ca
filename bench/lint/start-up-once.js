// One measure of what loading the plugin adds to ESLint's start, in a fresh process. Prints one
// JSON line: { toolMs, pluginMs, esmTypeScriptMs }.
//   toolMs           require() of typescript-eslint, its parser (which brings TypeScript) and the
//                    utilities that its first typed rule loads, as a config and that rule do;
//   pluginMs         then import() of the plugin (RESOURCE_LEAK_PLUGIN_ENTRY, else ../dist);
//   esmTypeScriptMs  then import() of TypeScript: what the plugin paid on top when its modules
//                    imported TypeScript as an ES module (src/commonjs.ts). Near 0 ms would mean the
//                    plugin imported it again.
// Usage: node bench/lint/start-up-once.js
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const pluginEntry = process.env.RESOURCE_LEAK_PLUGIN_ENTRY;
const pluginUrl = pluginEntry ? pathToFileURL(pluginEntry).href : new URL('../../dist/index.js', import.meta.url).href;

let started = performance.now();
require('typescript-eslint');
require('@typescript-eslint/eslint-plugin');
require('@typescript-eslint/parser');
require('typescript');
// What the first typed rule of typescript-eslint loads (its rules load lazily, one by one).
require('@typescript-eslint/utils');
require('@typescript-eslint/type-utils');
const toolMs = performance.now() - started;

started = performance.now();
const { default: plugin } = await import(pluginUrl);
const pluginMs = performance.now() - started;
if (plugin?.meta?.namespace !== 'resource-leak') throw new Error(`${pluginUrl} is not the plugin`);

started = performance.now();
await import('typescript');
const esmTypeScriptMs = performance.now() - started;

process.stdout.write(`${JSON.stringify({ toolMs, pluginMs, esmTypeScriptMs })}\n`);
