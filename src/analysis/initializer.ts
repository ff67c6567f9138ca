import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  outermostTypeWrapper,
  skipTypeWrappers,
  staticMemberName,
  storedMemberOf,
  thisMemberName,
  type OverwriteAssignment,
} from './field-target.js';
import { othersRunAfterInitializer, type AssertsCondition } from './initializer-order.js';
import { thisOwnerOf } from './own-field.js';
import { childNodesOf, declaredKeyName, isFunctionNode, patternTargetsOf, storeOf, type FunctionNode } from './syntax-walk.js';
import { calleeName, emptinessTest } from './value-use.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * Why a function runs while its instance's fields still hold what the class declared them with:
 * - `constructor`: the constructor;
 * - `initMethod`: a method the user named in `initMethods` (or decorated with a named decorator);
 * - `streamStart`: the `start` arrow of an underlying sink/source/transformer created in a
 *   constructor, which `new WritableStream(…)`/`ReadableStream`/`TransformStream` calls once, while
 *   constructing;
 * - `onceMethod`: a private method that a guard field lets run at most once per instance, or the
 *   async IIFE it stores into that guard.
 *
 * For the last two, this answer is a candidate from the syntax around the function alone;
 * `fieldEmptyWhenInitializerRuns` decides, per field, with the class-wide checks.
 */
export type InitializerKind = 'constructor' | 'initMethod' | 'streamStart' | 'onceMethod';

/** Constructors whose first argument's `start` runs exactly once, during construction (WHATWG Streams). */
const streamConstructors: ReadonlySet<string> = new Set(['WritableStream', 'ReadableStream', 'TransformStream']);

export function initializerKindOf(node: TSESTree.Node, initMethods: readonly string[]): InitializerKind | undefined {
  const parent = node.parent;
  if (node.type === AST_NODE_TYPES.FunctionExpression && parent?.type === AST_NODE_TYPES.MethodDefinition) {
    if (parent.value !== node || parent.static) return undefined;
    if (parent.kind === 'constructor') return 'constructor';
    if (parent.kind !== 'method') return undefined;
    if (isNamedInitMethod(parent, initMethods)) return 'initMethod';
    return onceMethodShapeOf(parent) ? 'onceMethod' : undefined;
  }
  if (node.type !== AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  if (parent?.type === AST_NODE_TYPES.Property) return isStreamStartInConstructor(node) ? 'streamStart' : undefined;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    const method = methodStoringGuardIife(node);
    return method && onceMethodShapeOf(method) ? 'onceMethod' : undefined;
  }
  return undefined;
}

/**
 * Whether the code around a node is, in ESLint's code paths, a constructor or a method named in
 * `initMethods`: the innermost function decides; a field's initializer and a static block are
 * code paths of their own.
 */
export function runsAsInitializer(node: TSESTree.Node, initMethods: readonly string[]): boolean {
  for (let current = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (isFunctionNode(current)) {
      const kind = initializerKindOf(current, initMethods);
      return kind === 'constructor' || kind === 'initMethod';
    }
    if (current.type === AST_NODE_TYPES.StaticBlock) return false;
    if (
      (parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.AccessorProperty) &&
      parent.value === current
    ) {
      return false;
    }
  }
  return false;
}

function isNamedInitMethod(method: TSESTree.MethodDefinition, initMethods: readonly string[]): boolean {
  if (method.computed) return false;
  const name = method.key.type === AST_NODE_TYPES.Identifier ? method.key.name : undefined;
  if (name !== undefined && initMethods.includes(name)) return true;
  return method.decorators.some((decorator) => {
    const expression =
      decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression;
    const decoratorName =
      expression.type === AST_NODE_TYPES.Identifier
        ? expression.name
        : expression.type === AST_NODE_TYPES.MemberExpression && expression.property.type === AST_NODE_TYPES.Identifier
          ? expression.property.name
          : undefined;
    return decoratorName !== undefined && initMethods.includes(`@${decoratorName}`);
  });
}

/**
 * `new WritableStream({ start: () => {…} })` evaluated once per constructor run: directly in the
 * constructor's body, outside any loop or nested function. Only an arrow: a `start() {…}` method or
 * `function` has the sink object as its `this`, so it cannot store into the instance through `this`.
 */
