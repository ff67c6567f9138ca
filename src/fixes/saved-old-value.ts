// Whether the old value stays reachable after the store through a local that saved it, so that
// the release the fix would add right after the store could come before a use of it.
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { outermostTypeWrapper, skipTypeWrappers, staticMemberName, storedMemberOf } from '../analysis/field-target.js';
import type { Finding } from '../analysis/finding.js';
import { firstAtOrAfter } from '../analysis/sorted-positions.js';
import { declaredKeyName, isFunctionNode, isLoop } from '../analysis/syntax-walk.js';

/**
 * Whether a local of the store's function that saved the old value before the store
 * (`const old = this.f`, `old = this.f ?? null`, or through a getter of this class that returns the
 * field) may be used after it: a use that comes later in the text, any use in a loop around the
 * store when the local is declared outside that loop (the next turn uses it after this store), or a
 * use inside a closure (it may run once the store is done: `setTimeout(() => old.release())`). A
 * use operates on the value (see `operatesOn`); printing, comparing or asserting it does not. A
 * `using` local is disposed at the end of its block, after the release the fix would add.
 */
export function oldValueReadThroughLocal(sourceCode: Readonly<TSESLint.SourceCode>, assignment: Finding['assignment']): boolean {
  const name = staticMemberName(storedMemberOf(assignment));
  if (name === undefined) return false;
  const loop = enclosingLoop(assignment);
  const getters = gettersReturningField(assignment, name);
  // Read from a field of that name on any object (`this.f`, `self.f`, `const { f } = this`): the
  // fix cannot tell which object it was, so it assumes the stored one.
  const savesOld = (reference: TSESLint.Scope.Reference): boolean => {
    if (!reference.isWrite() || reference.identifier.range[1] > assignment.range[0]) return false;
    let value = reference.writeExpr && skipTypeWrappers(reference.writeExpr as TSESTree.Expression);
    // `this.f ?? null` is the old value whenever there is one.
    if (value?.type === AST_NODE_TYPES.LogicalExpression && value.operator === '??') value = skipTypeWrappers(value.left);
    if (value?.type === AST_NODE_TYPES.MemberExpression) {
      const read = staticMemberName(value);
      return read === name || (value.object.type === AST_NODE_TYPES.ThisExpression && read !== undefined && getters.has(read));
    }
    return destructuresField(reference.identifier, name);
  };
  const readAfter = (variable: TSESLint.Scope.Variable) => (reference: TSESLint.Scope.Reference): boolean => {
    if (!reference.isRead() || reference.identifier.type !== AST_NODE_TYPES.Identifier) return false;
    // A closure may run after the store, and one that passes the value on may hand it off there
    // (`setTimeout(() => pool.recycle(old))`): the fix cannot tell that from a print.
    const inClosure = reference.from.variableScope !== variable.scope.variableScope;
    if (inClosure) return operatesOn(reference.identifier) || passedOn(reference.identifier);
    if (!operatesOn(reference.identifier)) return false;
    const at = reference.identifier.range[0];
    if (at >= assignment.range[1]) return true;
    const declaredOutsideLoop = loop !== undefined && variable.defs.every((def) => !within(def.name.range, loop.range));
    return declaredOutsideLoop && within(reference.identifier.range, loop.range);
  };
  // Only the locals that the file writes from a read of this name (or of a getter's), or binds by
  // destructuring it, and of those only the ones saved before the store that may be read after it
  // (see savedLocalIndexOf): a long function's other locals are never looked at.
  const { ScopeType } = TSESLint.Scope;
  const outermost = new Set<string>([ScopeType.function, ScopeType.global, ScopeType.module]);
  const around = new Set<TSESLint.Scope.Scope>();
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(assignment); scope; scope = outermost.has(scope.type) ? null : scope.upper) {
    around.add(scope);
  }
  const index = savedLocalIndexOf(sourceCode);
  const readFrom = loop ? Math.min(loop.range[0], assignment.range[1]) : assignment.range[1];
  const lists = [index.byMember.get(name), index.byKey.get(name), ...[...getters].map((getter) => index.byMember.get(getter))];
  return lists.some((saved) =>
    saved !== undefined &&
    someSavedBefore(saved, assignment.range[0], readFrom, (variable) =>
      around.has(variable.scope) &&
      variable.references.some(savesOld) &&
      (disposedAtBlockEnd(variable) || variable.references.some(readAfter(variable))),
    ),
  );
}

