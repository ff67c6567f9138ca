import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { ts, unionConstituents } from '../commonjs.js';
import { isEmptyValue, outermostTypeWrapper, skipTypeWrappers, staticMemberName } from './field-target.js';
import { childNodesOf } from './syntax-walk.js';
import { calleeName } from './value-use.js';

// The syntax and type questions behind a fired timer's chain (old-value-paths.ts): a one-shot
// timer's callback calls private methods, which register promise handlers, which call private
// methods… and the last of them re-arms the timer in the same field. The flow questions live
// with the paths; these are the questions about single nodes and the whole file.

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The promise link that registers a handler: `promise.then(handler)`, `.catch(handler)`, `.finally(handler)`. */
export interface PromiseLink {
  link: TSESTree.CallExpression;
  /** The expression whose promise the link waits on (the callee's object). */
  promise: TSESTree.Expression;
}

/**
 * The link registering `handler`, if `handler` is one of the at most one handlers of a link that
 * run: `then`'s first or second argument, or the only argument of `catch`/`finally`. Syntax only:
 * whether the receiver is a real promise (which runs a handler at most once) is a type question.
 */
export function promiseLinkOf(handler: TSESTree.Node): PromiseLink | undefined {
  const argument = outermostTypeWrapper(handler);
  const link = argument.parent;
  if (link?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const position = link.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  const callee = skipTypeWrappers(link.callee);
  if (position < 0 || callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
    return undefined;
  }
  const method = callee.property.name;
  if (!(method === 'then' ? position <= 1 : (method === 'catch' || method === 'finally') && position === 0)) return undefined;
  return { link, promise: callee.object };
}

/**
 * Whether a call registers an arrow function as a promise handler (`p.then(() => …)`): the only
 * handlers that can carry a chain on, since they keep the `this` of the code around them.
 * Syntax only, and cheap: asked of every call the traversal leaves.
 */
export function registersArrowHandler(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  const method = callee.property.name;
  if (method !== 'then' && method !== 'catch' && method !== 'finally') return false;
  return call.arguments.some(
    (argument) => skipTypeWrappers(argument).type === AST_NODE_TYPES.ArrowFunctionExpression && promiseLinkOf(skipTypeWrappers(argument)) !== undefined,
  );
}

const timerFieldsByClass = new WeakMap<ClassNode, ReadonlySet<string>>();

/**
 * The fields of `this` that the class stores a one-shot timer into (`this.t = setTimeout(…)`,
 * `setImmediate`): only their handlers can be part of a fired timer's chain. A cheap gate, one
 * walk per class, before a promise handler's entry is followed through the code that registered it.
 */
export function timerFieldsOf(classNode: ClassNode): ReadonlySet<string> {
  const known = timerFieldsByClass.get(classNode);
  if (known) return known;
  const fields = new Set<string>();
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') {
      const call = skipTypeWrappers(node.right);
      const left = skipTypeWrappers(node.left);
      if (
        call.type === AST_NODE_TYPES.CallExpression &&
        left.type === AST_NODE_TYPES.MemberExpression &&
        skipTypeWrappers(left.object).type === AST_NODE_TYPES.ThisExpression
      ) {
        // Named as firedTimerKeyOf names a timer call: `setTimeout(…)`, `timers.setTimeout(…)`.
        const timer = calleeName(call.callee)?.split('.').pop();
        const name = staticMemberName(left);
        if ((timer === 'setTimeout' || timer === 'setImmediate') && name !== undefined) fields.add(name);
      }
    }
    for (const child of childNodesOf(node)) visit(child);
  };
  visit(classNode.body);
  timerFieldsByClass.set(classNode, fields);
  return fields;
}

const instanceEscapes = new WeakMap<ClassNode, boolean>();

/**
 * Whether the class's own code uses `this` other than to name a member statically (`this.f`,
 * `this.m()`): `Object.assign(this, saved)`, `helper(this)`, `const self = this`, `this[key] = v`
 * may store into any field where no write of that field shows. Syntax only, one walk per class;
 * a nested `function` or class has its own `this` and is not looked into.
 */
