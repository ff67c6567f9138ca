import { AST_NODE_TYPES, ASTUtils, TSESLint, type ParserServicesWithTypeInformation, type TSESTree } from '@typescript-eslint/utils';
import { isValueKeptInOwnField } from './cached-value.js';
import { skipTypeWrappers, staticMemberName, valueOrigins } from './field-target.js';
import { keepsReadValue } from './ownership.js';
import { classesByNameIn, fieldWritesIn, mayShareInstances, type FieldWrite } from './timer-chain.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What judging a stored value needs from the rule: scopes, and the checker for borrowing reads. */
interface SharedReading {
  scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope;
  isBorrowedCall: (call: TSESTree.CallExpression) => boolean;
}

/** How many `const`/default-value links a stored identifier is followed through. */
const maxBindingLinks = 4;

/**
 * Whether the field that `store` writes may hold, before the store, a value its class does not own
 * alone: a value something else keeps too, which a release after the store would free under it.
 * That is so when the field's initializer, or any store into a field of that name in the class (or
 * in a class of the file that extends it or that it extends), stores
 * - another field of the same object, or a member of one (`this.current = this.primary`,
 *   `this.cursor = this.cursor.next`, `this.conn = this.pool[0]`): that field keeps it;
 * - a binding of the module or a global, or a member of one (`http.globalAgent`, an imported
 *   `globalAgent`, a module-level `sharedFallback`, `Channel.defaultConn`): every instance shares it;
 * - a read that the rule already takes as borrowed (`entries.get(key)`, `ref.deref()`, an own
 *   method that hands out what one of the class's fields keeps): the container or that field keeps it;
 * also as one branch of `??`, `||`, `?:` (`agent ?? http.globalAgent`), through a local or a
 * parameter's default value that holds one of these.
 * A parameter itself is not: a constructor that stores what it is given takes it over (the rule's
 * first case: `constructor(conn) { this.conn = conn }`, `reconnect() { this.conn = connect() }`).
 * Asked of findings only: one walk of the file's field writes, cached per file (fieldWritesIn).
 */
export function oldValueMayBeBorrowed(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation,
  store: TSESTree.AssignmentExpression,
  fieldName: string,
  initializer: TSESTree.Node | undefined,
): boolean {
  const reading: SharedReading = {
    scopeOf: (node) => sourceCode.getScope(node),
    isBorrowedCall: (call) => isValueKeptInOwnField(call) || keepsReadValue(call, services),
  };
  if (initializer && isSharedValue(initializer, undefined, reading, 0)) return true;
  const ourClass = enclosingClass(store);
  let classesByName: Map<string, ClassNode> | undefined;
  const related = (other: ClassNode | undefined): boolean => {
    if (other === ourClass) return true;
    if (!other || !ourClass) return false;
    classesByName ??= classesByNameIn(sourceCode.ast);
    return mayShareInstances(other, ourClass, classesByName) || mayShareInstances(ourClass, other, classesByName);
  };
  return sharedValueWrites(fieldWritesIn(sourceCode.ast, fieldName), reading).some((write) => related(enclosingClass(write)));
}

/** By a field name's writes (fieldWritesIn keeps one list per file and name): those that store a shared value. */
const sharedWritesByList = new WeakMap<readonly FieldWrite[], TSESTree.AssignmentExpression[]>();

/**
 * The stores among a field name's writes whose value something else may keep, worked out once per
 * file and name: a file with thousands of stores into one field name and a finding at each must
 * not judge every store again for every finding.
 */
function sharedValueWrites(writes: readonly FieldWrite[], reading: SharedReading): TSESTree.AssignmentExpression[] {
  const known = sharedWritesByList.get(writes);
  if (known) return known;
  const shared: TSESTree.AssignmentExpression[] = [];
  for (const { store: write, emptyValue, member } of writes) {
    if (write !== undefined && !emptyValue && isSharedValue(write.right, member, reading, 0)) shared.push(write);
  }
  sharedWritesByList.set(writes, shared);
  return shared;
}

/**
 * Whether a stored value may be one that something else keeps. `written` is the field the value is
 * stored into (undefined for an initializer, whose object is `this`): a read of that same field
 * stores back what it holds and is left out.
 */
