import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { skipTypeWrappers } from '../analysis/field-target.js';
import { isFunctionNode } from '../analysis/syntax-walk.js';


/** Children of `node` in source order, through ESLint's visitor keys. */
function childNodes(node: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item === 'object' && item !== null && 'type' in item) children.push(item as TSESTree.Node);
    }
  }
  return children;
}

/** Whether `node` itself, not a function nested in it, contains a node the predicate accepts. */
function containsInOwnBody(
  node: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
  accept: (node: TSESTree.Node) => boolean,
): boolean {
  const pending = [node];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (accept(next)) return true;
    for (const child of childNodes(next, visitorKeys)) {
      // Code in a nested function or class body does not run while the right-hand side is evaluated.
      if (!isFunctionNode(child) && child.type !== AST_NODE_TYPES.ClassBody) pending.push(child);
    }
  }
  return false;
}

/** An `await` or `yield` that suspends the function while the right-hand side is evaluated. */
export const suspends = (node: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean =>
  containsInOwnBody(
    node,
    visitorKeys,
    (inner) =>
      inner.type === AST_NODE_TYPES.AwaitExpression || inner.type === AST_NODE_TYPES.YieldExpression,
  );

export const containsYield = (node: TSESTree.Node, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean =>
  containsInOwnBody(node, visitorKeys, (inner) => inner.type === AST_NODE_TYPES.YieldExpression);

/** A `new` expression can never be the object the field already holds. */
export const isFreshlyConstructed = (node: TSESTree.Expression): boolean =>
  skipTypeWrappers(node).type === AST_NODE_TYPES.NewExpression;

/**
 * Whether evaluating the object of `object.f` again could do something: a call, an assignment, a
 * computed key that is not a literal. The fix reads `object.f` three times.
 */
export function hasSideEffects(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.Super:
      return false;
    case AST_NODE_TYPES.MemberExpression:
      return (
        (node.computed && node.property.type !== AST_NODE_TYPES.Literal) || hasSideEffects(node.object)
      );
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return hasSideEffects(node.expression);
    default:
      return true;
  }
}

/** A member access as text, without white space and with `?.` read as `.`: two spellings of one access compare equal. */
function spelledAccess(text: string): string {
  return text.replace(/\s+/gu, '').replace(/\?\./gu, '.');
}

/** The ranges of member expressions inside `node` that spell the same field access as `target`. */
export function sameAccessRanges(
  node: TSESTree.Node,
  target: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESTree.Range[] {
  const wanted = spelledAccess(target);
  const ranges: TSESTree.Range[] = [];
  const pending: TSESTree.Node[] = [node];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.type === AST_NODE_TYPES.MemberExpression && spelledAccess(sourceCode.getText(next)) === wanted) {
      ranges.push(next.range);
      continue;
    }
    for (const child of childNodes(next, sourceCode.visitorKeys)) pending.push(child);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * Whether the right-hand side builds the new value from the old one: it reads `target` (the field
 * as the store spells it) as a call's receiver, a property's object, a spread, an element of a
 * literal, an awaited value… (`this.body = this.body.pipe(out)`, `this.conn = new Conn(this.conn.socket)`,
 * `this.buf = this.buf.slice(1)`). The new value may still use the old one, so releasing the old
 * one after the store could break it. Not counted: the old value as the whole new value (`c ?
 * this.f : make()`, which the fix's `!==` guard handles), as a plain argument (a hand-off the
 * analysis has judged), only tested, compared or turned into text, or read in a nested function,
 * which runs after the store and reads the new value.
 */
export function buildsNewFromOld(
  right: TSESTree.Expression,
  target: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const wanted = spelledAccess(target);
  return containsInOwnBody(
    right,
    sourceCode.visitorKeys,
    (node) =>
      node.type === AST_NODE_TYPES.MemberExpression &&
      spelledAccess(sourceCode.getText(node)) === wanted &&
      !readOnlyAsValueOrArgument(node, right),
  );
}

/**
 * Whether the read at `node`, inside `right`, leaves nothing of the old value in the new one: it is
 * the whole new value, a plain argument, or it (or what a call or property read makes of it) is
 * only tested, compared or turned into text (`this.f.refCnt() > 1 ? a : b`).
 */
function readOnlyAsValueOrArgument(node: TSESTree.Node, right: TSESTree.Expression): boolean {
  // Once a property or a call result of the old value stands for it, it is no longer the old value.
  let derived = false;
  for (let child = node, parent = node.parent; child !== right && parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.LogicalExpression:
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === child) return true;
        continue;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions[parent.expressions.length - 1] !== child) return true;
        continue;
      case AST_NODE_TYPES.MemberExpression:
        // A computed key is only turned into a property name.
        if (parent.object !== child) return true;
        derived = true;
        continue;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee !== child) return !derived;
        derived = true;
        continue;
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.BinaryExpression:
        return true;
      case AST_NODE_TYPES.TemplateLiteral:
        // Untagged, it only makes text; a tag function receives the value as an argument.
        return parent.parent.type !== AST_NODE_TYPES.TaggedTemplateExpression || !derived;
      case AST_NODE_TYPES.AssignmentExpression:
        // A store into the field inside the right-hand side is no read of it.
        return parent.left === child;
      default:
        return false;
    }
  }
  return !derived;
}