export function thisEscapes(classNode: ClassNode): boolean {
  const known = instanceEscapes.get(classNode);
  if (known !== undefined) return known;
  let escapes = false;
  const pending: TSESTree.Node[] = [classNode.body];
  while (pending.length > 0 && !escapes) {
    const node = pending.pop();
    if (!node) break;
    if (node.type === AST_NODE_TYPES.ThisExpression) {
      const member = outermostTypeWrapper(node).parent;
      escapes = member?.type !== AST_NODE_TYPES.MemberExpression || skipTypeWrappers(member.object) !== node || staticMemberName(member) === undefined;
      continue;
    }
    const ownThis =
      node.type === AST_NODE_TYPES.FunctionDeclaration ||
      node.type === AST_NODE_TYPES.ClassDeclaration ||
      node.type === AST_NODE_TYPES.ClassExpression ||
      (node.type === AST_NODE_TYPES.FunctionExpression && node.parent.type !== AST_NODE_TYPES.MethodDefinition);
    if (!ownThis) childNodesOf(node, pending);
  }
  instanceEscapes.set(classNode, escapes);
  return escapes;
}

const handlersUsingThis = new WeakMap<TSESTree.CallExpression, boolean>();

/** Whether an arrow handler that `link` registers names `this` anywhere in its body. */
export function handlersUseThis(link: TSESTree.CallExpression): boolean {
  const known = handlersUsingThis.get(link);
  if (known !== undefined) return known;
  let uses = false;
  const pending: TSESTree.Node[] = [];
  for (const argument of link.arguments) {
    const handler = skipTypeWrappers(argument);
    if (handler.type === AST_NODE_TYPES.ArrowFunctionExpression && promiseLinkOf(handler)) pending.push(handler.body);
  }
  while (pending.length > 0 && !uses) {
    const node = pending.pop();
    if (!node) break;
    uses = node.type === AST_NODE_TYPES.ThisExpression;
    childNodesOf(node, pending);
  }
  handlersUsingThis.set(link, uses);
  return uses;
}

/**
 * A place in the file that writes a field of some name (`x.f = v`, `x.f ??= v`, `[x.f] = …`,
 * `for (x.f of …)`), or re-arms the timer it holds without a store (`x.f.refresh()`).
 */
export interface FieldWrite {
  member: TSESTree.MemberExpression;
  /** `x.f = undefined` / `null` / `void 0`: the write leaves nothing live behind. */
  emptyValue: boolean;
  /**
   * A write the rule never judges (`[x.f] = …`, `for (x.f of …)`, `x.f++`), or a re-arming without
   * a store (`x.f.refresh()`: a fired timer runs its callback again): nothing checks that it
   * leaves at most one timer armed.
   */
  unchecked?: true;
  /** For a store by assignment (`x.f = v`, `x.f ??= v`), the assignment: its right side is the value. */
  store?: TSESTree.AssignmentExpression;
}

/** By file, every field write by field name: one walk of the file, made on the first question. */
const fieldWritesByFile = new WeakMap<TSESTree.Program, ReadonlyMap<string, readonly FieldWrite[]>>();

/**
 * Every write of a field named `name` in the file, through any receiver, and every re-arming of
 * the timer it holds; asked only when a chain's soundness (or a finding's release) is in question.
 * The first question walks the whole file once for all names. `delete x.f` empties and is left out.
 */
export function fieldWritesIn(program: TSESTree.Program, name: string): readonly FieldWrite[] {
  let byName = fieldWritesByFile.get(program);
  if (!byName) {
    const writes = new Map<string, FieldWrite[]>();
    // An explicit stack, not recursion: deeply nested code must not overflow the call stack.
    const pending: TSESTree.Node[] = [program];
    while (pending.length > 0) {
      const node = pending.pop();
      if (!node) break;
      const written = node.type === AST_NODE_TYPES.MemberExpression ? staticMemberName(node) : undefined;
      const write = written === undefined ? undefined : writeOf(node as TSESTree.MemberExpression);
      if (written !== undefined && write) {
        const list = writes.get(written);
        if (list) list.push(write);
        else writes.set(written, [write]);
      }
      childNodesOf(node, pending);
    }
    byName = writes;
    fieldWritesByFile.set(program, byName);
  }
  return byName.get(name) ?? [];
}

