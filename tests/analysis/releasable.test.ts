import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import type { ReleaseCall } from '../../src/analysis/finding.js';
import { isNullableType, releaseCallFor, releaseCallText, type ReleaseOptions } from '../../src/analysis/releasable.js';
import { defaultRuleOptions } from '../../src/rules/options.js';
import { nodesOfType, parseTyped } from './parse.js';

const program = parseTyped(`
import type { SecureContext } from 'node:tls';
import * as tls from 'tls';
import type { ReadableStreamBYOBReader as ByobReader, WritableStreamDefaultWriter as WebWriter } from 'node:stream/web';
declare class Buf { release(): boolean }
declare class LookAlike { close(code: number): void }
declare class OptionalClose { close(code?: number): void }
declare class Rest { destroy(...reasons: string[]): void }
declare class Both { dispose(): void; [Symbol.dispose](): void }
declare class Worker { shutdown(): void }
declare const buf: Buf;
declare const nullable: Buf | null | undefined;
declare const mixed: Buf | string;
declare const unionOfReleasables: Buf | OptionalClose;
declare const lookAlike: LookAlike;
declare const optionalClose: OptionalClose;
declare const rest: Rest;
declare const both: Both;
declare const disposable: Disposable;
declare const asyncDisposable: AsyncDisposable;
declare const anyValue: any;
declare const unknownValue: unknown;
declare const nothing: null;
declare const count: number;
declare const secureContext: SecureContext;
declare const namespacedContext: tls.SecureContext;
declare const worker: Worker;
declare const timer: NodeJS.Timeout;
declare class Timeout { close(): void }
declare const ownTimeout: Timeout;
declare const writer: WritableStreamDefaultWriter<string>;
declare const reader: ReadableStreamDefaultReader<string> | null;
declare const byobReader: ByobReader;
declare const importedWriter: WebWriter<Uint8Array> | undefined;
namespace own {
  export declare class WritableStreamDefaultWriter { close(): void; releaseLock(): void }
}
declare const ownWriter: own.WritableStreamDefaultWriter;
function generic<Constrained extends Disposable, Free>(constrained: Constrained, free: Free): void {}
`);

function typeOf(name: string) {
  const identifier = nodesOfType(program.ast, AST_NODE_TYPES.Identifier).find(
    (node) => node.name === name && node.parent.type !== AST_NODE_TYPES.TSTypeReference,
  );
  if (!identifier) throw new Error(`no declaration named ${name}`);
  return program.services.getTypeAtLocation(identifier);
}

function releaseOf(name: string, options: ReleaseOptions = defaultRuleOptions): ReleaseCall | undefined {
  return releaseCallFor(typeOf(name), program.services.program, options);
}

