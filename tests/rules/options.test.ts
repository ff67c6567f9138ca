// The options schema is strict: a misspelt or malformed option fails the config with a message
// that names it, instead of being ignored.
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-unreleased-overwrite.js';

function configure(options: unknown): () => void {
  const linter = new Linter({ configType: 'flat' });
  return () =>
    linter.verify('export {};', [
      {
        plugins: { 'resource-leak': { rules: { 'no-unreleased-overwrite': rule as never } } },
        rules: { 'resource-leak/no-unreleased-overwrite': ['error', options] as Linter.RuleEntry },
      },
    ]);
}

describe('no-unreleased-overwrite options', () => {
  it('rejects an unknown option and names it with the known ones', () => {
    expect(configure({ releaseMethod: ['shutdown'] })).toThrow(
      /Unexpected property "releaseMethod"\. Expected properties: "releaseMethods", "releaseFunctions", "types", "order", "releaseWith", "initMethods"/,
    );
  });

  it('rejects an order that is not one of its values, naming the option and the values', () => {
    expect(configure({ order: 'sometimes' })).toThrow(
      'resource-leak/no-unreleased-overwrite: option "order" is "sometimes"; it must be "any" or "release-after-assign".',
    );
    expect(configure({ order: 3 })).toThrow(/Value 3 should be string/);
  });

  it('rejects a types entry without release, naming the missing property', () => {
    expect(configure({ types: [{ type: { from: 'file', name: 'Buf' } }] })).toThrow(
      /should have required property 'release'/,
    );
  });

  it('rejects an unknown key in releaseWith and names it', () => {
    expect(configure({ releaseWith: { fn: 'releaseResource' } })).toThrow(
      /Unexpected property "fn"\. Expected properties: "function", "from"/,
    );
  });

  it('rejects an empty release method name and a non-array initMethods', () => {
    expect(configure({ releaseMethods: [''] })).toThrow(/"" should NOT be shorter than 1 characters/);
    expect(configure({ initMethods: 'ngOnInit' })).toThrow(/"ngOnInit" should be array/);
  });

  it('accepts every option at once (and then asks for type information, which this test has none of)', () => {
    expect(
      configure({
        releaseMethods: ['release'],
        releaseFunctions: ['ReferenceCountUtil.release'],
        types: [
          { type: { from: 'package', package: 'node:tls', name: 'SecureContext' }, release: false },
          { type: 'Handle', release: { function: 'closeHandle', from: './native.js' } },
          { type: { from: 'file', name: 'Worker' }, release: { method: 'shutdown' } },
        ],
        order: 'release-after-assign',
        releaseWith: { function: 'releaseResource', from: 'eslint-plugin-resource-leak/runtime' },
        initMethods: ['ngOnInit', '@postConstruct'],
      }),
    ).toThrow(/requires type information/);
  });
});