function writeOf(member: TSESTree.MemberExpression): FieldWrite | undefined {
  const place = outermostTypeWrapper(member);
  const parent = place.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === place && staticMemberName(parent) === 'refresh' ? { member, emptyValue: false, unchecked: true } : undefined;
    case AST_NODE_TYPES.AssignmentExpression:
      if (parent.left !== place) return undefined;
      return { member, emptyValue: parent.operator === '=' && isEmptyValue(parent.right), store: parent };
    case AST_NODE_TYPES.UpdateExpression:
      return { member, emptyValue: false, unchecked: true };
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return parent.left === place ? { member, emptyValue: false, unchecked: true } : undefined;
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.RestElement:
      return { member, emptyValue: false, unchecked: true };
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.left === place ? { member, emptyValue: false, unchecked: true } : undefined;
    case AST_NODE_TYPES.Property:
      return parent.parent.type === AST_NODE_TYPES.ObjectPattern && parent.value === place
        ? { member, emptyValue: false, unchecked: true }
        : undefined;
    default:
      return undefined;
  }
}

/** How many `extends` links are followed before a class is taken to possibly share instances. */
const maxBaseClasses = 16;

/**
 * Whether `this` in the methods of `other` may be an instance of `ours`: `other` extends `ours`
 * through classes declared in this file, or through an expression no name lookup can follow
 * (`extends mixin(Base)`). A base class imported from another module is taken not to (the rule
 * sees one file).
 */
export function mayShareInstances(other: ClassNode, ours: ClassNode, classesByName: ReadonlyMap<string, ClassNode>): boolean {
  let current: ClassNode | undefined = other;
  for (let links = 0; current?.superClass; links++) {
    if (links >= maxBaseClasses) return true;
    const base = skipTypeWrappers(current.superClass);
    if (base.type !== AST_NODE_TYPES.Identifier) return true;
    if (base.name === ours.id?.name) return true;
    current = classesByName.get(base.name);
  }
  return false;
}

/** The classes the file declares, by name (the first of a name: a later one shadows it only in its own scope). */
export function classesByNameIn(program: TSESTree.Program): Map<string, ClassNode> {
  const classes = new Map<string, ClassNode>();
  const pending: TSESTree.Node[] = [program];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    if ((node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) && node.id && !classes.has(node.id.name)) {
      classes.set(node.id.name, node);
    }
    childNodesOf(node, pending);
  }
  return classes;
}

/**
 * Whether a type is the global `Promise` of TypeScript's default library (in every member of a
 * union): a promise runs at most one of a link's handlers, at most once. A `then` of any other
 * type may call its handler again.
 */
export function isNativePromiseType(type: TS.Type, program: TS.Program): boolean {
  const parts = unionConstituents(type);
  return (
    parts.length > 0 &&
    parts.every((part) => {
      const symbol = part.getSymbol();
      const declarations = symbol?.getDeclarations() ?? [];
      return (
        symbol?.getName() === 'Promise' &&
        declarations.length > 0 &&
        declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()))
      );
    })
  );
}

/** Types whose values the checker cannot compare with a class's instances: any of them may be one. */
const opaqueTypeFlags = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive | ts.TypeFlags.Instantiable;

/** Types no object has: a receiver of such a type is not an instance of any class. */
const primitiveTypeFlags =
  ts.TypeFlags.StringLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.ESSymbolLike |
  ts.TypeFlags.Null |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Void |
  ts.TypeFlags.Never;

/**
 * Whether a value of `receiverType` may be an instance of the class (or of a class extending it).
 * Only nominal classes are told apart: when both the class and the receiver's class declare a
 * `private`, `protected` or `#` member, a value of both types would have to extend both classes,
 * so unless one extends the other (either is assignable to the other) no value is both. Anything
 * else (an object type, an interface, a class without such members, `any`, `unknown`, `object`,
 * a type parameter, an intersection, a generic class) may be one. Asked of another object's field
 * that has the name of a chain's field: mongodb's `monitor.connection = c` (a `Monitor`, which
 * keeps a private member, as `RTTPinger` does) is not an `RTTPinger`'s.
 */
export function mayBeInstanceOf(receiverType: TS.Type, classDeclaration: TS.ClassLikeDeclaration, checker: TS.TypeChecker): boolean {
  const ours = nominalInstanceType(classDeclaration, checker);
  const instance = ours ?? plainInstanceType(classDeclaration, checker);
  const parts = receiverType.isUnion() ? receiverType.types : [receiverType];
  return parts.some((part) => {
    if ((part.flags & primitiveTypeFlags) !== 0) return false;
    if ((part.flags & opaqueTypeFlags) !== 0) return true;
    // A dictionary (`Record<string, number>`) holds no instance of a class that does not fit it:
    // a class gets no implicit index signature, nor does a class extending it.
    if (instance && checker.getIndexInfosOfType(part).some((info) => (info.keyType.flags & ts.TypeFlags.String) !== 0)) {
      return checker.isTypeAssignableTo(instance, part);
    }
    if (!ours) return true;
    const declaration = part.getSymbol()?.getDeclarations()?.find(ts.isClassLike);
    const theirs = declaration && nominalInstanceType(declaration, checker);
    return !theirs || checker.isTypeAssignableTo(theirs, ours) || checker.isTypeAssignableTo(ours, theirs);
  });
}