describe('releaseCallFor', () => {
  it.each([
    ['buf', { kind: 'method', name: 'release' }],
    ['nullable', { kind: 'method', name: 'release' }],
    ['unionOfReleasables', { kind: 'method', name: 'release' }],
    ['optionalClose', { kind: 'method', name: 'close' }],
    ['rest', { kind: 'method', name: 'destroy' }],
    ['both', { kind: 'method', name: 'dispose' }],
    ['disposable', { kind: 'dispose' }],
    ['asyncDisposable', { kind: 'asyncDispose' }],
    ['secureContext', { kind: 'secureContext' }],
    ['namespacedContext', { kind: 'secureContext' }],
    ['constrained', { kind: 'dispose' }],
    ['timer', { kind: 'function', name: 'clearTimeout' }],
    ['ownTimeout', { kind: 'method', name: 'close' }],
    ['writer', { kind: 'method', name: 'releaseLock' }],
    ['reader', { kind: 'method', name: 'releaseLock' }],
    ['byobReader', { kind: 'method', name: 'releaseLock' }],
    ['importedWriter', { kind: 'method', name: 'releaseLock' }],
    ['ownWriter', { kind: 'method', name: 'close' }],
  ])('%s is released with %o', (name, expected) => {
    expect(releaseOf(name)).toEqual(expected);
  });

  it.each(['mixed', 'lookAlike', 'anyValue', 'unknownValue', 'nothing', 'count', 'free', 'worker'])(
    '%s is not release-able',
    (name) => {
      expect(releaseOf(name)).toBeUndefined();
    },
  );

  it('asks the types option first: a method, a function, or release: false', () => {
    const options: ReleaseOptions = {
      releaseMethods: defaultRuleOptions.releaseMethods,
      releaseFunctions: defaultRuleOptions.releaseFunctions,
      types: [
        { type: { from: 'file', name: 'Worker' }, release: { method: 'shutdown' } },
        { type: { from: 'file', name: 'Buf' }, release: { function: 'ReferenceCountUtil.release', from: 'netty-like' } },
        { type: { from: 'package', package: 'tls', name: 'SecureContext' }, release: false },
      ],
    };
    expect(releaseOf('worker', options)).toEqual({ kind: 'method', name: 'shutdown' });
    expect(releaseOf('buf', options)).toEqual({ kind: 'function', name: 'ReferenceCountUtil.release', from: 'netty-like' });
    expect(releaseOf('secureContext', options)).toBeUndefined();
    expect(releaseOf('namespacedContext', options)).toBeUndefined();
  });

  it("releases a web stream's writer or reader with releaseLock() whatever the releaseMethods, unless a types entry says otherwise", () => {
    expect(releaseOf('writer', { releaseMethods: [], releaseFunctions: [], types: [] })).toEqual({ kind: 'method', name: 'releaseLock' });
    const closing: ReleaseOptions = {
      ...defaultRuleOptions,
      types: [{ type: { from: 'package', package: 'stream/web', name: 'WritableStreamDefaultWriter' }, release: { method: 'close' } }],
    };
    expect(releaseOf('writer', closing)).toEqual({ kind: 'method', name: 'close' });
    expect(releaseOf('importedWriter', closing)).toEqual({ kind: 'method', name: 'close' });
    expect(releaseOf('reader', closing)).toEqual({ kind: 'method', name: 'releaseLock' });
    const silenced: ReleaseOptions = {
      ...defaultRuleOptions,
      types: [{ type: { from: 'package', package: 'stream/web', name: 'ReadableStreamDefaultReader' }, release: false }],
    };
    expect(releaseOf('reader', silenced)).toBeUndefined();
  });

  it("releases Node's timer with close() when clearTimeout is not a release function", () => {
    expect(releaseOf('timer', { ...defaultRuleOptions, releaseFunctions: ['clearInterval'] })).toEqual({ kind: 'method', name: 'close' });
  });

  it('uses only the releaseMethods it is given', () => {
    const options: ReleaseOptions = { releaseMethods: ['shutdown'], releaseFunctions: [], types: [] };
    expect(releaseOf('worker', options)).toEqual({ kind: 'method', name: 'shutdown' });
    expect(releaseOf('buf', options)).toBeUndefined();
    expect(releaseOf('disposable', options)).toEqual({ kind: 'dispose' });
  });

  it('prints the release call for messages', () => {
    expect(releaseCallText({ kind: 'method', name: 'release' })).toBe('release()');
    expect(releaseCallText({ kind: 'dispose' })).toBe('[Symbol.dispose]()');
    expect(releaseCallText({ kind: 'asyncDispose' })).toBe('[Symbol.asyncDispose]()');
    expect(releaseCallText({ kind: 'function', name: 'ReferenceCountUtil.release' })).toBe('ReferenceCountUtil.release()');
    expect(releaseCallText({ kind: 'secureContext' })).toBe('context.close()');
  });
});

describe('isNullableType', () => {
  it.each([
    ['nullable', true],
    ['nothing', true],
    ['anyValue', true],
    ['buf', false],
    ['mixed', false],
  ])('%s: %s', (name, expected) => {
    expect(isNullableType(typeOf(name))).toBe(expected);
  });
});
