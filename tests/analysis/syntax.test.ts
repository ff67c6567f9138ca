// The syntax questions asked before any type: which stores may overwrite a field, how a read of a
// value uses it, and which tests tell that a field is empty.
import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { fieldRefOf, isEmptyValue, isPrimitiveValue, mayStoreIntoMember, overwriteTargetOf } from '../../src/analysis/field-target.js';
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

describe('mayStoreIntoMember', () => {
  const tokensOf = (code: string): TSESTree.Token[] => parse(code, { tokens: true, range: true }).tokens;

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
    'this.g?.h.f = make();',
    'this.default = make();',
    'list[0]!.f = make();',
    'make().f = make();',
  ])('%s: a file that may store into a member', (statement) => {
    const code = inMethod(statement);
    expect(overwriteTargetOf(firstAssignment(code)) ?? 'a member store the rule rules out later').toBeTruthy();
    expect(mayStoreIntoMember(tokensOf(code))).toBe(true);
  });

  it('a file whose `=` tokens all follow a name of its own, a type or an object pattern stores into no member', () => {
    const code = `
      type Pair = [number, string];
      let local = 1;
      const { a = 2 } = { a: local };
      function f(x: number = 1, y: Pair | null = null): void { local = x + a; void y; }
      class C { n: number = 0; m(v = 1): void { let w: Array<number> = []; w = [v]; } }
      local ??= 2;
      local += 1;
      if (local != 3 && local !== 4) f();`;
    expect(mayStoreIntoMember(tokensOf(code))).toBe(false);
  });

  it('an `=` after `]` may store into a member, even where it ends a type or an array pattern', () => {
    expect(mayStoreIntoMember(tokensOf('const [first] = [1];'))).toBe(true);
    expect(mayStoreIntoMember(tokensOf('let w: number[] = [];'))).toBe(true);
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
    ['this.f.release(1);', 'none'],
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