/** The instance type of a named, non-generic class. */
function plainInstanceType(declaration: TS.ClassLikeDeclaration, checker: TS.TypeChecker): TS.Type | undefined {
  if (!declaration.name || declaration.typeParameters) return undefined;
  const symbol = checker.getSymbolAtLocation(declaration.name);
  return symbol && checker.getDeclaredTypeOfSymbol(symbol);
}

/** The instance type of a named, non-generic class that declares a `private`, `protected` or `#` member. */
function nominalInstanceType(declaration: TS.ClassLikeDeclaration, checker: TS.TypeChecker): TS.Type | undefined {
  if (!declaration.name || declaration.typeParameters) return undefined;
  const restricted = (member: TS.Node): boolean =>
    ((ts.canHaveModifiers(member) ? ts.getCombinedModifierFlags(member as TS.Declaration) : 0) &
      (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !==
      0 ||
    ('name' in member && member.name !== undefined && ts.isPrivateIdentifier(member.name as TS.Node));
  const nominal = declaration.members.some(
    (member) => restricted(member) || (ts.isConstructorDeclaration(member) && member.parameters.some(restricted)),
  );
  const symbol = nominal ? checker.getSymbolAtLocation(declaration.name) : undefined;
  return symbol && checker.getDeclaredTypeOfSymbol(symbol);
}

/** Calls that store into an object's properties by a name the syntax does not show. */
const dynamicStoreCallees = new Set(['Object.assign', 'Object.defineProperty', 'Object.defineProperties', 'Reflect.set', 'Reflect.defineProperty']);

/** A store into an object by a name the syntax does not show. */
export interface DynamicStore {
  /** The object stored into. */
  target: TSESTree.Expression;
  /** For a write through a computed key (`p[key] = c`), the key: a number or symbol names no field. */
  key?: TSESTree.Expression;
}

/**
 * The stores the file makes into objects by names that no `x.f = v` shows: into the first
 * argument of `Object.assign(p, { connection })`, `Reflect.set(p, 'connection', c)`,
 * `Object.defineProperty`…, and into the object of a write through a computed key (`p[key] = c`,
 * `[p[key]] = …`). Any of them whose object may be an instance of a class may store into any
 * field of it. One walk of the program.
 */
export function dynamicStoresIn(program: TSESTree.Program): DynamicStore[] {
  const stores: DynamicStore[] = [];
  const pending: TSESTree.Node[] = [program];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(node.callee);
      const [target] = node.arguments;
      // `Object.assign({}, defaults, options)` builds a new object: no instance is stored into.
      if (name !== undefined && dynamicStoreCallees.has(name) && target && target.type !== AST_NODE_TYPES.SpreadElement && !isFreshLiteral(target)) stores.push({ target });
    } else if (
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.property.type !== AST_NODE_TYPES.PrivateIdentifier &&
      staticMemberName(node) === undefined &&
      !isSymbolKey(node.property) &&
      writeOf(node)
    ) {
      stores.push({ target: node.object, key: node.property });
    }
    childNodesOf(node, pending);
  }
  return stores;
}

/**
 * Whether a computed key of type `keyType` may name a field: a number (`samples[index++] = v`), a
 * bigint or a symbol does not.
 */
export function mayNameField(keyType: TS.Type): boolean {
  return unionConstituents(keyType).some((part) => (part.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.ESSymbolLike)) === 0);
}

/** An object or array literal: a value made on the spot, which no other code holds. */
function isFreshLiteral(node: TSESTree.Node): boolean {
  const bare = skipTypeWrappers(node);
  return bare.type === AST_NODE_TYPES.ObjectExpression || bare.type === AST_NODE_TYPES.ArrayExpression;
}

/** `x[Symbol.dispose]`, `x[0]`: a computed key that cannot be a field's name (`x[i] = v` stores into an array). */
function isSymbolKey(key: TSESTree.Node): boolean {
  if (key.type === AST_NODE_TYPES.Literal) return typeof key.value === 'number';
  return calleeName(key)?.startsWith('Symbol.') === true;
}

