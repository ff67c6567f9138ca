import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { fieldRefOf, outermostTypeWrapper, skipTypeWrappers, staticMemberName } from './field-target.js';

/** The names that release a value: methods called on it, functions it is passed to. */
export interface ReleaseNames {
  methods: ReadonlySet<string>;
  functions: ReadonlySet<string>;
}

/** What happens to a value at one read of it. */
export type ValueUse =
  /** `v.release()`, `v?.[Symbol.dispose]()`, `ReferenceCountUtil.release(v)` */
  | { kind: 'release'; call: TSESTree.CallExpression }
  /** passed as an argument, returned, yielded, stored in another place or a literal */
  | { kind: 'handoff' }
  /** `const old = v` / `old = v`: kept in a local variable */
  | { kind: 'save'; local: TSESTree.Identifier }
  | { kind: 'none' };

const noUse: ValueUse = { kind: 'none' };
const handoff: ValueUse = { kind: 'handoff' };

/** The dotted name of a callee made of identifiers (`clearTimeout`, `ReferenceCountUtil.release`). */
export function calleeName(callee: TSESTree.Node): string | undefined {
  const expression = skipTypeWrappers(callee);
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name;
  if (expression.type === AST_NODE_TYPES.MemberExpression && !expression.computed) {
    const inner = calleeName(expression.object);
    const name = staticMemberName(expression);
    return inner === undefined || name === undefined ? undefined : `${inner}.${name}`;
  }
  return undefined;
}

/** `Symbol.dispose` / `Symbol.asyncDispose` as a computed key. */
function isDisposeSymbol(member: TSESTree.MemberExpression): boolean {
  if (!member.computed) return false;
  const name = calleeName(member.property);
  return name === 'Symbol.dispose' || name === 'Symbol.asyncDispose';
}

/** A no-argument call of a release method on `member.object`: `v.release()`, `v?.[Symbol.dispose]()`. */
function releaseMethodCall(
  member: TSESTree.MemberExpression,
  names: ReleaseNames,
): TSESTree.CallExpression | undefined {
  const call = outermostTypeWrapper(member).parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || skipTypeWrappers(call.callee) !== member) {
    return undefined;
  }
  if (call.arguments.length !== 0) return undefined;
  if (isDisposeSymbol(member)) return call;
  const name = member.computed ? undefined : staticMemberName(member);
  return name !== undefined && names.methods.has(name) ? call : undefined;
}

/** `v.context.close()`: how a `tls.SecureContext`'s native context is freed. */
function nativeContextClose(member: TSESTree.MemberExpression): TSESTree.CallExpression | undefined {
  if (member.computed || staticMemberName(member) !== 'context') return undefined;
  const close = outermostTypeWrapper(member).parent;
  if (close?.type !== AST_NODE_TYPES.MemberExpression || close.object !== outermostTypeWrapper(member)) return undefined;
  if (close.computed || staticMemberName(close) !== 'close') return undefined;
  const call = outermostTypeWrapper(close).parent;
  return call?.type === AST_NODE_TYPES.CallExpression && skipTypeWrappers(call.callee) === close ? call : undefined;
}

/**
 * How the value read at `read` (a field's member expression or a local's identifier) is used by
 * its parent. The right side of an assignment runs before the store, so a use there counts too.
 */
export function valueUseOf(read: TSESTree.Node, names: ReleaseNames): ValueUse {
  const value = outermostTypeWrapper(read);
  const parent = value.parent;
  if (!parent) return noUse;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== value) return noUse;
      const call = releaseMethodCall(parent, names) ?? nativeContextClose(parent);
      return call ? { kind: 'release', call } : noUse;
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (!parent.arguments.includes(value as TSESTree.CallExpressionArgument)) return noUse;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === value) {
        const name = calleeName(parent.callee);
        if (name !== undefined && names.functions.has(name)) return { kind: 'release', call: parent };
      }
      return handoff;
    }
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.TemplateLiteral:
      return handoff;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === value ? handoff : noUse;
    case AST_NODE_TYPES.Property:
      return parent.value === value && parent.parent.type === AST_NODE_TYPES.ObjectExpression
        ? handoff
        : noUse;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier
        ? { kind: 'save', local: parent.id }
        : noUse;
    case AST_NODE_TYPES.AssignmentExpression: {
      if (parent.right !== value || parent.operator !== '=') return noUse;
      // `(other.f as T) = this.f` stores into `other.f` like `other.f = this.f`.
      const left = skipTypeWrappers(parent.left);
      if (left.type === AST_NODE_TYPES.Identifier) return { kind: 'save', local: left };
      if (left.type === AST_NODE_TYPES.MemberExpression) {
        const from = read.type === AST_NODE_TYPES.MemberExpression ? fieldRefOf(read) : undefined;
        // `this.f = this.f` keeps the value where it is.
        return from !== undefined && fieldRefOf(left)?.key === from.key ? noUse : handoff;
      }
      return noUse;
    }
    default:
      return noUse;
  }
}

/**
 * When `test` decides whether `field` is empty: `this.f` and `!!this.f` say "empty when false";
 * `!this.f`, `this.f == null`, `this.f === undefined` say "empty when true".
 */
export function emptinessTest(
  test: TSESTree.Node,
): { field: TSESTree.MemberExpression; emptyWhen: boolean } | undefined {
  const expression = skipTypeWrappers(test);
  switch (expression.type) {
    case AST_NODE_TYPES.MemberExpression:
      return { field: expression, emptyWhen: false };
    case AST_NODE_TYPES.ChainExpression:
      return expression.expression.type === AST_NODE_TYPES.MemberExpression
        ? { field: expression.expression, emptyWhen: false }
        : undefined;
    case AST_NODE_TYPES.UnaryExpression: {
      if (expression.operator !== '!') return undefined;
      const inner = emptinessTest(expression.argument);
      return inner && { field: inner.field, emptyWhen: !inner.emptyWhen };
    }
    case AST_NODE_TYPES.BinaryExpression: {
      const equality = expression.operator === '==' || expression.operator === '===';
      if (!equality && expression.operator !== '!=' && expression.operator !== '!==') return undefined;
      const [fieldSide, emptySide] = isNullishLiteral(expression.right)
        ? [expression.left, expression.right]
        : [expression.right, expression.left];
      const field = skipTypeWrappers(fieldSide);
      if (!isNullishLiteral(emptySide) || field.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      return { field, emptyWhen: equality };
    }
    default:
      return undefined;
  }
}

function isNullishLiteral(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null && !('regex' in node)) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}
