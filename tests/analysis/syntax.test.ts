// The syntax questions asked before any type: which stores may overwrite a field, how a read of a
// value uses it, and which tests tell that a field is empty.
import { parseForESLint } from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldRefOf, isEmptyValue, isPrimitiveValue, memberStoresIn, overwriteTargetOf } from '../../src/analysis/field-target.js';
import { emptinessTest, releasedStateTest, valueUseOf, type ReleaseNames } from '../../src/analysis/value-use.js';
import { nodesOfType, parseTyped } from './parse.js';

const names: ReleaseNames = {
  methods: new Set(['release', 'close']),
  functions: new Set(['ReferenceCountUtil.release', 'clearTimeout']),
};

function firstAssignment(code: string): TSESTree.AssignmentExpression {
  const [assignment] = nodesOfType(parseTyped(code).ast, AST_NODE_TYPES.AssignmentExpression);
  if (!assignment) throw new Error('no assignment');
  return assignment;
}

/** The first read of `this.f` (or else the last mention of the local `old`) in the snippet. */
function firstRead(code: string): TSESTree.Node {
  const ast = parseTyped(code).ast;
  const read =
    nodesOfType(ast, AST_NODE_TYPES.MemberExpression).find(
      (member) => member.object.type === AST_NODE_TYPES.ThisExpression && fieldRefOf(member)?.name === 'f',
    ) ?? nodesOfType(ast, AST_NODE_TYPES.Identifier).findLast((identifier) => identifier.name === 'old');
  if (!read) throw new Error('no read of this.f');
  return read;
}

const inMethod = (body: string): string => `class C { f: any; g: any; m(old: any, list: any[]) { ${body} } }`;

describe('overwriteTargetOf', () => {
  it.each([
    ['this.f = make();', { key: 'this\u0000f', name: 'f', onThis: true }],
    ['this.#p = make();', { key: 'this\u0000#p', name: '#p', onThis: true }],
    ["this['f'] = make();", { key: 'this\u0000f', name: 'f', onThis: true }],
    ['this[`f`] = make();', { key: 'this\u0000f', name: 'f', onThis: true }],
    ['C.shared = make();', { key: 'C\u0000shared', name: 'shared', onThis: false }],
    ['(this as any).f = make();', { key: 'this\u0000f', name: 'f', onThis: true }],
    ['this.g.f = make();', { key: 'this.g\u0000f', name: 'f', onThis: false }],
    ['this.f &&= make();', { key: 'this\u0000f', name: 'f', onThis: true }],
    ['list[i].f = make();', { key: 'list[i]\u0000f', name: 'f', onThis: false }],
    ['list[0]!.f = make();', { key: 'list[0]\u0000f', name: 'f', onThis: false }],
  ])('%s stores into a field', (statement, expected) => {
    expect(overwriteTargetOf(firstAssignment(inMethod(statement)))).toEqual(expected);
  });

  it.each(['make().f = make();', 'list[i++].f = make();', 'this.g().f = make();'])(
    '%s stores into a field that no other path event names',
    (statement) => {
      const assignment = firstAssignment(inMethod(statement));
      expect(overwriteTargetOf(assignment)).toEqual({
        key: `\u0001${String(assignment.range[0])}\u0000f`,
        name: 'f',
        onThis: false,
      });
    },
  );

  it.each([
    'this.f ??= make();',
    'this.f ||= make();',
    'this.f += 1;',
    'this.f = this.f;',
    'this.f = this.f as any;',
    'this[Math.random()] = make();',
    'super.f = make();',
    'let local; local = make();',
    'this.f = true;',
    'this.f = `text`;',
    'this.f = this.f + 1;',
  ])('%s is ruled out by syntax', (statement) => {
    expect(overwriteTargetOf(firstAssignment(inMethod(statement)))).toBeUndefined();
  });
});