/**
 * The locals that a write gives a value, in the order of their first such write, with what decides
 * whether one can still be read after a later store: where its last read starts, and whether it is
 * read in a closure or disposed at its block's end (then it may be read after any store).
 */
interface SavedLocals {
  variables: TSESLint.Scope.Variable[];
  savedAt: number[];
  /** The latest start of a read among this entry and all before it. */
  lastReadUpTo: number[];
  /** Whether this entry or one before it is read in a closure or is a `using`. */
  anywhereUpTo: boolean[];
}

/**
 * Whether `test` holds for a local saved before `before` that may be read from `readFrom` on:
 * the entries are walked from the latest save back, and the walk stops where no earlier entry is
 * read that late (or in a closure), so that a function of thousands of saves costs a few steps.
 */
function someSavedBefore(saved: SavedLocals, before: number, readFrom: number, test: (variable: TSESLint.Scope.Variable) => boolean): boolean {
  for (let at = firstAtOrAfter(saved.savedAt, before) - 1; at >= 0; at--) {
    if ((saved.lastReadUpTo[at] ?? -1) < readFrom && saved.anywhereUpTo[at] !== true) return false;
    const variable = saved.variables[at];
    if (variable && test(variable)) return true;
  }
  return false;
}

/**
 * Per file: the variables that a write gives a member's value (`const old = x.f`, `old = x.f ?? null`),
 * by the member's name, and those bound by destructuring a key (`const { f } = x`), by the key.
 * Built from the scope manager once, on the first finding whose fix is asked for.
 */
interface SavedLocalIndex {
  byMember: Map<string, SavedLocals>;
  byKey: Map<string, SavedLocals>;
}

const savedLocalIndexes = new WeakMap<TSESTree.Program, SavedLocalIndex>();

function savedLocalIndexOf(sourceCode: Readonly<TSESLint.SourceCode>): SavedLocalIndex {
  const known = savedLocalIndexes.get(sourceCode.ast);
  if (known) return known;
  const byMember = new Map<string, Map<TSESLint.Scope.Variable, number>>();
  const byKey = new Map<string, Map<TSESLint.Scope.Variable, number>>();
  const add = (map: Map<string, Map<TSESLint.Scope.Variable, number>>, name: string, variable: TSESLint.Scope.Variable, at: number): void => {
    let variables = map.get(name);
    if (!variables) {
      variables = new Map();
      map.set(name, variables);
    }
    variables.set(variable, Math.min(variables.get(variable) ?? Infinity, at));
  };
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) {
      for (const reference of variable.references) {
        if (!reference.isWrite()) continue;
        let value = reference.writeExpr && skipTypeWrappers(reference.writeExpr as TSESTree.Expression);
        if (value?.type === AST_NODE_TYPES.LogicalExpression && value.operator === '??') value = skipTypeWrappers(value.left);
        const read = value?.type === AST_NODE_TYPES.MemberExpression ? staticMemberName(value) : undefined;
        if (read !== undefined) add(byMember, read, variable, reference.identifier.range[0]);
        const key = destructuredKeyOf(reference.identifier);
        if (key !== undefined) add(byKey, key, variable, reference.identifier.range[0]);
      }
    }
  }
  const listed = (map: Map<string, Map<TSESLint.Scope.Variable, number>>): Map<string, SavedLocals> =>
    new Map([...map].map(([name, variables]) => [name, savedLocalsOf(variables)]));
  const index: SavedLocalIndex = { byMember: listed(byMember), byKey: listed(byKey) };
  savedLocalIndexes.set(sourceCode.ast, index);
  return index;
}