function isSharedValue(
  value: TSESTree.Node,
  written: TSESTree.MemberExpression | undefined,
  reading: SharedReading,
  links: number,
): boolean {
  return valueOrigins(value, false).some((origin) => {
    switch (origin.type) {
      case AST_NODE_TYPES.Identifier:
        return isSharedBinding(origin, written, reading, links);
      case AST_NODE_TYPES.MemberExpression:
        return isSharedMember(origin, written, reading, links);
      case AST_NODE_TYPES.CallExpression:
        return reading.isBorrowedCall(origin);
      default:
        return false;
    }
  });
}

/** A member chain on `this`/`super` or on the written field's own object, or on a shared binding. */
function isSharedMember(
  member: TSESTree.MemberExpression,
  written: TSESTree.MemberExpression | undefined,
  reading: SharedReading,
  links: number,
): boolean {
  // The field itself (`this.f = this.f!`) holds what it holds: nothing new is shared.
  if (written && sameField(member, written)) return false;
  const root = chainRoot(member);
  const writtenRoot = written ? chainRoot(written) : undefined;
  if (root.type === AST_NODE_TYPES.ThisExpression || root.type === AST_NODE_TYPES.Super) {
    return written === undefined || writtenRoot?.type === AST_NODE_TYPES.ThisExpression;
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  // Another field of the written object (`pool.current = pool.primary`).
  if (writtenRoot?.type === AST_NODE_TYPES.Identifier && writtenRoot.name === root.name) return true;
  return isSharedBinding(root, written, reading, links);
}

/**
 * A binding of the module (an import, a module-level variable, class or namespace) or a global
 * (`process`, `globalThis`), or a local or a parameter's default value that holds a shared value.
 */
function isSharedBinding(
  identifier: TSESTree.Identifier,
  written: TSESTree.MemberExpression | undefined,
  reading: SharedReading,
  links: number,
): boolean {
  if (identifier.name === 'undefined') return false;
  const variable = ASTUtils.findVariable(reading.scopeOf(identifier), identifier);
  if (!variable) return true;
  const { ScopeType, DefinitionType } = TSESLint.Scope;
  if (variable.scope.type === ScopeType.module || variable.scope.type === ScopeType.global) return true;
  if (links >= maxBindingLinks || variable.defs.length !== 1) return false;
  const definition = variable.defs[0];
  if (definition?.type === DefinitionType.Variable) {
    const init = definition.node.init;
    return init !== null && isSharedValue(init, written, reading, links + 1);
  }
  if (definition?.type === DefinitionType.Parameter) {
    const parent = definition.name.parent;
    return parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === definition.name && isSharedValue(parent.right, written, reading, links + 1);
  }
  return false;
}

/** The object at the start of a member chain: `this` in `this.a.b[0]`. */
function chainRoot(member: TSESTree.MemberExpression): TSESTree.Node {
  let node: TSESTree.Node = member;
  for (;;) {
    const inner: TSESTree.Node = skipTypeWrappers(node);
    if (inner.type === AST_NODE_TYPES.MemberExpression) node = inner.object;
    else if (inner.type === AST_NODE_TYPES.ChainExpression) node = inner.expression;
    else return inner;
  }
}

/** `this.f` and `this.f` (also `this.#f`, `this['f']`) on the same object spelled the same way. */
function sameField(read: TSESTree.MemberExpression, written: TSESTree.MemberExpression): boolean {
  const readObject = skipTypeWrappers(read.object);
  const writtenObject = skipTypeWrappers(written.object);
  if (staticMemberName(read) !== staticMemberName(written) || staticMemberName(read) === undefined) return false;
  if (readObject.type === AST_NODE_TYPES.ThisExpression) return writtenObject.type === AST_NODE_TYPES.ThisExpression;
  return (
    readObject.type === AST_NODE_TYPES.Identifier &&
    writtenObject.type === AST_NODE_TYPES.Identifier &&
    readObject.name === writtenObject.name
  );
}

function enclosingClass(node: TSESTree.Node): ClassNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) {
      return current;
    }
  }
  return undefined;
}