function isStreamStartInConstructor(start: TSESTree.ArrowFunctionExpression): boolean {
  const property = start.parent;
  if (property.type !== AST_NODE_TYPES.Property || property.value !== start || property.kind !== 'init') return false;
  if (declaredKeyName(property) !== 'start') return false;
  const literal = property.parent;
  if (literal.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const argument = outermostTypeWrapper(literal);
  const construction = argument.parent;
  if (
    construction?.type !== AST_NODE_TYPES.NewExpression ||
    construction.arguments[0] !== argument ||
    construction.callee.type !== AST_NODE_TYPES.Identifier ||
    !streamConstructors.has(construction.callee.name)
  ) {
    return false;
  }
  for (let current: TSESTree.Node | undefined = construction.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return false;
      case AST_NODE_TYPES.FunctionExpression:
        return current.parent.type === AST_NODE_TYPES.MethodDefinition && current.parent.kind === 'constructor';
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.StaticBlock:
        return false;
      default:
        break;
    }
  }
  return false;
}

/** A private instance method with a body: the only kind whose every caller is in the class. */
function isPrivateMethod(method: TSESTree.MethodDefinition): boolean {
  return (
    method.kind === 'method' &&
    !method.static &&
    !method.value.generator &&
    (method.key.type === AST_NODE_TYPES.PrivateIdentifier || method.accessibility === 'private')
  );
}

/**
 * The cheap syntax gate for a once-per-instance method: private, and either it stores a value that
 * cannot be empty into a field of `this` as its first statement (the guard of `if (!this.g) this.m()`),
 * or it is async (its result, a promise, is the guard of `this.g ??= this.m()`).
 */
function onceMethodShapeOf(method: TSESTree.MethodDefinition): boolean {
  return isPrivateMethod(method) && (guardStoredFirst(method) !== undefined || method.value.async);
}

