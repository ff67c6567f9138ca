import { parse } from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { isPerConnectionSource } from '../../src/analysis/per-connection.js';
import { reindent } from '../../src/fixes/layout.js';
import { claimFreeName, fieldWord } from '../../src/fixes/names.js';
import { releaseStatementText } from '../../src/fixes/release-text.js';

describe('fieldWord: the readable part of old<Field>/next<Field>', () => {
  it.each([
    ['sslContext', 'SslContext'],
    ['#sslContext', 'SslContext'],
    ['_sslContext', 'SslContext'],
    ['__ctx_', 'Ctx'],
    ['tls-context', 'TlsContext'],
    ['$conn', 'Conn'],
    ['0', '0'],
    ['___', 'Value'],
  ])('%s gives %s', (field, word) => {
    expect(fieldWord(field)).toBe(word);
  });
});

describe('claimFreeName', () => {
  it('takes the base name when it is free, then numbers from 2', () => {
    const taken = new Set(['oldCtx', 'oldCtx2']);
    expect(claimFreeName('oldCtx', taken)).toBe('oldCtx3');
    expect(claimFreeName('oldCtx', taken)).toBe('oldCtx4');
    expect(claimFreeName('nextCtx', taken)).toBe('nextCtx');
    expect(taken.has('nextCtx')).toBe(true);
  });
});

describe('releaseStatementText', () => {
  const base = { old: 'oldF', sameAs: 'this.f', mayBeEmpty: false, inAsync: false };
  it.each([
    [{ kind: 'method', name: 'release' } as const, false, 'if (oldF !== this.f) oldF.release();'],
    [{ kind: 'method', name: 'close' } as const, true, 'if (oldF !== this.f) oldF?.close();'],
    [{ kind: 'dispose' } as const, true, 'if (oldF !== this.f) oldF?.[Symbol.dispose]();'],
    [{ kind: 'function', name: 'ReferenceCountUtil.release' } as const, false, 'if (oldF !== this.f) ReferenceCountUtil.release(oldF);'],
    [{ kind: 'function', name: 'release' } as const, true, 'if (oldF && oldF !== this.f) release(oldF);'],
    [
      { kind: 'secureContext' } as const,
      true,
      'if (oldF && oldF !== this.f) (oldF.context as { close(): void }).close();',
    ],
  ])('%o (may be empty: %s)', (release, mayBeEmpty, expected) => {
    expect(releaseStatementText({ ...base, release, mayBeEmpty })).toBe(expected);
  });

  it('awaits an asyncDispose in an async function and marks it dropped elsewhere', () => {
    const release = { kind: 'asyncDispose' } as const;
    expect(releaseStatementText({ ...base, release, inAsync: true })).toBe(
      'if (oldF !== this.f) await oldF[Symbol.asyncDispose]();',
    );
    expect(releaseStatementText({ ...base, release })).toBe('if (oldF !== this.f) void oldF[Symbol.asyncDispose]();');
  });

  it('leaves the guard out for a fresh value, and awaits a promise-returning helper', () => {
    expect(
      releaseStatementText({
        ...base,
        sameAs: undefined,
        inAsync: true,
        release: { kind: 'function', name: 'releaseResource' },
        mayReturnPromise: true,
      }),
    ).toBe('await releaseResource(oldF);');
  });

  it("keeps a moved release call as the user wrote it", () => {
    expect(
      releaseStatementText({ ...base, release: { kind: 'method', name: 'release' }, movedCall: 'oldF?.free()' }),
    ).toBe('if (oldF !== this.f) oldF?.free();');
  });
});

describe('reindent', () => {
  it('moves continuation lines to the new indentation', () => {
    expect(reindent('f(\n    a,\n  );', '  ', '    ')).toBe('f(\n      a,\n    );');
  });
  it('leaves text with a template literal alone', () => {
    expect(reindent('f(`\n  x`);', '  ', '    ')).toBe('f(`\n  x`);');
  });
});

describe('isPerConnectionSource', () => {
  const classOf = (code: string): TSESTree.ClassDeclaration => {
    // The parser's node types come from its own copy of the AST types; they describe the same nodes.
    const program = parse(code, { range: true, loc: true }) as unknown as TSESTree.Program;
    const found = program.body.find((statement) => statement.type === AST_NODE_TYPES.ClassDeclaration);
    if (found?.type !== AST_NODE_TYPES.ClassDeclaration) throw new Error('no class in the test program');
    // The analysis walks up through parents, which the bare parser does not set.
    const link = (node: TSESTree.Node, parent: TSESTree.Node | undefined): void => {
      if (parent) (node as { parent: TSESTree.Node }).parent = parent;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'parent') continue;
        for (const child of Array.isArray(value) ? (value as unknown[]) : [value]) {
          if (typeof child === 'object' && child !== null && typeof (child as { type?: unknown }).type === 'string') {
            link(child as TSESTree.Node, node);
          }
        }
      }
    };
    link(program, undefined);
    return found;
  };

  it.each([
    ['read in an SNICallback arrow', 'class S { f; s = tls.createServer({ SNICallback: (n, cb) => cb(null, this.f) }); }', 'f', true],
    ['read in an SNICallback method', 'class S { f; SNICallback(n, cb) { cb(null, this.f); } }', 'f', true],
    ['a private field in an SNICallback', 'class S { #f; s = tls.createServer({ SNICallback: (n, cb) => cb(null, this.#f) }); }', '#f', true],
    ['passed to each TLSSocket', 'class S { f; on(sock) { return new tls.TLSSocket(sock, { secureContext: this.f }); } }', 'f', true],
    ['through a method the SNICallback calls', 'class S { f; s = tls.createServer({ SNICallback: (n, cb) => this.pick(n, cb) }); pick(n, cb) { cb(null, this.f); } }', 'f', true],
    ['never read per handshake', 'class S { f; close() { this.f.context.close(); } }', 'f', false],
    ['also a server default', 'class S { f; s = tls.createServer({ secureContext: this.f, SNICallback: (n, cb) => cb(null, this.f) }); }', 'f', false],
    ['also given to addContext', 'class S { f; start() { this.server.addContext("a", this.f); } SNICallback(n, cb) { cb(null, this.f); } }', 'f', false],
    ['also stored in another field', 'class S { f; g; keep() { this.g = this.f; } SNICallback(n, cb) { cb(null, this.f); } }', 'f', false],
    ['a different field is read per handshake', 'class S { f; g; SNICallback(n, cb) { cb(null, this.g); } }', 'f', false],
  ])('%s: %s', (_name, code, field, expected) => {
    expect(isPerConnectionSource(classOf(code), field)).toBe(expected);
  });

  it('is false without a class', () => {
    expect(isPerConnectionSource(undefined, 'f')).toBe(false);
  });
});
