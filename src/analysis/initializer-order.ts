import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { skipTypeWrappers, thisMemberName } from './field-target.js';
import { thisMemberOf } from './own-field.js';
import { privateMethodOf, privateMethodUsesOf } from './private-method-calls.js';
import { declaredKeyName, enclosingFunction, type FunctionNode } from './syntax-walk.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * Whether a call asserts that its first argument is truthy: its signature says `asserts condition`
 * of its first parameter (a type question, asked only of a statement that tests a flag).
 */
export type AssertsCondition = (call: TSESTree.CallExpression) => boolean;

/** A store into a member of the field's name, somewhere in the class. */
export interface ClassStore {
  assignment: TSESTree.Node;
  /** The function whose own body holds the store (not counting the functions nested in it). */
  inFunction: FunctionNode | undefined;
}

export interface InitializerStores {
  classNode: ClassNode;
  /** Code that runs at most once per instance (a once-per-instance method, its async IIFE, a stream's start). */
  initializer: FunctionNode;
  /** The initializer's own stores of a value into the field, in its own body. */
  own: readonly ClassStore[];
  /** Every other store of a value (not `null`/`undefined`) into a member of the field's name. */
  others: readonly ClassStore[];
  /** Every store into a member of a name, anywhere in the class. */
  storesOf: (name: string) => readonly ClassStore[];
  assertsCondition: AssertsCondition;
}

/** How many private methods deep a store is followed up its callers (`a()` calls `#b()`, which stores). */
const maxMethodDepth = 3;

/**
 * Whether every other store into the field can only run after the initializer's own stores, or
 * during the initializer, as part of it, so that the field still holds what the class declared it
 * with whenever the initializer stores (the flow through the initializer follows its own calls):
 * - a store in a private method whose every call is made by the initializer itself, synchronously
 *   (no `async` method on the way: its store could come after the initializer went on), or by
 *   such a method;
 * - or, with a completion flag of the initializer: a store (or a call of a private method that
 *   stores) made only where the flag is known to be true: under `if (this.ready)`, after
 *   `assert(this.ready);` (an `asserts condition` function) or `if (!this.ready) return;` earlier
 *   in an enclosing block. The flag is a private field declared `= false` and set only to `true`,
 *   only by the initializer, at the top level of its body, after every store the initializer makes
 *   (also through its calls): once the flag is true, the initializer has stored, and since nothing
 *   sets it back to false, it stays true.
 * Syntax only, but for `assertsCondition`; asked only where the class-wide check of the
 * initializer found another store of a value into the field.
 */
export function othersRunAfterInitializer(stores: InitializerStores): boolean {
  if (orderedAfterInitializer(stores, undefined)) return true;
  return completionFlagsOf(stores).some((flag) => orderedAfterInitializer(stores, flag));
}

/** A flag the initializer sets when it is done: its name and its first store. */
interface CompletionFlag {
  name: string;
  firstStore: TSESTree.Node;
}