/** `this.g = <never empty>` as the method's first statement: the guard's name and the store. */
function guardStoredFirst(
  method: TSESTree.MethodDefinition,
): { name: string; store: TSESTree.AssignmentExpression } | undefined {
  const first = method.value.body?.body[0];
  if (first?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const store = first.expression;
  if (store.type !== AST_NODE_TYPES.AssignmentExpression || store.operator !== '=') return undefined;
  const name = thisMemberName(store.left);
  return name !== undefined && isNeverEmpty(store.right) ? { name, store } : undefined;
}

/** For the arrow of `this.g = (async () => {…})();`, the first statement of a method: that method. */
function methodStoringGuardIife(arrow: TSESTree.ArrowFunctionExpression): TSESTree.MethodDefinition | undefined {
  const call = arrow.parent;
  if (!arrow.async || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== arrow) return undefined;
  const store = outermostTypeWrapper(call).parent;
  if (store?.type !== AST_NODE_TYPES.AssignmentExpression || store.right !== outermostTypeWrapper(call)) return undefined;
  const statement = store.parent;
  const body = statement.parent;
  const method = body?.parent?.parent;
  if (
    statement.type !== AST_NODE_TYPES.ExpressionStatement ||
    body?.type !== AST_NODE_TYPES.BlockStatement ||
    body.body[0] !== statement ||
    method?.type !== AST_NODE_TYPES.MethodDefinition ||
    method.value !== body.parent
  ) {
    return undefined;
  }
  return method;
}

/**
 * A value that is an object whenever the store completes, so that `!this.g` and `this.g == null`
 * are false afterwards: `new X()`, a literal object, array or function, a truthy literal, or the
 * promise an async IIFE returns (it never throws synchronously).
 */
export function isNeverEmpty(expression: TSESTree.Node): boolean {
  const value = skipTypeWrappers(expression);
  switch (value.type) {
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
      return true;
    case AST_NODE_TYPES.Literal:
      return Boolean(value.value) || 'regex' in value;
    case AST_NODE_TYPES.CallExpression: {
      const callee = skipTypeWrappers(value.callee);
      return (
        (callee.type === AST_NODE_TYPES.ArrowFunctionExpression || callee.type === AST_NODE_TYPES.FunctionExpression) &&
        callee.async &&
        !callee.generator
      );
    }
    default:
      return false;
  }
}

// ── Class-wide facts, gathered once per class, only for a class with a candidate initializer ──

/** One store into a member of some name, anywhere in the class, through any receiver. */
export interface MemberStore {
  assignment: TSESTree.Node;
  emptyValue: boolean;
  /** The function whose body the store is in (not counting the functions nested in it). */
  inFunction: FunctionNode | undefined;
  /** Whether every member it stores into is one of `this` (`this.f = v`, not `other.f = v`). */
  throughThis: boolean;
}

interface ClassMembers {
  /** By member name (`#name` for private names): every store into a member of that name. */
  stores: Map<string, MemberStore[]>;
  /** By member name: every member expression or destructured key that names it. */
  mentions: Map<string, TSESTree.Node[]>;
  /** `this[key] = v`, `Object.assign(this, …)`, `Reflect.set(this, …)`: stores whose field the syntax does not name. */
  hasUnnamedStores: boolean;
  /** Where those are. */
  unnamedStores: TSESTree.Node[];
  /** Classes by the name they are declared under (`class C`, `const C = class`), to follow `extends C`. */
  classesByName: Map<string, ClassNode>;
  /** The once-per-instance verdict of each private method asked about. */
  onceMethods: Map<TSESTree.MethodDefinition, boolean>;
  /** By initializer and field name: whether the field's other stores run only after the initializer's. */
  orderedAfter: WeakMap<FunctionNode, Map<string, boolean>>;
}

const classMembersCache = new WeakMap<ClassNode | TSESTree.Program, ClassMembers>();

function classMembersOf(classNode: ClassNode): ClassMembers {
  const known = classMembersCache.get(classNode);
  if (known) return known;
  const members = membersIn(classNode.body.body);
  classMembersCache.set(classNode, members);
  return members;
}

/** The same facts for a whole file: the stores into members that code outside a class makes. */
function fileMembersOf(program: TSESTree.Program): ClassMembers {
  const known = classMembersCache.get(program);
  if (known) return known;
  const members = membersIn(program.body);
  classMembersCache.set(program, members);
  return members;
}

function membersIn(roots: readonly TSESTree.Node[]): ClassMembers {
  const members: ClassMembers = {
    stores: new Map(),
    mentions: new Map(),
    hasUnnamedStores: false,
    unnamedStores: [],
    classesByName: new Map(),
    onceMethods: new Map(),
    orderedAfter: new WeakMap(),
  };
  const recordStore = (target: TSESTree.Node, assignment: TSESTree.Node, emptyValue: boolean, inFunction: FunctionNode | undefined): void => {
    const places = patternTargetsOf(target);
    // Only a plain target can be emptied by the store (`this.f = null`); a pattern place gets a part of a value.
    const storesEmpty = emptyValue && places.length === 1 && places[0] === target;
    const storedMembers = places.map((place) => skipTypeWrappers(place)).filter((place) => place.type === AST_NODE_TYPES.MemberExpression);
    const throughThis = storedMembers.every((member) => skipTypeWrappers(member.object).type === AST_NODE_TYPES.ThisExpression);
    for (const member of storedMembers) {
      const name = staticMemberName(member);
      if (name !== undefined) addTo(members.stores, name, { assignment, emptyValue: storesEmpty, inFunction, throughThis });
      else if (skipTypeWrappers(member.object).type === AST_NODE_TYPES.ThisExpression) recordUnnamedStore(assignment);
    }
  };
  const recordUnnamedStore = (store: TSESTree.Node): void => {
    members.hasUnnamedStores = true;
    members.unnamedStores.push(store);
  };

  const visit = (node: TSESTree.Node, inFunction: FunctionNode | undefined): void => {
    const store = storeOf(node);
    if (store) recordStore(store.target, node, store.empties, inFunction);
    switch (node.type) {
      case AST_NODE_TYPES.MemberExpression: {
        const name = staticMemberName(node);
        if (name !== undefined) addTo(members.mentions, name, node);
        break;
      }
      case AST_NODE_TYPES.Property:
        // `const { m } = this`: a destructured key names the member too.
        if (node.parent.type === AST_NODE_TYPES.ObjectPattern) {
          const name = declaredKeyName(node);
          if (name !== undefined) addTo(members.mentions, name, node);
        }
        break;
      case AST_NODE_TYPES.BinaryExpression:
        // `#m in other`
        if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) addTo(members.mentions, `#${node.left.name}`, node);
        break;
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(node.callee);
        const first = node.arguments[0];
        if (
          (name === 'Object.assign' ||
            name === 'Object.defineProperty' ||
            name === 'Object.defineProperties' ||
            name === 'Reflect.set' ||
            name === 'Reflect.defineProperty') &&
          first !== undefined &&
          skipTypeWrappers(first).type === AST_NODE_TYPES.ThisExpression
        ) {
          recordUnnamedStore(node);
        }
        break;
      }
      case AST_NODE_TYPES.ClassDeclaration:
        if (node.id) members.classesByName.set(node.id.name, node);
        break;
      case AST_NODE_TYPES.VariableDeclarator:
        if (node.id.type === AST_NODE_TYPES.Identifier && node.init?.type === AST_NODE_TYPES.ClassExpression) {
          members.classesByName.set(node.id.name, node.init);
        }
        break;
      default:
        break;
    }
    const inner =
      node.type === AST_NODE_TYPES.FunctionExpression ||
      node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      node.type === AST_NODE_TYPES.FunctionDeclaration
        ? node
        : inFunction;
    for (const child of childNodesOf(node)) visit(child, inner);
  };
  for (const root of roots) visit(root, undefined);
  return members;
}

