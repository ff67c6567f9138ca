import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { ownFieldStartsEmpty, storesIntoPrimitiveField } from '../../src/analysis/own-field.js';

/** The left side of the one `this.<...> = make()` store marked `/*here*\/` in the code. */
function markedStore(code: string): TSESTree.MemberExpression {
  const ast = parse(code, { range: true, loc: true, comment: true });
  const marker = ast.comments.find((comment) => comment.value === 'here');
  if (!marker) throw new Error('no /*here*/ marker');
  let found: TSESTree.MemberExpression | undefined;
  simpleTraverse(ast, {
    enter(node) {
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.range[0] === marker.range[1] + 1) {
        if (node.left.type === AST_NODE_TYPES.MemberExpression) found = node.left;
      }
    },
  }, true);
  if (!found) throw new Error('no store right after /*here*/');
  return found;
}

describe('storesIntoPrimitiveField', () => {
  it.each([
    ['a number field', 'class A { pos: number = 0; m() { /*here*/ this.pos = next(); } }'],
    ['a union of primitives and literals', "class A { state: 'open' | 'closed' | null = null; m() { /*here*/ this.state = read(); } }"],
    ['an array of numbers', 'class A { sizes: readonly number[] = []; m() { /*here*/ this.sizes = read(); } }'],
    ['no annotation, a primitive initializer', 'class A { count = 0; m() { /*here*/ this.count = read(); } }'],
    ['a private #field', 'class A { #done = false; m() { /*here*/ this.#done = read(); } }'],
    ['a parameter property', 'class A { constructor(private offset: number) {} m() { /*here*/ this.offset = read(); } }'],
    ['inside an arrow function of a method', 'class A { pos = 0; m() { return () => { /*here*/ this.pos = read(); }; } }'],
    ['a static field from a static method', 'class A { static total = 0; static m() { /*here*/ this.total = read(); } }'],
  ])('is true for %s', (_name, code) => {
    expect(storesIntoPrimitiveField(markedStore(code))).toBe(true);
  });

  it.each([
    ['a class-typed field', 'class A { conn: Conn | null = null; m() { /*here*/ this.conn = open(); } }'],
    ['a union of a number and a class', 'class A { handle: number | Timer = 0; m() { /*here*/ this.handle = start(); } }'],
    ['no annotation, a null initializer', 'class A { conn = null; m() { /*here*/ this.conn = open(); } }'],
    ['a field declared in a base class', 'class A extends Base { m() { /*here*/ this.pos = read(); } }'],
    ['an instance field when only the static one is primitive', 'class A { static conn = 0; conn: Conn; m() { /*here*/ this.conn = open(); } }'],
    ["a `function`'s own this", 'class A { pos = 0; m() { return function () { /*here*/ this.pos = open(); }; } }'],
    ['a receiver that is not this', 'class A { pos = 0; m(other: A) { /*here*/ other.pos = open(); } }'],
    ['a computed member', "class A { pos = 0; m() { /*here*/ this['pos'] = open(); } }"],
    ['a named type alias', 'class A { pos: Offset = 0; m() { /*here*/ this.pos = open(); } }'],
  ])('is false for %s', (_name, code) => {
    expect(storesIntoPrimitiveField(markedStore(code))).toBe(false);
  });
});

describe('ownFieldStartsEmpty', () => {
  it.each([
    ['no initializer', 'class A { conn: Conn; constructor() { /*here*/ this.conn = open(); } }', true],
    ['= null', 'class A { conn: Conn | null = null; constructor() { /*here*/ this.conn = open(); } }', true],
    ['= undefined', 'class A { conn?: Conn = undefined; constructor() { /*here*/ this.conn = open(); } }', true],
    ['definite assignment', 'class A { #conn!: Conn; constructor() { /*here*/ this.#conn = open(); } }', true],
    ['in an arrow of the constructor', 'class A { conn: Conn; constructor() { run(() => { /*here*/ this.conn = open(); }); } }', true],
    ['another initializer', 'class A { conn = open(); constructor() { /*here*/ this.conn = open(); } }', false],
    ['a parameter property', 'class A { constructor(private conn: Conn) { /*here*/ this.conn = open(); } }', false],
    ['a static field', 'class A { static conn: Conn; static { /*here*/ this.conn = open(); } }', false],
  ])('from the class body: %s', (_name, code, expected) => {
    expect(ownFieldStartsEmpty(markedStore(code))).toBe(expected);
  });

  it.each([
    ['a field of a base class', 'class A extends Base { constructor() { super(); /*here*/ this.conn = open(); } }'],
    ["a `function`'s own this", 'class A { conn: Conn; m() { return function () { /*here*/ this.conn = open(); }; } }'],
    ['a receiver that is not this', 'class A { conn: Conn; m(other: A) { /*here*/ other.conn = open(); } }'],
  ])('leaves it to the checker for %s', (_name, code) => {
    expect(ownFieldStartsEmpty(markedStore(code))).toBeUndefined();
  });
});
