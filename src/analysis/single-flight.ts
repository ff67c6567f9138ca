import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { outermostTypeWrapper, skipTypeWrappers, staticMemberName, thisMemberName } from './field-target.js';
import {
  classStoresInto,
  declaresInstanceField,
  sharesFieldWithOtherClasses,
  type MemberStore,
} from './initializer.js';
import { thisMemberOf, thisOwnerOf } from './own-field.js';
import { cachedPerKey } from './per-key-cache.js';
import { childNodesOf, enclosingFunction, isFunctionNode, isLoop, type FunctionNode } from './syntax-walk.js';
import { emptinessTest } from './value-use.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Where a callback runs: as the handler of a load whose promise a pending field holds, or called right there. */
type CallbackUse =
  | { kind: 'flight'; site: TSESTree.AssignmentExpression; pending: string; links: TSESTree.Node[] }
  | { kind: 'call'; site: TSESTree.ExpressionStatement };

const verdicts = new WeakMap<FunctionNode, Map<string, boolean>>();

/**
 * Whether `this.<field>` is empty whenever `callback` runs, because the callback fills it in a
 * single-flight load (a lazy, deduplicated initialization):
 *
 *     if (!this.root) {
 *       if (!this.pending) this.pending = load().then((root) => { this.root = root; this.pending = null; });
 *     }
 *
 * The load starts only while the field is empty and no load is in flight; until its handler runs
 * the pending field holds a promise, so no second load starts; and nothing but the handler stores
 * a value into the field. So the handler finds the field as the guard left it: empty. It holds when:
 * - the callback is a synchronous arrow function (no `await` between its stores), either passed to
 *   `.then` directly or held in a `const` whose every mention is such a `.then` argument or a call
 *   statement (`handle(value)` for a value that is already there), at most two of them, in the two
 *   branches of one `if`;
 * - the promise chain (`.then`, then `.catch`/`.finally` links) is stored into a pending field with
 *   `=`, `??=` or `||=`;
 * - every use is guarded by emptiness tests of the field and, where a load can be in flight, of the
 *   pending field (`if (!this.f)`, `this.f == null`, `!this.f && !this.p`, or an earlier
 *   `if (this.f) return …;`), in the same function, which has the callback's `this`, with no loop
 *   between guard and use and no `await`/`for await`/`yield` from the guard to the use's end;
 * - the class declares both fields, not shared with a subclass or base class (`protected`,
 *   `declare`, `override`), stores values into the field only in the callback, and into the pending
 *   field only at the load's start and in the callback after its stores into the field or right
 *   before it returns (or empties it in another handler of the same chain).
 * Asked only for a store that would otherwise be reported.
 */
export function emptyWhenSingleFlightRuns(callback: FunctionNode, field: string): boolean {
  return cachedPerKey(verdicts, callback, field, () => decide(callback, field));
}

function decide(callback: FunctionNode, field: string): boolean {
  if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression || callback.async) return false;
  const owner = thisOwnerOf(callback);
  if (!owner || owner.isStatic) return false;
  const { classNode } = owner;
  // The callback's own uses and their guards first (syntax around it); the class-wide and file-wide
  // store scans last, for the few callbacks that pass.
  const uses = usesOf(callback);
  if (!uses || uses.length === 0 || uses.length > 2) return false;
  const [first, second] = uses;
  if (first && second && !inOtherBranches(first.site, second.site)) return false;
  const pending = new Set<string>();
  const flightStores = new Set<TSESTree.Node>();
  const otherLinks = new Set<TSESTree.Node>();
  for (const use of uses) {
    if (use.kind !== 'flight') continue;
    pending.add(use.pending);
    flightStores.add(use.site);
    for (const link of use.links) otherLinks.add(link);
  }
  if (pending.size > 1) return false;
  // A guard says nothing about another object's fields: each use must see the callback's own `this`
  // (not the `this` of a `function` nested in the method).
  const callbackThis = thisMemberOf(callback);
  if (!uses.every((use) => thisMemberOf(use.site) === callbackThis)) return false;
  const [pendingField] = pending;
  const guarded = uses.every((use) => {
    if (!guardedEmpty(use.site, field, classNode)) return false;
    if (pendingField === undefined) return true;
    // `this.p ??= load().then(cb)` tests the pending field itself, in the same expression.
    const testsItself = use.kind === 'flight' && use.site.operator !== '=';
    return testsItself || guardedEmpty(use.site, pendingField, classNode);
  });
  if (!guarded) return false;
  if (!declaresInstanceField(classNode, field) || sharesFieldWithOtherClasses(classNode, field)) return false;
  const fieldStores = classStoresInto(classNode, field);
  if (!fieldStores?.every((store) => store.emptyValue || store.inFunction === callback)) return false;
  if (pendingField !== undefined) {
    if (
      pendingField === field ||
      !declaresInstanceField(classNode, pendingField) ||
      sharesFieldWithOtherClasses(classNode, pendingField)
    ) {
      return false;
    }
    const pendingStores = classStoresInto(classNode, pendingField);
    // Emptying it in another handler of the chain (`.finally(() => { this.p = null; })`) is fine too:
    // that runs after the callback, or instead of it.
    const allowed = (store: MemberStore): boolean =>
      flightStores.has(store.assignment) ||
      store.inFunction === callback ||
      (store.emptyValue && store.inFunction !== undefined && otherLinks.has(store.inFunction));
    if (!pendingStores?.every(allowed)) return false;
    // Emptied before the callback stores the field, the pending field lets a second load start from
    // whatever the callback calls in between (a listener calling back into the load), and that
    // load's callback would overwrite this one's value: the callback empties it after its stores,
    // or right before it returns (`if (!v) { this.p = null; return; }`).
    const lastFieldStore = Math.max(...fieldStores.filter((store) => store.inFunction === callback).map((store) => store.assignment.range[1]));
    const emptiedEarly = (store: MemberStore): boolean =>
      store.inFunction === callback && store.assignment.range[0] < lastFieldStore && !returnsRightAfter(store.assignment, callback);
    if (pendingStores.some(emptiedEarly)) return false;
  }
  return true;
}

