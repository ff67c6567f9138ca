import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/** Where the reported assignment sits, which decides the shape of the rewrite. */
export type Host =
  /** `X.f = v;` on its own: the value is not used. */
  | { kind: 'statement'; statement: TSESTree.ExpressionStatement }
  /** The value is used inside a statement (`return X.f = v;`, `a = X.f = v;`); `replaced` is the assignment with its parentheses. */
  | { kind: 'embedded'; statement: TSESTree.Statement; replaced: TSESTree.Range }
  /** An arrow function's expression body holds the assignment. */
  | {
      kind: 'arrowBody';
      arrow: TSESTree.ArrowFunctionExpression;
      /** The body as written, with its parentheses. */
      outer: TSESTree.Range;
      /** The assignment inside the body, with the parentheses inside the body. */
      replaced: TSESTree.Range;
      /** The body is the assignment itself. */
      whole: boolean;
    };

// Program has no parent, which the node types do not say for a node of unknown type.
const parentOf = (node: TSESTree.Node): TSESTree.Node | undefined =>
  node.type === AST_NODE_TYPES.Program ? undefined : node.parent;

/** `node`'s range widened over the parentheses around it (only those inside `within`). */
export function parenthesizedRange(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  within: TSESTree.Range = [0, sourceCode.text.length],
): TSESTree.Range {
  let range = node.range;
  for (let depth = 1; ASTUtils.isParenthesized(depth, node, sourceCode); depth += 1) {
    const before = sourceCode.getTokenBefore({ range } as TSESTree.Node);
    const after = sourceCode.getTokenAfter({ range } as TSESTree.Node);
    if (!before || !after || before.range[0] < within[0] || after.range[1] > within[1]) break;
    range = [before.range[0], after.range[1]];
  }
  return range;
}

/**
 * The statement (or arrow body) that the rewrite replaces. Walks up only through places that are
 * always evaluated, in order, so that hoisting the assignment before its statement keeps its
 * effect; anything conditional (`a && (X.f = v)`, a loop header) has no host.
 */
export function findHost(
  assignment: TSESTree.AssignmentExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Host | undefined {
  if (assignment.parent.type === AST_NODE_TYPES.ExpressionStatement) {
    return { kind: 'statement', statement: assignment.parent };
  }
  const embedded = (statement: TSESTree.Statement): Host => ({
    kind: 'embedded',
    statement,
    replaced: parenthesizedRange(assignment, sourceCode),
  });
  let node: TSESTree.Node = assignment;
  for (let parent = parentOf(node); parent; node = parent, parent = parentOf(parent)) {
    switch (parent.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression: {
        if (parent.body !== node) return undefined;
        const body = parent.body;
        return {
          kind: 'arrowBody',
          arrow: parent,
          outer: parenthesizedRange(body, sourceCode),
          replaced: parenthesizedRange(assignment, sourceCode, body.range),
          whole: body === assignment,
        };
      }
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ThrowStatement:
        return embedded(parent);
      case AST_NODE_TYPES.VariableDeclarator: {
        const declaration = parent.parent;
        if (parent.init !== node) return undefined;
        const placement = declaration.parent.type;
        if (
          placement === AST_NODE_TYPES.ForStatement ||
          placement === AST_NODE_TYPES.ForInStatement ||
          placement === AST_NODE_TYPES.ForOfStatement ||
          placement === AST_NODE_TYPES.ExportNamedDeclaration
        ) {
          return undefined;
        }
        return embedded(declaration);
      }
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right !== node || parent.operator !== '=') return undefined;
        break;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return undefined;
        break;
      case AST_NODE_TYPES.Property:
        if (parent.value !== node || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
        break;
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.BinaryExpression:
        break;
      default:
        // Conditional evaluation (&&, ?:, ?.), loop headers, class members, exports: no safe host.
        return undefined;
    }
  }
  return undefined;
}

export interface Placement {
  /** The statement list holding the statement, when new statements can go beside it. */
  list?: readonly TSESTree.Node[];
  /** The node owning that list (a block, the program, a module block). */
  container: TSESTree.Node;
  /** In a `case` clause, whose declarations the whole switch shares: the rewrite gets a block. */
  inCase: boolean;
}

export function statementPlacement(statement: TSESTree.Node): Placement {
  const parent = statement.parent;
  if (!parent) return { container: statement, inCase: false };
  switch (parent.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.TSModuleBlock:
      return { list: parent.body, container: parent, inCase: false };
    case AST_NODE_TYPES.SwitchCase:
      return { container: parent, inCase: true };
    default:
      return { container: parent, inCase: false };
  }
}