function orderedAfterInitializer(stores: InitializerStores, flag: CompletionFlag | undefined): boolean {
  const { classNode, initializer, assertsCondition } = stores;
  /** Where the initializer itself stores into the field or calls a method that does. */
  const initializerSites: TSESTree.Node[] = stores.own.map((store) => store.assignment);
  /** Where a store runs after the flag was seen true (the closure below fills this). */
  const afterFlagSites: TSESTree.Node[] = [];
  const onTheWay = new Set<FunctionNode>();
  /** Whether the code at `site`, in `fn`'s own body, runs only as part of the initializer or after its flag. */
  const runsInOrder = (site: TSESTree.Node, fn: FunctionNode | undefined, depth: number, synchronous: boolean): boolean => {
    if (!fn) return false;
    if (fn === initializer) {
      if (!synchronous) return false;
      initializerSites.push(site);
      return true;
    }
    // `this` must be an instance of the class, the one whose flag the guard reads.
    const member = thisMemberOf(site);
    if (member?.type !== AST_NODE_TYPES.MethodDefinition || member.static || member.parent.parent !== classNode) return false;
    if (flag && isAfterFlag(site, fn, flag.name, assertsCondition)) {
      afterFlagSites.push(site);
      return true;
    }
    const method = privateMethodOf(fn);
    if (!method || method.classNode !== classNode || depth >= maxMethodDepth || onTheWay.has(fn)) return false;
    const uses = privateMethodUsesOf(classNode).get(method.name);
    // A private method that its class never calls, nor takes as a value, never runs.
    if (!uses || uses.escapes) return false;
    onTheWay.add(fn);
    const inOrder = uses.calls.every((call) => runsInOrder(call, enclosingFunction(call), depth + 1, synchronous && !fn.async));
    onTheWay.delete(fn);
    return inOrder;
  };
  const othersInOrder = stores.others.every(
    (store) => storesIntoThis(store.assignment) && runsInOrder(store.assignment, store.inFunction, 0, true),
  );
  if (!othersInOrder) return false;
  if (!flag || afterFlagSites.length === 0) return true;
  // Statements of the initializer's body run in order: a site before the flag's first store has run when it is set.
  const flagSetAt = flag.firstStore.range[0];
  return initializerSites.every((site) => site.range[1] <= flagSetAt);
}

/** `this.f = v` (through type wrappers): a store whose receiver is the instance the guards read. */
function storesIntoThis(store: TSESTree.Node): boolean {
  if (store.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  const target = skipTypeWrappers(store.left);
  return target.type === AST_NODE_TYPES.MemberExpression && skipTypeWrappers(target.object).type === AST_NODE_TYPES.ThisExpression;
}

/**
 * The flags the initializer sets when it is done: `this.ready = true;` as a statement of its
 * body's top level, into a private field of the class declared `= false`, which nothing else
 * in the class stores into.
 */
function completionFlagsOf({ classNode, initializer, storesOf }: InitializerStores): CompletionFlag[] {
  if (initializer.body.type !== AST_NODE_TYPES.BlockStatement) return [];
  const setsTrue = new Map<string, TSESTree.Node[]>();
  for (const statement of initializer.body.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const store = statement.expression;
    if (store.type !== AST_NODE_TYPES.AssignmentExpression || store.operator !== '=' || !isTrueLiteral(store.right)) continue;
    const name = thisMemberName(store.left);
    if (name === undefined) continue;
    const list = setsTrue.get(name);
    if (list) list.push(store);
    else setsTrue.set(name, [store]);
  }
  const flags: CompletionFlag[] = [];
  for (const [name, own] of setsTrue) {
    const [firstStore] = own;
    if (!firstStore || !declaresFalseFlag(classNode, name)) continue;
    if (storesOf(name).every((store) => own.includes(store.assignment))) flags.push({ name, firstStore });
  }
  return flags;
}

function isTrueLiteral(node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  return value.type === AST_NODE_TYPES.Literal && value.value === true;
}

/** `private ready = false` / `#ready = false`: an instance field only the class can store into, false at first. */
function declaresFalseFlag(classNode: ClassNode, name: string): boolean {
  return classNode.body.body.some(
    (member) =>
      member.type === AST_NODE_TYPES.PropertyDefinition &&
      !member.static &&
      !member.declare &&
      declaredKeyName(member) === name &&
      (member.key.type === AST_NODE_TYPES.PrivateIdentifier || member.accessibility === 'private') &&
      member.value !== null &&
      skipTypeWrappers(member.value).type === AST_NODE_TYPES.Literal &&
      (skipTypeWrappers(member.value) as TSESTree.Literal).value === false,
  );
}

/**
 * What a test says of the flag: `true` when the test's truth means the flag is true (`this.ready`,
 * `!!this.ready`, `this.ready === true`, `this.ready && more`), `false` when its falsity does
 * (`!this.ready`, `!this.ready || more`), undefined when neither.
 */
function flagTrueWhen(test: TSESTree.Node, flag: string): boolean | undefined {
  const expression = skipTypeWrappers(test);
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === '!') {
    const inner = flagTrueWhen(expression.argument, flag);
    return inner === undefined ? undefined : !inner;
  }
  // `this.ready && more` is true only where both are; `!this.ready || more` is false only where both are.
  if (expression.type === AST_NODE_TYPES.LogicalExpression && expression.operator !== '??') {
    const outcome = expression.operator === '&&';
    const either = [flagTrueWhen(expression.left, flag), flagTrueWhen(expression.right, flag)];
    return either.includes(outcome) ? outcome : undefined;
  }
  if (expression.type === AST_NODE_TYPES.BinaryExpression && (expression.operator === '===' || expression.operator === '!==')) {
    const [flagSide, other] = isTrueLiteral(expression.right) ? [expression.left, expression.right] : [expression.right, expression.left];
    if (!isTrueLiteral(other) || thisMemberName(flagSide) !== flag) return undefined;
    return expression.operator === '===';
  }
  return thisMemberName(expression) === flag ? true : undefined;
}

