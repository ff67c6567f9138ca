import { typeMatchesSpecifier, type TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from '@typescript-eslint/utils';
import { skipTypeWrappers, staticMemberName, thisMemberName, type OverwriteAssignment } from './field-target.js';
import { classStoresInto, sharesFieldWithOtherClasses, type MemberStore } from './initializer.js';
import { declaresOwnInstanceField, thisOwnerOf } from './own-field.js';
import { declaredKeyName, isLoop } from './syntax-walk.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The web streams whose `getWriter()`/`getReader()` throw while the stream is locked. */
const lockingStreamNames = ['WritableStream', 'ReadableStream'];
const lockingStreams: readonly TypeOrValueSpecifier[] = [
  { from: 'lib', name: lockingStreamNames },
  { from: 'package', package: 'stream/web', name: lockingStreamNames },
  { from: 'package', package: 'node:stream/web', name: lockingStreamNames },
];

const lockMethods: ReadonlySet<string> = new Set(['getWriter', 'getReader']);

/**
 * Whether a store into `this.f` takes a web stream's lock, `this.f = this.s.getWriter()` (or
 * `getReader()`), in a way that cannot drop a lock still held. Taking the lock throws while the
 * stream is locked, so the store never runs while an old writer of `this.s` holds it; and an old
 * writer that has let go of it (`releaseLock()`) holds nothing: its `close()` would reject. That
 * argument needs the old value to come from the same stream: every store into `f` in the class is
 * such a call on the same `this.s` into `this.f` (not another instance's `f`), or empties the
 * field, none of them in the constructor; `this.s` holds one stream for the instance's life; the
 * class declares both fields itself. Asked only for a store that would otherwise be reported.
 */
export function takesStreamLockOfKeptStream(
  store: OverwriteAssignment,
  services: ParserServicesWithTypeInformation,
): boolean {
  if (store.operator !== '=') return false;
  const field = thisMemberName(store.left);
  const stream = lockedStreamField(store.right);
  const owner = thisOwnerOf(store);
  if (field === undefined || stream === undefined || !owner || owner.isStatic) return false;
  const { classNode } = owner;
  if (!declaresOwnInstanceField(classNode, field) || !declaresOwnInstanceField(classNode, stream)) return false;
  // A subclass may retarget a protected stream; a base class's methods store into its own fields.
  if (sharesFieldWithOtherClasses(classNode, field) || sharesFieldWithOtherClasses(classNode, stream)) return false;
  const constructor = constructorOf(classNode);
  const fieldStores = classStoresInto(classNode, field);
  const streamStores = classStoresInto(classNode, stream);
  if (!fieldStores || !streamStores) return false;
  const sameLock = fieldStores.every(
    (other) =>
      other.inFunction !== constructor &&
      (other.emptyValue ||
        (other.assignment.type === AST_NODE_TYPES.AssignmentExpression &&
          other.assignment.operator === '=' &&
          // `this.f = this.s.getWriter()`, one `this` on both sides: `other.f = this.s.getWriter()`
          // puts a writer of this stream into another instance, whose own store would then drop it.
          thisMemberName(other.assignment.left) === field &&
          lockedStreamField(other.assignment.right) === stream)),
  );
  if (!sameLock || !holdsOneStream(classNode, stream, streamStores, constructor)) return false;
  // The type last: only a web stream's lock throws while it is held.
  const call = skipTypeWrappers(store.right) as TSESTree.CallExpression;
  const streamType = services.getTypeAtLocation((call.callee as TSESTree.MemberExpression).object);
  const program = services.program;
  const members = streamType.isUnion() ? streamType.types : [streamType];
  return members.every((member) => lockingStreams.some((specifier) => typeMatchesSpecifier(member, specifier, program)));
}

/**
 * Whether `this.s` holds one stream for the instance's life: set by its declaration (an initializer or
 * a parameter property) and never stored, or declared without a value and stored once, by the
 * constructor's own body outside loops (before that store, `this.s.getWriter()` throws on undefined).
 */
function holdsOneStream(
  classNode: ClassNode,
  stream: string,
  stores: readonly MemberStore[],
  constructor: TSESTree.FunctionExpression | undefined,
): boolean {
  if (stores.length === 0) return true;
  const [only] = stores;
  if (stores.length !== 1 || !only || constructor === undefined || only.inFunction !== constructor) return false;
  const declaredEmpty = classNode.body.body.some(
    (member) =>
      member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && declaredKeyName(member) === stream && member.value === null,
  );
  return declaredEmpty && !inLoop(only.assignment, constructor);
}

function inLoop(node: TSESTree.Node, within: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== within; current = current.parent) {
    if (isLoop(current)) return true;
  }
  return false;
}

/** For `this.s.getWriter(…)` / `this.s.getReader(…)`, the name `s`; undefined for anything else. */
function lockedStreamField(value: TSESTree.Node): string | undefined {
  const call = skipTypeWrappers(value);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.optional) return undefined;
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.optional) return undefined;
  const method = staticMemberName(callee);
  if (method === undefined || !lockMethods.has(method)) return undefined;
  return thisMemberName(callee.object);
}

function constructorOf(classNode: ClassNode): TSESTree.FunctionExpression | undefined {
  for (const member of classNode.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor' && member.value.type === AST_NODE_TYPES.FunctionExpression) {
      return member.value;
    }
  }
  return undefined;
}
