import { AST_NODE_TYPES, AST_TOKEN_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

/** A field named by a member expression: `this.f`, `this.#f`, `this['f']`, `Cls.f`, `a.b.f`. */
export interface FieldRef {
  /** Identifies the storage place within one function: the receiver's path and the field name. */
  key: string;
  /** The field's name as declared, with `#` for private names. */
  name: string;
  /** The receiver is `this`. */
  onThis: boolean;
}

/** The left side of a store into a field: `X.f`, or `X.f` inside the user's type wrappers. */
export type StoreTarget =
  | TSESTree.MemberExpression
  | TSESTree.TSAsExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion;

/**
 * An assignment that may overwrite a field: `X.f = v` or `X.f &&= v`, also written through a type
 * wrapper (`(X.f as T) = v`, `(<T>X.f) = v`, `X.f! = v`, `(X.f satisfies T) = v`), which stores
 * into the same field.
 */
export type OverwriteAssignment = TSESTree.AssignmentExpression & { left: StoreTarget };

/** The member expression an overwrite stores into, inside any type wrappers on the left side. */
export function storedMemberOf(assignment: OverwriteAssignment): TSESTree.MemberExpression {
  // overwriteTargetOf admits only a member expression under the wrappers.
  return skipTypeWrappers(assignment.left) as TSESTree.MemberExpression;
}

/** Type wrappers that do not change the value: `as`, `!`, `satisfies`, `<T>x`. */
export function skipTypeWrappers(expression: TSESTree.Expression): TSESTree.Expression;
export function skipTypeWrappers(expression: TSESTree.Node): TSESTree.Node;
export function skipTypeWrappers(expression: TSESTree.Node): TSESTree.Node {
  let current = expression;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The node whose parent tells how a value is used, looking up through type wrappers. */
export function outermostTypeWrapper(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    current = current.parent;
  }
  return current;
}

/** The name a member expression's property gives, when it is static (identifier, `#name`, literal key). */
export function staticMemberName(member: TSESTree.MemberExpression): string | undefined {
  const property = member.property;
  if (property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${property.name}`;
  if (!member.computed) return property.type === AST_NODE_TYPES.Identifier ? property.name : undefined;
  if (property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string') return property.value;
  if (
    property.type === AST_NODE_TYPES.TemplateLiteral &&
    property.expressions.length === 0 &&
    property.quasis.length === 1
  ) {
    return property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/**
 * The expressions a value may come from, type wrappers skipped: both branches of `?:`, both sides
 * of `||`, `??` and `&&`, the last of a sequence, the right side of an `=` assignment, a chain's
 * expression, and with `throughAwait` the operand of `await`. Any other expression is its own origin.
 */
export function valueOrigins(value: TSESTree.Node, throughAwait: boolean): TSESTree.Node[] {
  const origins: TSESTree.Node[] = [];
  const pending: TSESTree.Node[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next) break;
    const expression = skipTypeWrappers(next);
    switch (expression.type) {
      case AST_NODE_TYPES.AwaitExpression:
        if (throughAwait) pending.push(expression.argument);
        else origins.push(expression);
        break;
      case AST_NODE_TYPES.ChainExpression:
        pending.push(expression.expression);
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        pending.push(expression.alternate, expression.consequent);
        break;
      case AST_NODE_TYPES.LogicalExpression:
        pending.push(expression.right, expression.left);
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        if (expression.operator === '=') pending.push(expression.right);
        else origins.push(expression);
        break;
      case AST_NODE_TYPES.SequenceExpression: {
        const last = expression.expressions[expression.expressions.length - 1];
        if (last) pending.push(last);
        break;
      }
      default:
        origins.push(expression);
    }
  }
  return origins;
}

/** For `this.f` / `this.#f` / `this['f']` (not optional), the name (`#f` for a private name); else undefined. */
export function thisMemberName(node: TSESTree.Node): string | undefined {
  const member = skipTypeWrappers(node);
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.optional) return undefined;
  return skipTypeWrappers(member.object).type === AST_NODE_TYPES.ThisExpression ? staticMemberName(member) : undefined;
}

/** A stable text for a receiver made of `this`, identifiers and static member names. */
function receiverPath(expression: TSESTree.Node): string | undefined {
  const receiver = skipTypeWrappers(expression);
  switch (receiver.type) {
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.Identifier:
      return receiver.name;
    case AST_NODE_TYPES.MemberExpression: {
      const name = staticMemberName(receiver);
      // `holders[i]`, `holders[0]`: an element read with no side effect names the same place each time.
      const index =
        name === undefined && receiver.computed
          ? receiver.property.type === AST_NODE_TYPES.Identifier
            ? receiver.property.name
            : receiver.property.type === AST_NODE_TYPES.Literal && typeof receiver.property.value === 'number'
              ? String(receiver.property.value)
              : undefined
          : undefined;
      if (name === undefined && index === undefined) return undefined;
      const inner = receiverPath(receiver.object);
      if (inner === undefined) return undefined;
      return name === undefined ? `${inner}[${String(index)}]` : `${inner}.${name}`;
    }
    default:
      return undefined;
  }
}

/** The field a member expression names, or undefined for dynamic keys, `super.f` and calls. */
export function fieldRefOf(member: TSESTree.MemberExpression): FieldRef | undefined {
  const name = staticMemberName(member);
  if (name === undefined) return undefined;
  const receiver = receiverPath(member.object);
  if (receiver === undefined) return undefined;
  return {
    key: `${receiver}\u0000${name}`,
    name,
    onThis: skipTypeWrappers(member.object).type === AST_NODE_TYPES.ThisExpression,
  };
}

/**
 * The `=` and `&&=` tokens of a file that may be the operator of a store that `overwriteTargetOf`
 * accepts: right after a name that follows `.` or `?.` (`x.f`, `x.#f`, `x.default`), or after `]`,
 * `)` or `!` (`x[k]`, `(x.f as T)`, `x.f!`). Other tokens come before `=` only where no member is
 * stored into (`let x =`, `type T =`, `f: T =`). Found from the `=` characters of the text, since
 * a file has far fewer of them than tokens.
 */
export function memberStoreOperators(text: string, tokens: readonly TSESTree.Token[]): TSESTree.Token[] {
  const operators: TSESTree.Token[] = [];
  let from = 0;
  for (let at = text.indexOf('=', 0); at !== -1; at = text.indexOf('=', at + 1)) {
    if (!mayEndStoreOperator(text, at)) continue;
    from = tokenEndingAfter(tokens, at, from);
    const token = tokens[from];
    if (token?.type !== AST_TOKEN_TYPES.Punctuator || token.range[1] !== at + 1) continue;
    if (token.value !== '=' && token.value !== '&&=') continue;
    const before = tokens[from - 1];
    if (before?.type === AST_TOKEN_TYPES.Punctuator) {
      if (before.value === ']' || before.value === ')' || before.value === '!') operators.push(token);
      continue;
    }
    const dot = tokens[from - 2];
    if (dot?.type === AST_TOKEN_TYPES.Punctuator && (dot.value === '.' || dot.value === '?.')) operators.push(token);
  }
  return operators;
}

/**
 * Whether the `=` at `at` may end an `=` or `&&=` token, by its neighbours alone: not when it
 * starts `==`, `===` or `=>`, nor ends `!=`, `<=`, `+=`, `??=` and the like (after which no
 * store's left side can end).
 */
function mayEndStoreOperator(text: string, at: number): boolean {
  const next = text.charCodeAt(at + 1);
  if (next === 0x3d /* = */ || next === 0x3e /* > */) return false;
  const previous = text.charCodeAt(at - 1);
  if (previous === 0x26 /* & */) return text.charCodeAt(at - 2) === 0x26;
  // `*/=`: a comment may end right before the operator.
  if (previous === 0x2f /* / */) return text.charCodeAt(at - 2) === 0x2a;
  return !'=!<>+-*%|^?'.includes(text.charAt(at - 1));
}

/**
 * The index of the first token, at `from` or later, that ends after `at`: a gallop, then a binary
 * search, since the next `=` of a file is most often a few tokens on.
 */
function tokenEndingAfter(tokens: readonly TSESTree.Token[], at: number, from: number): number {
  let low = from;
  let step = 1;
  while (endsBy(tokens, low + step - 1, at)) {
    low += step;
    step *= 2;
  }
  let high = low + step - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (endsBy(tokens, middle, at)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function endsBy(tokens: readonly TSESTree.Token[], index: number, at: number): boolean {
  return index < tokens.length && (tokens[index]?.range[1] ?? Infinity) <= at;
}

/**
 * Every assignment of a file that `overwriteTargetOf` may accept, in source order: found from its
 * operator token (memberStoreOperators), so that a file is not walked to find its few stores.
 */
export function memberStoresIn({
  ast,
  text,
  visitorKeys,
}: Pick<TSESLint.SourceCode, 'ast' | 'text' | 'visitorKeys'>): TSESTree.AssignmentExpression[] {
  const stores: TSESTree.AssignmentExpression[] = [];
  for (const operator of memberStoreOperators(text, ast.tokens)) {
    // The innermost node around an operator token is the node the token belongs to.
    const node = innermostNodeAt(ast, operator.range[0], visitorKeys);
    if (node.type === AST_NODE_TYPES.AssignmentExpression) stores.push(node);
    // A node outside its parent's range (a decorator before `export`) hides from the descent, and
    // so does a store in type syntax (`type F = (a = (x.f = v)) => void`: invalid TypeScript that
    // still parses, and that ESLint's traversal visits): the operator is not the node's own.
    else if (!ownsEqualsToken.has(node.type) || typeSyntaxHolds(node, operator.range[0], visitorKeys)) {
      stores.push(...assignmentsAt(ast, operator.range[0], visitorKeys));
    }
  }
  return stores;
}

/** Whether a child of `node` under a type-level key (which the descent skips) holds `index`. */
function typeSyntaxHolds(
  node: TSESTree.Node,
  index: number,
  visitorKeys: Readonly<Record<string, readonly string[] | undefined>>,
): boolean {
  const fields = node as unknown as Record<string, unknown>;
  return (visitorKeys[node.type] ?? []).some((key) => {
    if (!notCode.has(key)) return false;
    const value = fields[key];
    return Array.isArray(value) ? value.some((child) => isNodeHolding(child, index)) : isNodeHolding(value, index);
  });
}

/** The nodes whose own token an `=` can be, other than an assignment's. */
const ownsEqualsToken: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.AssignmentPattern,
  AST_NODE_TYPES.VariableDeclarator,
  AST_NODE_TYPES.PropertyDefinition,
  AST_NODE_TYPES.AccessorProperty,
  AST_NODE_TYPES.TSAbstractPropertyDefinition,
  AST_NODE_TYPES.TSAbstractAccessorProperty,
  AST_NODE_TYPES.TSTypeAliasDeclaration,
  AST_NODE_TYPES.TSTypeParameter,
  AST_NODE_TYPES.TSEnumMember,
  AST_NODE_TYPES.TSImportEqualsDeclaration,
  AST_NODE_TYPES.TSExportAssignment,
]);

/** The assignments whose operator is at `index`, by a walk of the whole tree (without ranges). */
function assignmentsAt(
  root: TSESTree.Node,
  index: number,
  visitorKeys: Readonly<Record<string, readonly string[] | undefined>>,
): TSESTree.AssignmentExpression[] {
  const found: TSESTree.AssignmentExpression[] = [];
  const pending: TSESTree.Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.range[1] <= index && index < node.right.range[0]) {
      found.push(node);
    }
    const fields = node as unknown as Record<string, unknown>;
    for (const key of visitorKeys[node.type] ?? []) {
      const value = fields[key];
      for (const child of Array.isArray(value) ? (value as unknown[]) : [value]) {
        if (typeof child === 'object' && child !== null && 'type' in child) pending.push(child as TSESTree.Node);
      }
    }
  }
  return found;
}