describe('memberStoresIn', () => {
  /** The snippet's assignments that the rule may judge, found the rule's way and by a whole walk. */
  function storesOf(code: string, filePath = 'file.ts'): { found: string[]; walked: string[] } {
    const { ast, visitorKeys } = parseForESLint(code, { range: true, loc: true, tokens: true, comment: true, filePath });
    const sourceCode = { ast, text: code, visitorKeys: visitorKeys as TSESLint.SourceCode.VisitorKeys };
    // A place and a text per store, in source order; memberStoresIn may also give stores that the rule rules out later.
    const textsOf = (stores: TSESTree.AssignmentExpression[]): string[] =>
      stores
        .filter((store) => overwriteTargetOf(store))
        .sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1])
        .map((store) => `${String(store.range[0])}: ${code.slice(...store.range)}`);
    return {
      found: textsOf(memberStoresIn(sourceCode)),
      walked: textsOf(nodesOfType(ast, AST_NODE_TYPES.AssignmentExpression)),
    };
  }

  it.each([
    'this.f = make();',
    'this.#p = make();',
    "this['f'] = make();",
    '(this as any).f = make();',
    '(this.f as any) = make();',
    '(<any>this.f) = make();',
    '(this.f satisfies any) = make();',
    'this.f! = make();',
    'this.f &&= make();',
    'this.default = make();',
    'list[0]!.f = make();',
    'make().f = make();',
    '(this.g = make()).f = make();',
    'this.f/* = */=make();',
    'this.f/**/=make();',
    'list[0]!.f/* x */&&=make();',
    'this.f\n  // a = b\n  = make();',
    'const a = this.f === old ? (this.f = make()) : old;',
    'list.forEach((x) => (x.f = make()));',
    'this.g = { k: (this.f = make()) };',
    'this.g = `${String((this.f = make()))}=`;',
  ])('%s: found from its operator', (statement) => {
    const { found, walked } = storesOf(inMethod(statement));
    expect(walked.length).toBeGreaterThan(0);
    expect(found).toEqual(walked);
  });

  it('finds none where the `=` tokens follow a name of its own, a type, an object pattern, or sit in comments, strings and regular expressions', () => {
    const code = `
      type Pair = [number, string];
      let local = 1;
      const { a = 2 } = { a: local };
      function f(x: number = 1, y: Pair | null = null): void { local = x + a; void y; }
      class C { n: number = 0; m(v = 1): void { let w: Array<number> = []; w = [v]; } }
      local ??= 2;
      local += 1;
      // this.f = make();
      /* this.f = make(); */
      const s = 'this.f = make();', r = /this.f = make()/, t = \`this.f = \${local}\`;
      const [first] = [1], g = (q = 1) => q >= 2 && q <= 3, e = q => q === 1 || q !== 2;
      if (local != 3 && local !== 4) f();`;
    expect(storesOf(code)).toEqual({ found: [], walked: [] });
  });

  it('finds a store in a decorator (also one before `export`), a field initializer, a static block and a TSX attribute', () => {
    const code = `
      @register((C.last = make()))
      export class C {
        static last: any;
        f = (this.g = make());
        g: any;
        static { C.last = make(); }
        @watch((C.last = make())) m(): void { this.f = make(); }
        constructor(@inject((C.last = make())) a: unknown) { void a; }
      }
      const D = @register((C.last = make())) class {};
      export default @register((C.last = make())) class {}
      const view = <div onClick={() => { C.last = make(); }} />;`;
    const { found, walked } = storesOf(code, 'file.tsx');
    expect(walked).toHaveLength(9);
    expect(found).toEqual(walked);
  });

  // A default value in a function type is invalid TypeScript (TS2371), but it parses and ESLint's
  // traversal visits it, as the rule's listener did before its stores were found from their
  // operators: the store's operator sits in type syntax under a node that owns an `=` of its own.
  it.each([
    'type F = (a?: number, b = (C.f = make())) => void;',
    'class Q { y: (b: any = (C.f = make())) => void = () => {}; }',
    'class Q { accessor y: (b: any = (C.f = make())) => void = () => {}; }',
    'abstract class Q { abstract y: (b: any = (C.f = make())) => void; }',
    'class Q { declare y: (b: any = (C.f = make())) => void; }',
  ])('%s: finds the store in type syntax that the traversal visits', (code) => {
    const { found, walked } = storesOf(code);
    expect(walked).toEqual([`${String(code.indexOf('C.f'))}: C.f = make()`]);
    expect(found).toEqual(walked);
  });

  it('finds every store of the syntax torture folder that a whole walk finds', () => {
    const folder = path.resolve(import.meta.dirname, '../fixtures/torture');
    let stores = 0;
    for (const name of readdirSync(folder).filter((file) => /\.tsx?$/.test(file))) {
      const { found, walked } = storesOf(readFileSync(path.join(folder, name), 'utf8'), name);
      expect(found, name).toEqual(walked);
      stores += walked.length;
    }
    expect(stores).toBeGreaterThan(20);
  });
});