/**
 * Whether `site`, in `fn`'s own body, runs only where `this.<flag>` has been seen true: inside the
 * branch of a test of the flag, or after a statement that asserts it or returns/throws when it is
 * false, earlier in an enclosing block. Only tests in `fn` itself count: `this` is the same there.
 */
function isAfterFlag(site: TSESTree.Node, fn: FunctionNode, flag: string, assertsCondition: AssertsCondition): boolean {
  for (let child: TSESTree.Node = site, parent = site.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression: {
        const when = parent.test === child ? undefined : flagTrueWhen(parent.test, flag);
        if (when === true && parent.consequent === child) return true;
        if (when === false && parent.alternate === child) return true;
        break;
      }
      case AST_NODE_TYPES.LogicalExpression: {
        const when = parent.right === child ? flagTrueWhen(parent.left, flag) : undefined;
        if ((when === true && parent.operator === '&&') || (when === false && parent.operator === '||')) return true;
        break;
      }
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.SwitchCase: {
        const statements = parent.type === AST_NODE_TYPES.BlockStatement ? parent.body : parent.consequent;
        const at = statements.indexOf(child as TSESTree.Statement);
        if (statements.slice(0, Math.max(at, 0)).some((statement) => establishesFlag(statement, flag, assertsCondition))) return true;
        break;
      }
      default:
        break;
    }
  }
  return false;
}

/** `assert(this.ready);` with an `asserts condition` function, or `if (!this.ready) return;` (or `throw`). */
function establishesFlag(statement: TSESTree.Statement, flag: string, assertsCondition: AssertsCondition): boolean {
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const call = statement.expression;
    const [first] = call.type === AST_NODE_TYPES.CallExpression ? call.arguments : [];
    return (
      call.type === AST_NODE_TYPES.CallExpression &&
      !call.optional &&
      first !== undefined &&
      flagTrueWhen(first, flag) === true &&
      assertsCondition(call)
    );
  }
  return (
    statement.type === AST_NODE_TYPES.IfStatement &&
    statement.alternate === null &&
    flagTrueWhen(statement.test, flag) === false &&
    alwaysLeaves(statement.consequent)
  );
}

/** `return …;`, `throw …;`, or a block of plain statements that ends with one. */
function alwaysLeaves(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body.at(-1);
  return (
    last !== undefined &&
    (last.type === AST_NODE_TYPES.ReturnStatement || last.type === AST_NODE_TYPES.ThrowStatement) &&
    statement.body
      .slice(0, -1)
      .every((inner) => inner.type === AST_NODE_TYPES.ExpressionStatement || inner.type === AST_NODE_TYPES.VariableDeclaration)
  );
}