/** The places the callback is run from, or undefined when one of its mentions is anything else. */
function usesOf(callback: TSESTree.ArrowFunctionExpression): CallbackUse[] | undefined {
  const outer = outermostTypeWrapper(callback);
  const declarator = outer.parent;
  if (
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.init === outer &&
    declarator.id.type === AST_NODE_TYPES.Identifier &&
    declarator.parent.kind === 'const'
  ) {
    const scope = enclosingFunction(declarator);
    if (!scope) return undefined;
    const uses: CallbackUse[] = [];
    const name = declarator.id.name;
    for (const mention of mentionsOf(scope.body, name)) {
      if (mention === declarator.id) continue;
      const use = useAt(mention);
      if (!use) return undefined;
      uses.push(use);
    }
    return uses;
  }
  const use = useAt(callback);
  return use && [use];
}

/** What one mention of the callback (the arrow itself or a name for it) does with it. */
function useAt(mention: TSESTree.Node): CallbackUse | undefined {
  const value = outermostTypeWrapper(mention);
  const call = value.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.optional) return undefined;
  if (call.callee === value) {
    const statement = call.parent;
    return statement.type === AST_NODE_TYPES.ExpressionStatement ? { kind: 'call', site: statement } : undefined;
  }
  if (call.arguments[0] !== value || linkName(call) !== 'then') return undefined;
  // `.then(cb)`, maybe followed by `.catch(…)`/`.finally(…)`/`.then(…)` links, stored into the pending field.
  let chain: TSESTree.Node = call;
  const links: TSESTree.Node[] = call.arguments.slice(1).map((argument) => skipTypeWrappers(argument));
  for (;;) {
    const link: TSESTree.Node = chain.parent;
    if (link.type !== AST_NODE_TYPES.MemberExpression || link.object !== chain) break;
    const next: TSESTree.Node = link.parent;
    if (next.type !== AST_NODE_TYPES.CallExpression || next.callee !== link) break;
    if (!['then', 'catch', 'finally'].includes(linkName(next) ?? '')) break;
    chain = next;
    links.push(...next.arguments.map((argument) => skipTypeWrappers(argument)));
  }
  const store = outermostTypeWrapper(chain).parent;
  if (store?.type !== AST_NODE_TYPES.AssignmentExpression || skipTypeWrappers(store.right) !== chain) return undefined;
  if (store.operator !== '=' && store.operator !== '??=' && store.operator !== '||=') return undefined;
  const pending = thisMemberName(store.left);
  return pending === undefined ? undefined : { kind: 'flight', site: store, pending, links };
}

function linkName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.optional) return undefined;
  return staticMemberName(callee);
}

/**
 * Whether `this.<field>` is empty when `site` runs, by a guard in the same function: the site is in
 * the empty branch of an `if` that tests the field (alone, or as one operand of `&&` for the
 * consequent), or follows, in a block, an `if` without `else` that leaves (return/throw) when the
 * field holds something. No loop between guard and site; no `await`/`yield` from guard to site.
 */