describe('isEmptyValue', () => {
  it.each([
    ['this.f = null;', true],
    ['this.f = undefined;', true],
    ['this.f = void 0;', true],
    ['this.f = null as any;', true],
    ['this.f = 0;', false],
    ['this.f = make();', false],
  ])('%s', (statement, expected) => {
    expect(isEmptyValue(firstAssignment(inMethod(statement)).right)).toBe(expected);
  });
});

describe('valueUseOf', () => {
  it.each([
    ['this.f.release();', 'release'],
    ['this.f?.release();', 'release'],
    ['(this.f as any).close();', 'release'],
    ['this.f[Symbol.dispose]();', 'release'],
    ['this.f[Symbol.asyncDispose]();', 'release'],
    ['this.f.context.close();', 'release'],
    ['ReferenceCountUtil.release(this.f);', 'release'],
    ['clearTimeout(this.f!);', 'release'],
    ['list.push(this.f);', 'handoff'],
    ['new Wrapper(this.f);', 'handoff'],
    ['return this.f;', 'handoff'],
    ['this.g = this.f;', 'handoff'],
    ['const pair = [this.f];', 'handoff'],
    ['const holder = { value: this.f };', 'handoff'],
    ['const saved = this.f;', 'save'],
    ['let saved; saved = this.f;', 'save'],
    ['this.f.release(1);', 'release'],
    ["this.f?.close(1000, 'bye');", 'release'],
    ['old.close(new Error());', 'release'],
    ['this.f.context.close(1);', 'release'],
    ['this.f.unsubscribe(1);', 'none'],
    ['this.f.refCnt();', 'none'],
    ['ReferenceCountUtil.release(1, this.f);', 'handoff'],
    ['if (this.f) {}', 'none'],
    ['old.release();', 'release'],
    ['old?.close();', 'release'],
  ])('%s: %s', (statement, kind) => {
    expect(valueUseOf(firstRead(inMethod(statement)), names).kind).toBe(kind);
  });
});

describe('emptinessTest', () => {
  function testOf(condition: string): TSESTree.Expression {
    const [statement] = nodesOfType(parseTyped(inMethod(`if (${condition}) {}`)).ast, AST_NODE_TYPES.IfStatement);
    if (!statement) throw new Error('no if');
    return statement.test;
  }

  it.each([
    ['this.f', false],
    ['!this.f', true],
    ['!!this.f', false],
    ['this.f == null', true],
    ['null == this.f', true],
    ['this.f === undefined', true],
    ['this.f != null', false],
    ['this.f !== undefined', false],
    ['this.f!', false],
    ['this.g?.f == null', true],
    ['this.g?.f !== undefined', false],
  ])('%s: empty when %s', (condition, emptyWhen) => {
    expect(emptinessTest(testOf(condition))?.emptyWhen).toBe(emptyWhen);
  });

  it.each(['this.f > 0', 'this.f == 0', 'typeof this.f', 'this.f()', 'this.f && this.g'])('%s says nothing', (condition) => {
    expect(emptinessTest(testOf(condition))).toBeUndefined();
  });
});