/**
 * Every store into a member named `name` (`#name` for a private name) that may store into an
 * instance of the class, as far as its file shows: in the class, through any receiver; elsewhere
 * in the file, through any receiver but the `this` of a class that is neither a subclass nor a base
 * class of it (`cache.f = null` in a function, `this.f = null` in a subclass). Undefined when such
 * code also stores into members its syntax does not name (`this[key] = v`, `Object.assign(this, …)`),
 * any of which could be that member. A subclass in another file is not seen.
 */
export function classStoresInto(classNode: ClassNode, name: string): readonly MemberStore[] | undefined {
  const members = classMembersOf(classNode);
  if (members.hasUnnamedStores) return undefined;
  const file = fileMembersOf(programOf(classNode));
  const reachesInstance = (store: TSESTree.Node, throughThis: boolean): boolean =>
    !contains(classNode, store) && (!throughThis || thisMayBeInstanceOf(store, classNode, file.classesByName));
  if (file.unnamedStores.some((store) => reachesInstance(store, true))) return undefined;
  const fromElsewhere = (file.stores.get(name) ?? []).filter((store) => reachesInstance(store.assignment, store.throughThis));
  return [...(members.stores.get(name) ?? []), ...fromElsewhere];
}

function programOf(classNode: ClassNode): TSESTree.Program {
  let current: TSESTree.Node = classNode;
  while (current.type !== AST_NODE_TYPES.Program) current = current.parent;
  return current;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * Whether `this` at `node` (outside `classNode`) may be an instance of it: in a method of a subclass
 * or of a base class, or in a `function`, whose `this` is whatever it is called on. Not in a static
 * member, nor in a class whose chain of `extends` in this file leads neither to nor from it.
 */
function thisMayBeInstanceOf(node: TSESTree.Node, classNode: ClassNode, classesByName: ReadonlyMap<string, ClassNode>): boolean {
  const owner = thisOwnerOf(node);
  if (!owner) return true;
  if (owner.isStatic) return false;
  return derivesFrom(owner.classNode, classNode, classesByName) || derivesFrom(classNode, owner.classNode, classesByName);
}

/** Whether `derived` extends `base`, directly or through classes of the file; a mixin call may. */
function derivesFrom(derived: ClassNode, base: ClassNode, classesByName: ReadonlyMap<string, ClassNode>): boolean {
  const seen = new Set<ClassNode>();
  for (let current: ClassNode | undefined = derived; current && !seen.has(current); ) {
    seen.add(current);
    if (!current.superClass) return false;
    const superClass = skipTypeWrappers(current.superClass);
    // `extends Mixin(Base)`, `extends ns.Base`: not followed, so maybe.
    if (superClass.type !== AST_NODE_TYPES.Identifier) return true;
    current = classesByName.get(superClass.name);
    if (current === base) return true;
  }
  // A class imported or global is not one of this file's: it does not extend them.
  return false;
}

/**
 * Whether a private method runs at most once per instance: every mention of it in its class is a
 * direct `this.m(…)` call, made only while a guard field is empty, which then stays non-empty:
 * - `if (!this.g) { this.m(…); … }` (or `this.g == null`, or the `else` of `if (this.g)`), with the
 *   call as the branch's first statement and the method storing a never-empty value into `this.g`
 *   as its own first statement; or
 * - `this.g ??= this.m(…)` / `this.g ||= this.m(…)` with an async method (its result is a promise).
 * The guard is a private field of the class, stored nowhere else in the class (not even emptied),
 * and the call's arguments are plain reads, which cannot call the method before it runs.
 */
function runsOncePerInstance(classNode: ClassNode, method: TSESTree.MethodDefinition): boolean {
  const members = classMembersOf(classNode);
  const known = members.onceMethods.get(method);
  if (known !== undefined) return known;
  const verdict = decideOncePerInstance(classNode, method, members);
  members.onceMethods.set(method, verdict);
  return verdict;
}

function decideOncePerInstance(classNode: ClassNode, method: TSESTree.MethodDefinition, members: ClassMembers): boolean {
  const name = declaredKeyName(method);
  if (!isPrivateMethod(method) || name === undefined || members.hasUnnamedStores) return false;
  // A decorator gets the method itself and may have it called again (`@OnEvent('reset')`).
  if (method.decorators.length > 0) return false;
  const mentions = members.mentions.get(name) ?? [];
  if (mentions.length === 0) return false;
  const firstStore = guardStoredFirst(method);
  const guardStores = new Set<TSESTree.Node>();
  let guard: string | undefined;
  for (const mention of mentions) {
    const site = guardedCallSite(mention);
    if (!site || (guard !== undefined && site.guard !== guard)) return false;
    guard = site.guard;
    if (site.store) {
      if (!method.value.async) return false;
      guardStores.add(site.store);
    } else {
      if (firstStore?.name !== guard) return false;
      guardStores.add(firstStore.store);
    }
  }
  if (guard === undefined || !declaresPrivateField(classNode, guard)) return false;
  return (members.stores.get(guard) ?? []).every((store) => guardStores.has(store.assignment));
}

/** For a mention of a method, the guard of the guarded call it is part of, or undefined. */
function guardedCallSite(mention: TSESTree.Node): { guard: string; store?: TSESTree.AssignmentExpression } | undefined {
  if (mention.type !== AST_NODE_TYPES.MemberExpression || mention.computed || mention.optional) return undefined;
  if (mention.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const call = mention.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== mention || call.optional) return undefined;
  if (!call.arguments.every(isPlainRead)) return undefined;
  const user = call.parent;
  // `this.g ??= this.m(…)`: the test and the call are one expression.
  if (
    user.type === AST_NODE_TYPES.AssignmentExpression &&
    (user.operator === '??=' || user.operator === '||=') &&
    user.right === call
  ) {
    const guard = thisMemberName(user.left);
    return guard === undefined ? undefined : { guard, store: user };
  }
  // `if (!this.g) { this.m(…); … }`: the call is the first thing the empty branch does.
  if (user.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const block = user.parent;
  const branch = block.type === AST_NODE_TYPES.BlockStatement && block.body[0] === user ? block : user;
  const test = branch.parent;
  if (test.type !== AST_NODE_TYPES.IfStatement) return undefined;
  const emptiness = emptinessTest(test.test);
  if (!emptiness || emptiness.field.optional) return undefined;
  const guard = thisMemberName(emptiness.field);
  const emptyBranch = emptiness.emptyWhen ? test.consequent : test.alternate;
  return guard !== undefined && emptyBranch === branch ? { guard } : undefined;
}

/** An argument that reads without running code of the class: `x`, `1`, `this.a.b`. */
export function isPlainRead(argument: TSESTree.Node): boolean {
  const value = skipTypeWrappers(argument);
  switch (value.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ThisExpression:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return !value.computed && isPlainRead(value.object);
    default:
      return false;
  }
}

function declaresPrivateField(classNode: ClassNode, name: string): boolean {
  return classNode.body.body.some(
    (member) =>
      member.type === AST_NODE_TYPES.PropertyDefinition &&
      !member.static &&
      declaredKeyName(member) === name &&
      (member.key.type === AST_NODE_TYPES.PrivateIdentifier || member.accessibility === 'private'),
  );
}

export function declaresInstanceField(classNode: ClassNode, name: string): boolean {
  return classNode.body.body.some(
    (member) =>
      member.type === AST_NODE_TYPES.PropertyDefinition &&
      !member.static &&
      declaredKeyName(member) === name,
  );
}

/**
 * Whether the class shares its field `name` with other classes by its declaration: `protected`
 * (written by subclasses), or `declare`/`override` (declared by a base class too, whose methods
 * store into it). A class-wide look at the stores into such a field misses some of them.
 */
export function sharesFieldWithOtherClasses(classNode: ClassNode, name: string): boolean {
  return classNode.body.body.some((member) => {
    if (member.type === AST_NODE_TYPES.PropertyDefinition) {
      return !member.static && declaredKeyName(member) === name && (member.accessibility === 'protected' || member.declare || member.override);
    }
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') return false;
    return member.value.params.some((parameter) => {
      if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) return false;
      const binding = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
      return binding.name === name && (parameter.accessibility === 'protected' || parameter.override);
    });
  });
}

/** The class whose constructor creates the stream, or that declares the once-per-instance method. */
function instanceClassOf(initializer: FunctionNode, kind: 'streamStart' | 'onceMethod'): ClassNode | undefined {
  let method: TSESTree.MethodDefinition | undefined;
  if (kind === 'onceMethod') {
    method =
      initializer.parent.type === AST_NODE_TYPES.MethodDefinition
        ? initializer.parent
        : initializer.type === AST_NODE_TYPES.ArrowFunctionExpression
          ? methodStoringGuardIife(initializer)
          : undefined;
    const classNode = method?.parent.parent;
    return method && classNode && runsOncePerInstance(classNode, method) ? classNode : undefined;
  }
  for (let current: TSESTree.Node | undefined = initializer.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.MethodDefinition) return current.parent.parent;
  }
  return undefined;
}

