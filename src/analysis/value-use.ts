import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { fieldRefOf, outermostTypeWrapper, skipTypeWrappers, staticMemberName } from './field-target.js';

/** The names that release a value: methods called on it, functions it is passed to. */
export interface ReleaseNames {
  methods: ReadonlySet<string>;
  functions: ReadonlySet<string>;
}

/** What happens to a value at one read of it. */
export type ValueUse =
  /** `v.release()`, `v.close(1000, 'bye')`, `v?.[Symbol.dispose]()`, `ReferenceCountUtil.release(v)` */
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

/**
 * A call of a release method on `member.object`: `v.release()`, `v?.[Symbol.dispose]()`, and with
 * arguments too (`buf.release(1)`, `ws.close(1000, 'bye')`, `stream.destroy(err)`, `server.close(cb)`):
 * the arguments say how the value is released, not whether. (Whether a *type* is release-able
 * still asks for a method callable with none, which keeps out look-alikes such as `unsubscribe(type, name)`.)
 */
function releaseMethodCall(
  member: TSESTree.MemberExpression,
  names: ReleaseNames,
): TSESTree.CallExpression | undefined {
  const call = outermostTypeWrapper(member).parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || skipTypeWrappers(call.callee) !== member) {
    return undefined;
  }
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
      return handoff;
    case AST_NODE_TYPES.TemplateLiteral:
      // An untagged template only turns the value into text; a tag function receives the value itself.
      return parent.parent.type === AST_NODE_TYPES.TaggedTemplateExpression ? handoff : noUse;
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
 * The outermost object or array literal that holds `value` as a plain entry (`{ f: this.f }`,
 * `[this.f]`, nested), or `value` itself when no literal does. A literal with a function in it
 * is not climbed through: a method or getter of it (`toJSON`, `[inspect.custom]`) sees the
 * literal as `this` and may keep what it holds.
 */
export function literalHolding(value: TSESTree.Node): TSESTree.Node {
  let node = value;
  for (;;) {
    const parent = node.parent;
    if (
      parent?.type === AST_NODE_TYPES.Property &&
      parent.value === node &&
      parent.kind === 'init' &&
      !parent.method &&
      parent.parent.type === AST_NODE_TYPES.ObjectExpression &&
      !holdsFunction(parent.parent)
    ) {
      node = outermostTypeWrapper(parent.parent);
    } else if (parent?.type === AST_NODE_TYPES.ArrayExpression && !holdsFunction(parent)) {
      node = outermostTypeWrapper(parent);
    } else {
      return node;
    }
  }
}

