import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { skipTypeWrappers, staticMemberName } from './field-target.js';
import { childNodesOf } from './syntax-walk.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** An instance method of a class, as `this.<name>()` in that class calls it. */
export interface OwnMethod {
  classNode: ClassNode;
  /** As `this.<name>` names it: `#name` for an ECMAScript private method. */
  name: string;
}

/** An instance method that code outside its class cannot call: TypeScript `private` or `#name`. */
export type PrivateMethod = OwnMethod;

/**
 * The private instance method whose body `node` is, if it is one. Syntax only. A generator is
 * not one: its body runs when it is iterated, not when it is called.
 */
export function privateMethodOf(node: TSESTree.Node): PrivateMethod | undefined {
  const method = instanceMethodOf(node);
  if (!method || method.name.startsWith('#')) return method;
  return node.parent?.type === AST_NODE_TYPES.MethodDefinition && node.parent.accessibility === 'private' ? method : undefined;
}

/**
 * The instance method whose body `node` is, private or not (`m() {…}`, `#m() {…}`; not a
 * getter, a static or computed-key method, or a generator): what `this.m()` in its class runs,
 * unless a subclass overrides it.
 */
export function instanceMethodOf(node: TSESTree.Node): OwnMethod | undefined {
  const method = node.parent;
  if (
    node.type !== AST_NODE_TYPES.FunctionExpression ||
    node.generator ||
    method?.type !== AST_NODE_TYPES.MethodDefinition ||
    method.value !== node ||
    method.kind !== 'method' ||
    method.static ||
    method.computed
  ) {
    return undefined;
  }
  if (method.key.type === AST_NODE_TYPES.PrivateIdentifier) return { classNode: method.parent.parent, name: `#${method.key.name}` };
  return method.key.type === AST_NODE_TYPES.Identifier ? { classNode: method.parent.parent, name: method.key.name } : undefined;
}

/** How a class's own code reaches one of its private methods. */
export interface PrivateMethodUses {
  /** Every `this.m(…)` call. */
  calls: TSESTree.CallExpression[];
  /**
   * The method is also reached some other way (`setTimeout(this.m)`, `const f = this.m`,
   * `other.m()`, `const { m } = this`, a decorator of the method), or may be, through a name
   * that cannot be read (`this[key]()`, for all but `#name` methods): its callers are not all known.
   */
  escapes: boolean;
}

/**
 * Where the class body reaches each of the named private methods: one walk of the class, done
 * only for classes with a private method whose store waits on its callers.
 */
export function privateMethodUses(
  classNode: ClassNode,
  names: ReadonlySet<string>,
): Map<string, PrivateMethodUses> {
  const uses = new Map<string, PrivateMethodUses>();
  for (const name of names) uses.set(name, { calls: [], escapes: false });
  let unreadableThisMember = false;
  // An explicit stack, not recursion: a deeply nested class must not overflow the call stack.
  const pending: TSESTree.Node[] = [classNode.body];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticMemberName(node);
      const onThis = skipTypeWrappers(node.object).type === AST_NODE_TYPES.ThisExpression;
      if (name === undefined && node.computed && onThis && !isSymbolOrNumber(node.property)) unreadableThisMember = true;
      const use = name === undefined ? undefined : uses.get(name);
      if (use) {
        const call = node.parent;
        if (onThis && node.object.type === AST_NODE_TYPES.ThisExpression && call.type === AST_NODE_TYPES.CallExpression && call.callee === node) {
          use.calls.push(call);
        } else {
          use.escapes = true;
        }
      }
    } else if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectPattern) {
      // `const { m } = this`: the method leaves as a value.
      const key = node.key;
      const name = key.type === AST_NODE_TYPES.Identifier && !node.computed ? key.name : undefined;
      const use = name === undefined ? undefined : uses.get(name);
      if (use) use.escapes = true;
    }
    childNodesOf(node, pending);
  }
  // `this[key]` may name any method but a `#name` one.
  if (unreadableThisMember) for (const [name, use] of uses) if (!name.startsWith('#')) use.escapes = true;
  // A decorator gets the method itself (`@HostListener('resize') private onResize()`) and may have it called at any time.
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.decorators.length === 0) continue;
    const use = uses.get(privateMethodOf(member.value)?.name ?? '');
    if (use) use.escapes = true;
  }
  return uses;
}

/** `this[Symbol.dispose]`, `this[0]`: a computed key that cannot be a method's name. */
function isSymbolOrNumber(key: TSESTree.Node): boolean {
  if (key.type === AST_NODE_TYPES.Literal) return typeof key.value === 'number';
  return (
    key.type === AST_NODE_TYPES.MemberExpression &&
    key.object.type === AST_NODE_TYPES.Identifier &&
    key.object.name === 'Symbol'
  );
}

const usesByClass = new WeakMap<ClassNode, Map<string, PrivateMethodUses>>();
const instanceUsesByClass = new WeakMap<ClassNode, Map<string, PrivateMethodUses>>();

/** How the class reaches each of its private methods: one walk of the class, when first asked. */
export function privateMethodUsesOf(classNode: ClassNode): Map<string, PrivateMethodUses> {
  return methodUsesOf(classNode, privateMethodOf, usesByClass);
}

/**
 * The `this.m()` calls in the class body of each of its instance methods, private or not: one
 * walk of the class, when first asked (only for a class with a store that a fix would repair).
 */
export function instanceMethodUsesOf(classNode: ClassNode): Map<string, PrivateMethodUses> {
  return methodUsesOf(classNode, instanceMethodOf, instanceUsesByClass);
}

/** The uses of the class's methods that `pick` names, walked once per class and kept in `cache`. */
function methodUsesOf(
  classNode: ClassNode,
  pick: (node: TSESTree.Node) => OwnMethod | undefined,
  cache: WeakMap<ClassNode, Map<string, PrivateMethodUses>>,
): Map<string, PrivateMethodUses> {
  const known = cache.get(classNode);
  if (known) return known;
  const names = new Set<string>();
  for (const member of classNode.body.body) {
    const method = member.type === AST_NODE_TYPES.MethodDefinition ? pick(member.value) : undefined;
    if (method) names.add(method.name);
  }
  const uses = privateMethodUses(classNode, names);
  cache.set(classNode, uses);
  return uses;
}
