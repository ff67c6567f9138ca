import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isEmptyValue, notCode } from './field-target.js';

export type FunctionNode = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The statements of a statement list (a block, a program, a static block, a `case`), if `node` is one. */
export function statementListOf(node: TSESTree.Node): readonly TSESTree.Statement[] | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.StaticBlock:
      return node.body;
    case AST_NODE_TYPES.SwitchCase:
      return node.consequent;
    default:
      return undefined;
  }
}

/** The nearest function around `node`, if any. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let outer = node.parent; outer; outer = outer.parent) {
    if (isFunctionNode(outer)) return outer;
  }
  return undefined;
}

export function isLoop(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return true;
    default:
      return false;
  }
}

/**
 * The child nodes of a node that hold code, found by shape (ESTree nodes are plain objects with a
 * `type`), for the class-wide scans that run outside ESLint's traversal. A `for…in` over the node
 * allocates nothing per key, which matters on large classes. `into`, when given, gets the children
 * appended, and is returned.
 */
export function childNodesOf(node: TSESTree.Node, into: TSESTree.Node[] = []): TSESTree.Node[] {
  // Appended one by one: a block of tens of thousands of statements is too long a list to spread
  // into push() (a RangeError, past the engine's argument limit).
  const children = into;
  const fields = node as unknown as Record<string, unknown>;
  for (const key in fields) {
    if (notCode.has(key)) continue;
    const value = fields[key];
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const element of value as unknown[]) if (isNode(element)) children.push(element);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * The places a destructuring target writes to (`[a, this.b] = …`, `({ x: c = 1, ...rest } = …)`):
 * its identifiers and member expressions, through array and object patterns, defaults and rests.
 * A plain target is its own only place.
 */
export function patternTargetsOf(target: TSESTree.Node): TSESTree.Node[] {
  switch (target.type) {
    case AST_NODE_TYPES.ArrayPattern:
      return target.elements.flatMap((element) => (element ? patternTargetsOf(element) : []));
    case AST_NODE_TYPES.ObjectPattern:
      return target.properties.flatMap((property) =>
        patternTargetsOf(property.type === AST_NODE_TYPES.Property ? property.value : property),
      );
    case AST_NODE_TYPES.AssignmentPattern:
      return patternTargetsOf(target.left);
    case AST_NODE_TYPES.RestElement:
      return patternTargetsOf(target.argument);
    default:
      return [target];
  }
}

/**
 * The name a class member or object property declares: `#name`, an identifier, or a string
 * literal key (also computed: `['name']`); undefined for any other computed key.
 */
export function declaredKeyName(
  member: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition,
): string | undefined {
  const key = member.key;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (!member.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : undefined;
}

/**
 * What a node stores into, and whether the stored value empties it: `x = v` (empties when `v` is
 * `null`, `undefined` or `void …`), `x op= v`, `x++`, `delete x` (empties), `for (x of …)`,
 * `for (x in …)`. The target may be a pattern; undefined for a node that stores nothing.
 */
export function storeOf(node: TSESTree.Node): { target: TSESTree.Node; empties: boolean } | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return { target: node.left, empties: node.operator === '=' && isEmptyValue(node.right) };
    case AST_NODE_TYPES.UpdateExpression:
      return { target: node.argument, empties: false };
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === 'delete' ? { target: node.argument, empties: true } : undefined;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return { target: node.left, empties: false };
    default:
      return undefined;
  }
}