/**
 * Whether the field that `store` (a store into `this.<field>` in an initializer) overwrites still
 * holds what the class declared it with when the initializer starts; the caller has already checked
 * that the declaration gives it nothing (`= null`, no initializer). A constructor or a named init
 * method: yes. A stream's `start` or a once-per-instance method runs once, but maybe after other
 * code of the class (after the constructor's earlier statements, after other methods, or, past an
 * `await`, beside them): yes only when the class declares the field itself and no other function
 * in it stores anything but `null`/`undefined` into a member of that name, unless that store can
 * only run after the initializer's own stores or as part of them (src/analysis/initializer-order.ts:
 * a private method only the initializer calls, or code behind a flag the initializer sets when it is
 * done). `initializerNode` is the function whose start is asked about: the store's own, or a caller
 * of the private method that makes the store (a constructor calling `this.open()`).
 * `assertsCondition` answers the type question of `assert(this.ready)`.
 */
export function fieldEmptyWhenInitializerRuns(
  store: OverwriteAssignment,
  initializerNode: TSESTree.Node,
  initMethods: readonly string[],
  assertsCondition: AssertsCondition,
): boolean {
  const initializer = isFunctionNode(initializerNode) ? initializerNode : undefined;
  const kind = initializer && initializerKindOf(initializer, initMethods);
  if (kind === 'constructor' || kind === 'initMethod') return true;
  if (!initializer || !kind) return false;
  const field = thisMemberName(storedMemberOf(store));
  const classNode = instanceClassOf(initializer, kind);
  if (field === undefined || !classNode || !declaresInstanceField(classNode, field)) return false;
  // A once-run method runs after the constructor has returned: code outside the class may have stored into a field it can reach.
  if (kind === 'onceMethod' && !declaresPrivateField(classNode, field)) return false;
  const members = classMembersOf(classNode);
  if (members.hasUnnamedStores) return false;
  const stores = members.stores.get(field) ?? [];
  if (stores.every((other) => other.emptyValue || other.inFunction === initializer)) return true;
  // Rarer, and dearer: another store of a value, which may still be ordered after the initializer's.
  let byField = members.orderedAfter.get(initializer);
  if (!byField) {
    byField = new Map();
    members.orderedAfter.set(initializer, byField);
  }
  const known = byField.get(field);
  if (known !== undefined) return known;
  const ordered = othersRunAfterInitializer({
    classNode,
    initializer,
    own: stores.filter((other) => !other.emptyValue && other.inFunction === initializer),
    others: stores.filter((other) => !other.emptyValue && other.inFunction !== initializer),
    storesOf: (name) => members.stores.get(name) ?? [],
    assertsCondition,
  });
  byField.set(field, ordered);
  return ordered;
}

/** Adds `value` to the list that `map` keeps under `name`. */
export function addTo<Value>(map: Map<string, Value[]>, name: string, value: Value): void {
  const list = map.get(name);
  if (list) list.push(value);
  else map.set(name, [value]);
}