/** Keys that never lead to code that runs: the parent link, positions, and type-level syntax. */
export const notCode: ReadonlySet<string> = new Set([
  'parent',
  'loc',
  'range',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeArguments',
  'implements',
]);

/** Per parser's visitor keys: the keys of each node type that may lead to code. */
const codeKeysByVisitorKeys = new WeakMap<object, Map<string, readonly string[]>>();

/**
 * The innermost node whose range holds `index`, like SourceCode#getNodeByRangeIndex, but by
 * descent alone, and through code only (an operator inside a type ends at the node around the
 * type): among a node's listed children (in source order), a binary search.
 */
function innermostNodeAt(
  root: TSESTree.Node,
  index: number,
  visitorKeys: Readonly<Record<string, readonly string[] | undefined>>,
): TSESTree.Node {
  let codeKeys = codeKeysByVisitorKeys.get(visitorKeys);
  if (!codeKeys) codeKeysByVisitorKeys.set(visitorKeys, (codeKeys = new Map<string, readonly string[]>()));
  let node = root;
  descend: for (;;) {
    let keys = codeKeys.get(node.type);
    if (!keys) codeKeys.set(node.type, (keys = (visitorKeys[node.type] ?? []).filter((key) => !notCode.has(key))));
    const fields = node as unknown as Record<string, unknown>;
    for (const key of keys) {
      const value = fields[key];
      const child = Array.isArray(value) ? elementAt(value as (TSESTree.Node | null)[], index) : value;
      if (isNodeHolding(child, index)) {
        node = child;
        continue descend;
      }
    }
    return node;
  }
}

