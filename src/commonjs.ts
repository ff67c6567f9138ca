// TypeScript and ts-api-utils, loaded with require() rather than import.
//
// Both are CommonJS packages. When an ES module imports a CommonJS one, Node reads the whole file
// to find its named exports before it runs it. For TypeScript that file is typescript.js, 9 MB,
// and the read cost about 300 ms at every start of ESLint and of each of its worker threads
// (ts-api-utils' ES build imports TypeScript, so importing either paid it). typescript-eslint's
// parser has already require()d both packages by the time a rule runs, so require() here costs
// nothing and returns the very objects the parser uses. tests/package/start-up.test.ts checks that
// no module of the plugin imports either package.
import { createRequire } from 'node:module';
import type * as TsApiUtils from 'ts-api-utils';
import type * as TypeScript from 'typescript';

const require = createRequire(import.meta.url);

/** The `typescript` module; its types are `import type * as TS from 'typescript'`. */
export const ts = require('typescript') as typeof TypeScript;

const tsApiUtils = require('ts-api-utils') as typeof TsApiUtils;
export const {
  getWellKnownSymbolPropertyOfType,
  isIntrinsicVoidType,
  isObjectFlagSet,
  isObjectType,
  isStrictCompilerOptionEnabled,
  isTypeFlagSet,
  unionConstituents,
} = tsApiUtils;
