// Which private methods a class may call with a value its callers left, and from where: the
// syntax question asked before a private method's store is judged by its call sites.
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { privateMethodOf, privateMethodUses } from '../../src/analysis/private-method-calls.js';
import { nodesOfType, parseTyped } from './parse.js';

function onlyClass(code: string): TSESTree.ClassDeclaration {
  const [classNode] = nodesOfType(parseTyped(code).ast, AST_NODE_TYPES.ClassDeclaration);
  if (!classNode) throw new Error('no class');
  return classNode;
}

/** For each method of the class, by its name as `this.<name>` writes it: the private one it is, if it is one. */
function privateMethodNames(code: string): Record<string, string | undefined> {
  const classNode = onlyClass(code);
  const names: Record<string, string | undefined> = {};
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition) continue;
    const method = privateMethodOf(member.value);
    if (method) expect(method.classNode).toBe(classNode);
    names[member.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.key.name}` : member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : '?'] = method?.name;
  }
  return names;
}

/** The lines of the `this.m()` calls found, and whether m escapes, for each name asked about. */
function usesOf(code: string, ...names: string[]): Record<string, { callLines: number[]; escapes: boolean }> {
  const uses = privateMethodUses(onlyClass(code), new Set(names));
  const result: Record<string, { callLines: number[]; escapes: boolean }> = {};
  for (const [name, use] of uses) {
    result[name] = { callLines: use.calls.map((call) => call.loc.start.line).sort((a, b) => a - b), escapes: use.escapes };
  }
  return result;
}

describe('privateMethodOf', () => {
  it('takes TypeScript private and #private instance methods, not generators, and nothing else', () => {
    expect(
      privateMethodNames(`
        class C {
          private a(): void {}
          #b(): void {}
          c(): void {}
          protected d(): void {}
          private static e(): void {}
          private get f(): number { return 1; }
          private ['g'](): void {}
          private *h(): Generator<number> { yield 1; }
        }`),
    ).toEqual({ a: 'a', '#b': '#b', c: undefined, d: undefined, e: undefined, f: undefined, '?': undefined, h: undefined });
  });
});

describe('privateMethodUses', () => {
  it('finds every this.m() call, in methods and in the arrows inside them', () => {
    expect(
      usesOf(
        `class C {
          private m(): void {}
          a(): void {
            this.m();
          }
          b(): void {
            void Promise.resolve().then(() => this.m());
          }
        }`,
        'm',
      ),
    ).toEqual({ m: { callLines: [4, 7], escapes: false } });
  });

  it.each([
    ['passed as a callback', 'setTimeout(this.m, 10);'],
    ['read into a local', 'const f = this.m; f.call(this);'],
    ['called through call()', 'this.m.call(this);'],
    ['called on another instance', 'new C().m();'],
    ['destructured from this', 'const { m } = this; m();'],
    ['reached through a computed name', "const key = 'm' as const; this[key]();"],
    ['called through a type assertion', '(this.m as () => void)();'],
  ])('a method %s escapes', (_shape, statement) => {
    expect(
      usesOf(
        `class C {
          private m(): void {}
          a(): void {
            this.m();
            ${statement}
          }
        }`,
        'm',
      ).m?.escapes,
    ).toBe(true);
  });

  it('a decorated method escapes: its decorator gets the method and may have it called', () => {
    expect(
      usesOf(
        `class C {
          @onEvent('resize')
          private m(): void {}
          #n(): void {}
          a(): void {
            this.m();
            this.#n();
          }
        }`,
        'm',
        '#n',
      ),
    ).toEqual({ m: { callLines: [6], escapes: true }, '#n': { callLines: [7], escapes: false } });
  });

  it('keeps the names apart: another method escaping leaves m known', () => {
    expect(
      usesOf(
        `class C {
          private m(): void {}
          private n(): void {}
          a(): void {
            this.m();
            setTimeout(this.n, 10);
          }
        }`,
        'm',
        'n',
      ),
    ).toEqual({ m: { callLines: [5], escapes: false }, n: { callLines: [], escapes: true } });
  });

  it('a computed name that may be any string makes every method but a #private one escape', () => {
    expect(
      usesOf(
        `class C {
          private m(): void {}
          #n(): void {}
          a(key: 'm' | 'a'): void {
            this.m();
            this.#n();
            this[key]();
          }
        }`,
        'm',
        '#n',
      ),
    ).toEqual({ m: { callLines: [5], escapes: true }, '#n': { callLines: [6], escapes: false } });
  });

  it('a well-known symbol or a number as the computed name reaches no private method', () => {
    expect(
      usesOf(
        `class C {
          private m(): void {}
          [Symbol.dispose](): void {}
          0(): void {}
          a(): void {
            this.m();
            this[Symbol.dispose]();
            this[0]();
          }
        }`,
        'm',
      ),
    ).toEqual({ m: { callLines: [6], escapes: false } });
  });

  it('reads #private names as this.#m writes them', () => {
    expect(
      usesOf(
        `class C {
          #m(): void {}
          a(): void {
            this.#m();
          }
        }`,
        '#m',
      ),
    ).toEqual({ '#m': { callLines: [4], escapes: false } });
  });
});