function isNodeHolding(value: unknown, index: number): value is TSESTree.Node {
  if (typeof value !== 'object' || value === null || !('range' in value)) return false;
  const [start, end] = (value as TSESTree.Node).range;
  return start <= index && index < end;
}

/** The element of a list of nodes (in source order, with holes) whose range holds `index`. */
function elementAt(elements: readonly (TSESTree.Node | null)[], index: number): TSESTree.Node | undefined {
  let low = 0;
  let high = elements.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const element = elements[middle];
    // A hole (`[a, , b]`): the plain scan, which a hole cannot mislead.
    if (!element) return elements.find((candidate) => isNodeHolding(candidate, index)) ?? undefined;
    if (index < element.range[0]) high = middle - 1;
    else if (index >= element.range[1]) low = middle + 1;
    else return element;
  }
  return undefined;
}

/**
 * The syntax question, asked before anything else: is this an `=`/`&&=` store into a field whose
 * new value is not the field itself, nor a primitive? (`??=` and `||=` only store into an empty field.)
 */
export function overwriteTargetOf(assignment: TSESTree.AssignmentExpression): FieldRef | undefined {
  if (assignment.operator !== '=' && assignment.operator !== '&&=') return undefined;
  const left = skipTypeWrappers(assignment.left);
  if (left.type !== AST_NODE_TYPES.MemberExpression || left.optional) return undefined;
  const target = fieldRefOf(left) ?? untrackedFieldRefOf(assignment, left);
  if (!target) return undefined;
  const right = skipTypeWrappers(assignment.right);
  if (right.type === AST_NODE_TYPES.MemberExpression && fieldRefOf(right)?.key === target.key) {
    return undefined;
  }
  // `this.f = this.f ?? make()` is `this.f ??= make()`: it keeps a live old value.
  if (right.type === AST_NODE_TYPES.LogicalExpression && right.operator !== '&&') {
    const kept = skipTypeWrappers(right.left);
    if (kept.type === AST_NODE_TYPES.MemberExpression && fieldRefOf(kept)?.key === target.key) return undefined;
  }
  if (isPrimitiveValue(right)) return undefined;
  return target;
}