function savedLocalsOf(firstSaves: ReadonlyMap<TSESLint.Scope.Variable, number>): SavedLocals {
  const entries = [...firstSaves].sort((left, right) => left[1] - right[1]);
  const saved: SavedLocals = { variables: [], savedAt: [], lastReadUpTo: [], anywhereUpTo: [] };
  let lastRead = -1;
  let anywhere = false;
  for (const [variable, at] of entries) {
    for (const reference of variable.references) {
      if (!reference.isRead()) continue;
      lastRead = Math.max(lastRead, reference.identifier.range[0]);
      if (reference.from.variableScope !== variable.scope.variableScope) anywhere = true;
    }
    if (disposedAtBlockEnd(variable)) anywhere = true;
    saved.variables.push(variable);
    saved.savedAt.push(at);
    saved.lastReadUpTo.push(lastRead);
    saved.anywhereUpTo.push(anywhere);
  }
  return saved;
}

/** The names of the getters of the store's class whose body returns `this.<name>` (`get buf() { return this._buf }`). */
function gettersReturningField(assignment: TSESTree.Node, name: string): ReadonlySet<string> {
  let classBody: TSESTree.Node | undefined = assignment.parent;
  while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
  const names = new Set<string>();
  if (classBody?.type !== AST_NODE_TYPES.ClassBody) return names;
  for (const member of classBody.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'get' || member.computed || member.static) continue;
    const getterName = declaredKeyName(member);
    const returnsField = member.value.body?.body.some((statement) => {
      if (statement.type !== AST_NODE_TYPES.ReturnStatement || !statement.argument) return false;
      const returned = skipTypeWrappers(statement.argument);
      return returned.type === AST_NODE_TYPES.MemberExpression && returned.object.type === AST_NODE_TYPES.ThisExpression && staticMemberName(returned) === name;
    });
    if (getterName !== undefined && returnsField === true) names.add(getterName);
  }
  return names;
}

/** Whether a read is an argument of a call or `new`. */
function passedOn(read: TSESTree.Identifier): boolean {
  const value = outermostTypeWrapper(read);
  const parent = value.parent;
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(value as TSESTree.CallExpressionArgument)
  );
}

/** Whether `identifier` is bound by `{ name }` or `{ name: identifier }` (with or without a default) in an object pattern. */
function destructuresField(identifier: TSESTree.Node, name: string): boolean {
  return destructuredKeyOf(identifier) === name;
}

/** The key that binds `identifier` in an object pattern (`{ key }`, `{ key: identifier = d }`), if any. */
function destructuredKeyOf(identifier: TSESTree.Node): string | undefined {
  const inPattern = identifier.parent?.type === AST_NODE_TYPES.AssignmentPattern ? identifier.parent : identifier;
  const property = inPattern.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== inPattern) return undefined;
  return property.parent.type === AST_NODE_TYPES.ObjectPattern ? declaredKeyName(property) : undefined;
}

/**
 * Whether a read operates on the value itself, which a released resource may refuse: a member of
 * it (`old.refCnt()`, `old?.size`), a call or `new` of it, iterating or awaiting it, a tag; or
 * copies it into another place that may (`const again = old`). Passing it on, comparing it,
 * testing it or turning it into text does not (a hand-off after the store would have settled the
 * finding before any fix).
 */
function operatesOn(read: TSESTree.Identifier): boolean {
  const value = outermostTypeWrapper(read);
  const parent = value.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === value;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === value;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === value;
    case AST_NODE_TYPES.ForOfStatement:
      return parent.right === value;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === value;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === value;
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.AwaitExpression:
      return true;
    case AST_NODE_TYPES.YieldExpression:
      return parent.delegate;
    default:
      return false;
  }
}

/** A `using` (or `await using`) local: disposed at the end of its block. */
function disposedAtBlockEnd(variable: TSESLint.Scope.Variable): boolean {
  return variable.defs.some(
    (def) => def.parent?.type === AST_NODE_TYPES.VariableDeclaration && (def.parent.kind === 'using' || def.parent.kind === 'await using'),
  );
}

const within = (inner: TSESTree.Range, outer: TSESTree.Range): boolean => inner[0] >= outer[0] && inner[1] <= outer[1];

/** The innermost loop of the store's function around it. */
function enclosingLoop(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current && !isFunctionNode(current); current = current.parent) {
    if (isLoop(current)) return current;
  }
  return undefined;
}