/**
 * Every access in the file of a member with one of `names` (`x.m`, `x['m']`, `(x as any).m`)
 * outside `classNode`'s body: for a private method of the class, a call the class's own walk
 * (privateMethodUsesOf) does not see (`pinger['measure']()` in a test or a helper). One walk.
 */
export function membersNamedOutside(program: TSESTree.Program, classNode: ClassNode, names: ReadonlySet<string>): TSESTree.MemberExpression[] {
  const found: TSESTree.MemberExpression[] = [];
  if (names.size === 0) return found;
  const pending: TSESTree.Node[] = [program];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    if (node === classNode.body) continue;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = staticMemberName(node);
      if (name !== undefined && names.has(name)) found.push(node);
    }
    childNodesOf(node, pending);
  }
  return found;
}

/** Calls that take a timer and only cancel it. */
const timerCancels = new Set(['clearTimeout', 'clearImmediate', 'clearInterval']);

/** Members of a timer that do not re-arm it (`refresh` does: on the field it is a write, see writeOf). */
const timerQueries = new Set(['ref', 'unref', 'hasRef', 'close']);

/**
 * Whether a read of a field holding a timer lets the timer out of the places that can only test,
 * cancel or (un)ref it: `const t = this.timer` (unless `localStaysPut` says every use of the
 * local is such a place), `track(this.timer)`, `return this.timer`, `[this.timer]`. Code that
 * holds the timer may `refresh()` it, which runs a fired timer's callback again, with no store
 * into the field for storesOnlyInChain to see.
 */
export function timerReadEscapes(read: TSESTree.Node, localStaysPut: (declarator: TSESTree.VariableDeclarator) => boolean): boolean {
  const place = outermostTypeWrapper(read);
  const parent = place.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      const name = parent.object === place ? staticMemberName(parent) : undefined;
      return name === undefined || !timerQueries.has(name);
    }
    case AST_NODE_TYPES.CallExpression: {
      if (parent.callee === place) return true;
      const name = calleeName(parent.callee)?.split('.').pop();
      return name === undefined || !timerCancels.has(name);
    }
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator !== '!' && parent.operator !== 'typeof' && parent.operator !== 'void';
    case AST_NODE_TYPES.BinaryExpression:
      return !['==', '===', '!=', '!=='].includes(parent.operator);
    case AST_NODE_TYPES.LogicalExpression:
      // `this.t && clearTimeout(this.t)` yields the timer only when it is none.
      return !(parent.operator === '&&' && parent.left === place) && !isTestPosition(parent);
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
      return !('test' in parent && parent.test === place);
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== place;
    case AST_NODE_TYPES.ExpressionStatement:
      return false;
    case AST_NODE_TYPES.AssignmentExpression:
      // The field written: a store, which fieldWritesIn answers for.
      return parent.left !== place;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init !== place || parent.id.type !== AST_NODE_TYPES.Identifier || !localStaysPut(parent);
    default:
      return true;
  }
}

/** Whether a logical expression's value is only tested (`if (this.t || this.u)`). */
function isTestPosition(node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.LogicalExpression) current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.UnaryExpression) return parent.operator === '!';
  return (
    (parent.type === AST_NODE_TYPES.IfStatement ||
      parent.type === AST_NODE_TYPES.WhileStatement ||
      parent.type === AST_NODE_TYPES.DoWhileStatement ||
      parent.type === AST_NODE_TYPES.ForStatement ||
      parent.type === AST_NODE_TYPES.ConditionalExpression) &&
    'test' in parent &&
    parent.test === current
  );
}

/**
 * Every read of a field named `name` in the file that lets the timer it holds out (see
 * timerReadEscapes): one walk of the program, for a field that a class arms a timer in.
 */
export function timerEscapesIn(
  program: TSESTree.Program,
  name: string,
  localStaysPut: (declarator: TSESTree.VariableDeclarator) => boolean,
): TSESTree.MemberExpression[] {
  const escapes: TSESTree.MemberExpression[] = [];
  const pending: TSESTree.Node[] = [program];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    if (node.type === AST_NODE_TYPES.MemberExpression && staticMemberName(node) === name && timerReadEscapes(node, localStaysPut)) escapes.push(node);
    childNodesOf(node, pending);
  }
  return escapes;
}