/**
 * `const stream = this.f ?? open(); this.f = stream;`: the spelled-out `this.f ??= open()` through a
 * `const` of the same function. It stores back the value the field holds, or fills an empty field.
 */
export function storesBackKeptValue(
  assignment: TSESTree.AssignmentExpression,
  target: FieldRef,
  scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope,
): boolean {
  const right = skipTypeWrappers(assignment.right);
  if (assignment.operator !== '=' || right.type !== AST_NODE_TYPES.Identifier) return false;
  const scope = scopeOf(assignment);
  const variable = ASTUtils.findVariable(scope, right.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (
    definition?.type !== TSESLint.Scope.DefinitionType.Variable ||
    definition.parent.kind !== 'const' ||
    variable?.scope.variableScope !== scope.variableScope
  ) {
    return false;
  }
  const init = definition.node.init && skipTypeWrappers(definition.node.init);
  if (init?.type !== AST_NODE_TYPES.LogicalExpression || init.operator === '&&') return false;
  const kept = skipTypeWrappers(init.left);
  return kept.type === AST_NODE_TYPES.MemberExpression && fieldRefOf(kept)?.key === target.key;
}

/**
 * A store whose object no path can name twice (`make().f = v`, `holders[i++]!.f = v`): each
 * evaluation may reach another object, so nothing done before the store is known to have touched
 * the value it overwrites. Its key is unique to the store. `super.f` is left out.
 */
function untrackedFieldRefOf(
  assignment: TSESTree.AssignmentExpression,
  left: TSESTree.MemberExpression,
): FieldRef | undefined {
  const name = staticMemberName(left);
  if (name === undefined || left.object.type === AST_NODE_TYPES.Super) return undefined;
  return { key: `\u0001${String(assignment.range[0])}\u0000${name}`, name, onThis: false };
}

/**
 * A value that can only be a primitive (`true`, `0`, `'s'`, `` `t` ``, `-x`, `a + b`, `a < b`, `!x`,
 * `typeof x`): the field accepts a primitive, so its type is never wholly release-able, and no type
 * question needs asking. `null`/`undefined` are not in this list: they empty an owned field.
 */
export function isPrimitiveValue(expression: TSESTree.Node): boolean {
  const value = skipTypeWrappers(expression);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return value.value !== null || 'regex' in value || 'bigint' in value;
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
      return value.operator !== 'void';
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return true;
    default:
      return false;
  }
}

/** `null`, `undefined` or `void x`: a store that empties the field. */
export function isEmptyValue(expression: TSESTree.Node): boolean {
  const value = skipTypeWrappers(expression);
  return (
    (value.type === AST_NODE_TYPES.Literal && value.value === null && !('regex' in value)) ||
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') ||
    (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void')
  );
}