describe('releasedStateTest', () => {
  /** The test of the snippet's `if`, and the first read of `this.f` in it. */
  function testedRead(condition: string): { test: TSESTree.Expression; read: TSESTree.Node } {
    const code = inMethod(`if (${condition}) {}`);
    const [statement] = nodesOfType(parseTyped(code).ast, AST_NODE_TYPES.IfStatement);
    if (!statement) throw new Error('no if');
    return { test: statement.test, read: firstRead(code) };
  }

  it.each([
    ["this.f.state === 'closed'", true],
    ["this.f.state !== 'closed'", false],
    ["this.f.state == 'disposed'", true],
    ["this.f.state != 'destroyed'", false],
    ["'closed' === this.f.state", true],
    ["this.f.readyState === 'closed'", true],
    ["this.f.connectionState !== 'closed'", false],
    ["!(this.f.state === 'closed')", false],
    ['this.f.closed', true],
    ['!this.f.closed', false],
    ['!!this.f.isClosed', true],
    ['this.f.destroyed', true],
    ['this.f.isDestroyed', true],
    ['this.f.disposed', true],
    ['!this.f.isDisposed', false],
    ['this.f.closed === true', true],
    ['this.f.closed == false', false],
    ['true !== this.f.disposed', false],
    ['this.f.destroyed != false', true],
    ['(this.f as any).closed', true],
    ['this.f!.closed', true],
    ['this.f.refCnt() === 0', true],
    ['this.f.refCnt() == 0', true],
    ['this.f.refCnt() <= 0', true],
    ['this.f.refCnt() < 1', true],
    ['0 === this.f.refCnt()', true],
    ['1 > this.f.refCnt()', true],
    ['this.f.refCnt() !== 0', false],
    ['this.f.refCnt() > 0', false],
    ['this.f.refCnt() >= 1', false],
    ['0 < this.f.refCnt()', false],
  ])('%s: released when %s', (condition, releasedWhen) => {
    const { test, read } = testedRead(condition);
    expect(releasedStateTest(read)).toEqual({ test, releasedWhen, chain: undefined });
  });

  it.each([
    ["this.f?.state === 'closed'", true],
    ['this.f?.closed', true],
    ['!this.f?.closed', false],
    ['this.f?.refCnt() === 0', true],
  ])('%s: released when %s, known where the optional chain ends', (condition, releasedWhen) => {
    const { test, read } = testedRead(condition);
    const chain = nodesOfType(test, AST_NODE_TYPES.ChainExpression)[0];
    expect(chain).toBeDefined();
    expect(releasedStateTest(read)).toEqual({ test, releasedWhen, chain });
  });

  it.each([
    "this.f.state === 'open'",
    'this.f.closed === 1',
    'this.f.closed > false',
    "this.f.state === 'closing'",
    "this.f.state === 'released'",
    'this.f.state === this.g',
    "this.f.state < 'closed'",
    "this.f['closed']",
    'this.f.open',
    'this.f.refCnt() > 1',
    'this.f.refCnt() === 1',
    'this.f.refCnt() < 0',
    'this.f.refCnt() === 0.5',
    'this.f.refCnt() > 1e300',
    "this.f.refCnt(1) === 0",
    "this.f.refCnt === 0",
    "this.f.refCnt() === '0'",
    'this.f.g.closed',
  ])('%s says nothing about this.f', (condition) => {
    expect(releasedStateTest(testedRead(condition).read)).toBeUndefined();
  });
});

describe('isPrimitiveValue', () => {
  it.each([
    ['this.f = true;', true],
    ['this.f = 0;', true],
    ["this.f = 'text';", true],
    ['this.f = `text`;', true],
    ['this.f = 10n;', true],
    ['this.f = /x/;', true],
    ['this.f = -1;', true],
    ['this.f = !this.g;', true],
    ['this.f = this.g + 1;', true],
    ['this.f = null;', false],
    ['this.f = void 0;', false],
    ['this.f = make();', false],
    ['this.f = this.g;', false],
  ])('%s: %s', (statement, expected) => {
    expect(isPrimitiveValue(firstAssignment(inMethod(statement)).right)).toBe(expected);
  });
});