function guardedEmpty(site: TSESTree.Node, field: string, classNode: ClassNode): boolean {
  for (let current: TSESTree.Node = site; ; ) {
    const parent = current.parent;
    if (!parent || parent === classNode || isFunctionNode(parent) || isLoop(parent)) return false;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== current) {
      const inConsequent = parent.consequent === current;
      if (testSaysEmpty(parent.test, field, inConsequent)) return !suspendsBetween(parent, parent, site);
    }
    if (parent.type === AST_NODE_TYPES.BlockStatement) {
      const index = parent.body.indexOf(current as TSESTree.Statement);
      for (const earlier of parent.body.slice(0, index)) {
        if (
          earlier.type === AST_NODE_TYPES.IfStatement &&
          earlier.alternate === null &&
          leaves(earlier.consequent) &&
          testSaysEmpty(earlier.test, field, false)
        ) {
          return !suspendsBetween(parent, earlier, site);
        }
      }
    }
    current = parent;
  }
}

/** Whether `test` shows `this.<field>` empty on the branch taken (the consequent when `consequent`). */
function testSaysEmpty(test: TSESTree.Node, field: string, consequent: boolean): boolean {
  const expression = skipTypeWrappers(test);
  // `a && b` is true only when both are: each operand holds on the consequent.
  if (consequent && expression.type === AST_NODE_TYPES.LogicalExpression && expression.operator === '&&') {
    return testSaysEmpty(expression.left, field, true) || testSaysEmpty(expression.right, field, true);
  }
  // `a || b` is false only when both are: each operand's false outcome holds on the alternate.
  if (!consequent && expression.type === AST_NODE_TYPES.LogicalExpression && expression.operator === '||') {
    return testSaysEmpty(expression.left, field, false) || testSaysEmpty(expression.right, field, false);
  }
  const emptiness = emptinessTest(expression);
  if (!emptiness || emptiness.field.optional || thisMemberName(emptiness.field) !== field) return false;
  return emptiness.emptyWhen === consequent;
}

/**
 * `this.p = null; return;`: the store is a statement followed by a `return` or `throw`, outside any
 * `try` of the callback (whose `finally` could store the field after it), so the callback stores
 * nothing after it.
 */
function returnsRightAfter(store: TSESTree.Node, callback: FunctionNode): boolean {
  const statement = store.parent;
  const block = statement?.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || block?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const next = block.body[block.body.indexOf(statement) + 1];
  if (next?.type !== AST_NODE_TYPES.ReturnStatement && next?.type !== AST_NODE_TYPES.ThrowStatement) return false;
  return !inTryWithin(block, callback);
}

function inTryWithin(node: TSESTree.Node, callback: FunctionNode): boolean {
  for (let current = node.parent; current && current !== callback; current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement) return true;
  }
  return false;
}

function leaves(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body.at(-1);
  return last !== undefined && leaves(last);
}

/**
 * An `await`, `for await` or `yield` of the guard's own function from the guard's start to the site's end,
 * looked for in `within` (the guarding `if`, or the block that holds both an early exit and the
 * site). The site's own end counts: `keep(await next())` and `this.p = (await open()).then(cb)`
 * test first and then suspend, so two runs can both pass the test before either stores.
 */
function suspendsBetween(within: TSESTree.Node, guard: TSESTree.Node, site: TSESTree.Node): boolean {
  const [from] = guard.range;
  const [, to] = site.range;
  const search = (node: TSESTree.Node): boolean => {
    if (node.range[1] < from || node.range[0] > to) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) return true;
    if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) return true;
    if (isFunctionNode(node)) return false;
    return childNodesOf(node).some(search);
  };
  return search(within);
}

/** Identifiers named `name` in `root`, other than property keys and member names. */
function mentionsOf(root: TSESTree.Node, name: string): TSESTree.Identifier[] {
  const found: TSESTree.Identifier[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.Identifier && node.name === name) {
      const parent = node.parent;
      const isMemberName = parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed;
      const isKey =
        (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.MethodDefinition) &&
        parent.key === node &&
        !parent.computed &&
        !(parent.type === AST_NODE_TYPES.Property && parent.shorthand);
      if (!isMemberName && !isKey) found.push(node);
    }
    for (const child of childNodesOf(node)) visit(child);
  };
  visit(root);
  return found;
}

/** Whether `a` and `b` lie in the two different branches of one `if`. */
function inOtherBranches(a: TSESTree.Node, b: TSESTree.Node): boolean {
  for (let current: TSESTree.Node = a; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type !== AST_NODE_TYPES.IfStatement || parent.test === current || !parent.alternate) continue;
    const other = parent.consequent === current ? parent.alternate : parent.consequent;
    if (contains(other, b)) return true;
  }
  return false;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

