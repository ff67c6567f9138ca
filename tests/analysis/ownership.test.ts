import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isFreshValue, ownsField, releasedFieldsOf } from '../../src/analysis/ownership.js';
import type { ReleaseNames } from '../../src/analysis/value-use.js';
import { nodesOfType, parseTyped } from './parse.js';

const names: ReleaseNames = { methods: new Set(['release', 'close']), functions: new Set(['ReferenceCountUtil.release']) };

const parsed = parseTyped(`
declare class Buf { release(): boolean }
declare function alloc(): Buf;
declare const ReferenceCountUtil: { release(value: unknown): boolean };
declare const cache: Map<string, Buf>;
declare const weak: WeakMap<object, Buf>;
declare const ref: WeakRef<Buf>;
declare const pool: { get(key: string): Buf };
declare const list: Buf[];
class Owner {
  static shared = alloc();
  a = alloc(); b = alloc(); c = alloc(); d = alloc(); e = alloc(); #p = alloc(); ctx: any; kept = alloc();
  close(): void {
    this.a.release();
    this.b?.close();
    ReferenceCountUtil.release(this.c);
    (this.d as Buf)[Symbol.dispose]?.();
    const drop = () => this.#p.release();
    drop();
    this.ctx.context.close();
    Owner.shared.release();
    this.kept.release(1);
  }
}
async function values() {
  const fresh = [new Date(), alloc(), await Promise.resolve(alloc()), alloc() as Buf, alloc()!, true ? alloc() : list[0], cache.get('k') ?? alloc(), pool.get('k')];
  const borrowed = [cache.get('k'), weak.get({}), ref.deref(), list[0], await cache.get('k'), undefined, list];
}
`);

const owner = nodesOfType(parsed.ast, AST_NODE_TYPES.ClassDeclaration).find((node) => node.id?.name === 'Owner');
const ownerTs = owner && (parsed.services.esTreeNodeToTSNodeMap.get(owner) as ts.ClassLikeDeclaration);

function elementsOf(name: string) {
  const declarator = nodesOfType(parsed.ast, AST_NODE_TYPES.VariableDeclarator).find(
    (node) => node.id.type === AST_NODE_TYPES.Identifier && node.id.name === name,
  );
  if (declarator?.init?.type !== AST_NODE_TYPES.ArrayExpression) throw new Error(`no array ${name}`);
  return declarator.init.elements.flatMap((element) => (element ? [element] : []));
}

describe('releasedFieldsOf / ownsField', () => {
  it('collects the fields that a member of the class releases', () => {
    if (!ownerTs) throw new Error('no class');
    expect([...releasedFieldsOf(ownerTs, names)].sort()).toEqual(['#p', 'a', 'b', 'c', 'ctx', 'd', 'shared']);
    expect(ownsField([undefined, ownerTs], 'a', names)).toBe(true);
    expect(ownsField([ownerTs], 'kept', names)).toBe(false);
    expect(ownsField([undefined], 'a', names)).toBe(false);
  });

  it('computes each class once per set of names', () => {
    if (!ownerTs) throw new Error('no class');
    expect(releasedFieldsOf(ownerTs, names)).toBe(releasedFieldsOf(ownerTs, names));
  });
});

describe('isFreshValue', () => {
  it.each(elementsOf('fresh').map((element, index) => [index, element] as const))('fresh value #%i', (_index, element) => {
    expect(isFreshValue(element, parsed.services)).toBe(true);
  });

  it.each(elementsOf('borrowed').map((element, index) => [index, element] as const))('borrowed value #%i', (_index, element) => {
    expect(isFreshValue(element, parsed.services)).toBe(false);
  });
});