function holdsFunction(literal: TSESTree.ObjectExpression | TSESTree.ArrayExpression): boolean {
  const isFunction = (node: TSESTree.Node | null): boolean => {
    const inner = node && skipTypeWrappers(node);
    return inner?.type === AST_NODE_TYPES.FunctionExpression || inner?.type === AST_NODE_TYPES.ArrowFunctionExpression;
  };
  if (literal.type === AST_NODE_TYPES.ArrayExpression) return literal.elements.some(isFunction);
  return literal.properties.some(
    (property) => property.type === AST_NODE_TYPES.Property && (property.kind !== 'init' || property.method || isFunction(property.value)),
  );
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
      // `this.h?.f == null` is true also where `this.h` is missing, when `this.h.f` holds nothing either.
      const side = skipTypeWrappers(fieldSide);
      const field = side.type === AST_NODE_TYPES.ChainExpression ? side.expression : side;
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

/**
 * Boolean members that are true once the value was released: rxjs `Subscription.closed`, Node's
 * `socket.closed`/`stream.destroyed`, `disposed`/`isDisposed` of disposable objects.
 */
const releasedFlags: ReadonlySet<string> = new Set(['closed', 'isClosed', 'destroyed', 'isDestroyed', 'disposed', 'isDisposed']);
/**
 * Members that name a value's life-cycle state: WebCodecs encoders/decoders and Web Audio's
 * `AudioContext` (`state`), `RTCDataChannel` (`readyState`), `RTCPeerConnection` (`connectionState`).
 */
const stateMembers: ReadonlySet<string> = new Set(['state', 'readyState', 'connectionState']);
/**
 * The states that `close()`, `dispose()` and `destroy()` leave a value in. Not `'closing'` (a release
 * under way may still fail) nor `'released'` (in the APIs we know it is the state of a key or a
 * pointer button, not of a resource; Netty's released state is `refCnt() === 0`).
 */
const releasedStates: ReadonlySet<string> = new Set(['closed', 'disposed', 'destroyed']);

/** A test of a value that, on one of its outcomes, says the value has already been released. */
export interface ReleasedStateTest {
  /** The whole test: `v.state !== 'closed'`, `!v.closed`, `v?.refCnt() === 0`. */
  test: TSESTree.Node;
  /** The outcome of `test` on which the value is known to be released. */
  releasedWhen: boolean;
  /** The optional chain inside the test (`v?.closed`): the test's outcome is known only where it ends. */
  chain: TSESTree.ChainExpression | undefined;
}

/**
 * When the value read at `read` is the one a release-state test looks at: `v.state === 'closed'`
 * (also `'disposed'`/`'destroyed'`, `readyState`, `connectionState`), `v.closed`, `v.destroyed`,
 * `v.disposed`, `v.isDisposed`… (alone or compared with `true`/`false`), Netty's `v.refCnt() === 0` (or `<= 0`, `!== 0`, `> 0`…), and their
 * negations with `!`. Syntax only: the member's name is looked up first, so most reads cost one
 * parent check.
 */
export function releasedStateTest(read: TSESTree.Node): ReleasedStateTest | undefined {
  const value = outermostTypeWrapper(read);
  const probe = value.parent;
  if (probe?.type !== AST_NODE_TYPES.MemberExpression || probe.object !== value || probe.computed) return undefined;
  if (probe.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = probe.property.name;
  let chain: TSESTree.ChainExpression | undefined;
  /** The node that stands for `node`'s value in its parent: past type wrappers and an optional chain's end. */
  const valueOf = (node: TSESTree.Node): TSESTree.Node => {
    const wrapped = outermostTypeWrapper(node);
    if (wrapped.parent?.type !== AST_NODE_TYPES.ChainExpression) return wrapped;
    chain = wrapped.parent;
    return outermostTypeWrapper(chain);
  };
  let test: TSESTree.Node;
  let releasedWhen: boolean;
  if (releasedFlags.has(name)) {
    test = valueOf(probe);
    releasedWhen = true;
    // `v.closed === true`, `v.closed !== false`, `v.closed === false`…
    const flag = test;
    const comparison = flag.parent;
    if (comparison?.type === AST_NODE_TYPES.BinaryExpression) {
      const equality = comparison.operator === '===' || comparison.operator === '==';
      const other = comparison.left === flag ? comparison.right : comparison.left;
      if (!equality && comparison.operator !== '!==' && comparison.operator !== '!=') return undefined;
      if (other.type !== AST_NODE_TYPES.Literal || typeof other.value !== 'boolean') return undefined;
      test = comparison;
      releasedWhen = other.value === equality;
    }
  } else if (stateMembers.has(name)) {
    const state = valueOf(probe);
    const comparison = state.parent;
    if (comparison?.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
    const equality = comparison.operator === '===' || comparison.operator === '==';
    if (!equality && comparison.operator !== '!==' && comparison.operator !== '!=') return undefined;
    const other = comparison.left === state ? comparison.right : comparison.left;
    if (other.type !== AST_NODE_TYPES.Literal || typeof other.value !== 'string' || !releasedStates.has(other.value)) return undefined;
    test = comparison;
    releasedWhen = equality;
  } else if (name === 'refCnt') {
    const callee = outermostTypeWrapper(probe);
    const call = callee.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== callee || call.arguments.length > 0) return undefined;
    const count = valueOf(call);
    const comparison = count.parent;
    if (comparison?.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
    const countOnLeft = comparison.left === count;
    const other = countOnLeft ? comparison.right : comparison.left;
    if (other.type !== AST_NODE_TYPES.Literal || typeof other.value !== 'number') return undefined;
    const when = refCountZeroWhen(comparison.operator, countOnLeft, other.value);
    if (when === undefined) return undefined;
    test = comparison;
    releasedWhen = when;
  } else {
    return undefined;
  }
  while (test.parent?.type === AST_NODE_TYPES.UnaryExpression && test.parent.operator === '!') {
    test = test.parent;
    releasedWhen = !releasedWhen;
  }
  return { test, releasedWhen, chain };
}

/**
 * For `refCnt() <operator> bound` (or `bound <operator> refCnt()`), the outcome on which the count
 * (a whole number, never negative) can only be 0: `=== 0`, `<= 0`, `< 1` say it when true; `!== 0`,
 * `> 0`, `>= 1` when false. Undefined when neither outcome pins the count to 0 (`> 1`, `=== 2`).
 */
function refCountZeroWhen(operator: string, countOnLeft: boolean, bound: number): boolean | undefined {
  const holds = (count: number): boolean | undefined => {
    const [left, right] = countOnLeft ? [count, bound] : [bound, count];
    switch (operator) {
      case '===':
      case '==':
        return left === right;
      case '!==':
      case '!=':
        return left !== right;
      case '<':
        return left < right;
      case '<=':
        return left <= right;
      case '>':
        return left > right;
      case '>=':
        return left >= right;
      default:
        return undefined;
    }
  };
  // A comparison with a constant changes its outcome only at the bound: 0, 1, 2 and the counts
  // around the bound show every outcome that any count above 0 can have.
  const aboveZero = [1, 2, Math.floor(bound), Math.ceil(bound), Math.ceil(bound) + 1].filter(
    (count) => count > 0 && Number.isFinite(count),
  );
  const atZero = holds(0);
  if (atZero === undefined) return undefined;
  return aboveZero.every((count) => holds(count) === !atZero) ? atZero : undefined;
}
