import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isEmptyValue, outermostTypeWrapper, skipTypeWrappers, staticMemberName, storedMemberOf, type OverwriteAssignment } from './field-target.js';
import { addTo, isNeverEmpty } from './initializer.js';
import { promiseLinkOf } from './timer-chain.js';
import { calleeName, emptinessTest } from './value-use.js';
import { childNodesOf, declaredKeyName, enclosingFunction, isFunctionNode, isLoop, patternTargetsOf, storeOf, type FunctionNode } from './syntax-walk.js';

/** The type questions this analysis asks last, of the few stores whose syntax passes. */
export interface OncePerObjectQuestions {
  sourceCode: Readonly<TSESLint.SourceCode>;
  /** Whether the expression is a native promise, which calls a handler at most once. */
  isPromise: (expression: TSESTree.Expression) => boolean;
  /** Whether the value spread into an object literal may bring the key `name`. */
  spreadMayBring: (spread: TSESTree.SpreadElement, name: string) => boolean;
  /** Whether every declaration of the member the store names is in the linted file. */
  declaredInFile: (store: OverwriteAssignment) => boolean;
}

/** A receiver made of a root (an identifier, or `this`) and static member names, without `?.`. */
interface AccessPath {
  root: string;
  members: string[];
}

/** By store: the function whose entry was asked about, and the verdict. */
const verdicts = new WeakMap<TSESTree.Node, { storeFunction: FunctionNode; verdict: boolean }>();

/**
 * Whether the member that `store` overwrites is empty whenever the store runs, because a module
 * function runs once per object and makes the only store of a value into that member in the file:
 *
 *     function init(stream: Stream) {
 *       void load().then((doc) => { stream.s.cursor = open(doc); });
 *     }
 *     function waitForFile(stream: Stream) {
 *       if (!stream.s.init) { init(stream); stream.s.init = true; }
 *     }
 *
 * It holds when:
 * - the store is `p.m….f = v` (or `p.f = v`) with `p` a parameter of a `function` declared at the
 *   top level of a module, not exported, that nothing reassigns; the store is in that function's
 *   body, or in a function created there that is registered once as a handler of a native promise
 *   (`.then(h)`, `.catch(h)`, `.finally(h)`, directly or through a `const` named nowhere else), and
 *   neither the store nor the registration is in a loop of its function;
 * - every mention of the function in the file is a call statement (`init(x)`, `void init(x)`, or
 *   `await init(x)` after the flag's store), the first statement of the branch that an emptiness
 *   test of a flag `x.m….g` takes (`if (!x.m….g)`, `x.m….g == null`, with anything else in the
 *   test before it or plain reads after it), where `x` (a plain read: `a`, `this`, `a.b`) is the
 *   argument passed as `p`; the statement right before or right after the call stores a value that
 *   is never empty into that same flag, so no second call for the object passes its guard; what
 *   runs between the flag's read and its store (the rest of the test, the call's arguments, the
 *   flag's value) runs no code of the file (mayCallBackIntoFile);
 * - when the flag is stored after the call, the function cannot run again before that store: it
 *   runs no code of the file except the handlers it registers (mayCallBackIntoFile), and, unless
 *   it is async (an async function never throws to its caller), its last statement is the store
 *   or the registration, so that it cannot throw after either and leave the flag empty;
 * - in the whole file, nothing else stores into a member named `g` (not even emptying it), and no
 *   field initializer of a derived class gives it one (it runs after the base constructor, which
 *   may have made the call); the members `m…` between `p` and the object are each set once per
 *   instance at one place (a field initializer or a constructor's store outside loops), so the
 *   function and its handler reach the same object; the object was made by the file (madeInFile:
 *   `this` in a class's method, or the last member set to an object literal or `new` of a class of
 *   the file), so that no other module handed it in holding a value; nothing but this store gives
 *   a member named `f` a value (a store, a class field's or a literal's value, a spread whose type
 *   may bring `f`); nothing stores through a key the syntax does not name (`x[k] = v`, `{ [k]: v }`,
 *   `Object.assign`, a proxy, a class decorator) or freezes an object; no getter or setter (or
 *   decorated field) has the name of `f`, `g`, `m…` or a member of `x`;
 * - the member `f` is declared in this file.
 * As everywhere in the rule, code in other files is assumed not to store into the member (it cannot
 * import the function), and here also not to call back into the file while the function runs,
 * except as Node does (`destroy()` calling the file's `_destroy()`, `pause()` emitting to the
 * file's listeners: see mayCallBackIntoFile); a base class's template method calling an override
 * of another name is not seen.
 * Asked of a release-able store through a parameter, when its paths start; the syntax questions
 * first, then one walk of the file (cached), then the type questions.
 */
export function emptyWhenOncePerObjectRuns(
  storeFunction: FunctionNode,
  store: OverwriteAssignment,
  questions: OncePerObjectQuestions,
): boolean {
  const known = verdicts.get(store);
  if (known?.storeFunction === storeFunction) return known.verdict;
  const verdict = decide(storeFunction, store, questions);
  verdicts.set(store, { storeFunction, verdict });
  return verdict;
}

function decide(storeFunction: FunctionNode, store: OverwriteAssignment, questions: OncePerObjectQuestions): boolean {
  // Syntax first: the receiver, the function that runs once, the registration of its handler.
  const member = storedMemberOf(store);
  const field = staticMemberName(member);
  const receiver = accessPathOf(member.object);
  if (field === undefined || !receiver || receiver.root === 'this') return false;
  if (inLoopWithin(store, storeFunction)) return false;
  const once = storeFunction.type === AST_NODE_TYPES.FunctionDeclaration ? storeFunction : enclosingFunction(storeFunction);
  if (once?.type !== AST_NODE_TYPES.FunctionDeclaration || !isModuleFunction(once, questions.sourceCode)) return false;
  const parameterIndex = once.params.findIndex(
    (parameter) => parameter.type === AST_NODE_TYPES.Identifier && parameter.name === receiver.root,
  );
  if (parameterIndex < 0 || !isUnchangedParameter(once, parameterIndex, store, questions.sourceCode)) return false;
  const link = storeFunction === once ? undefined : registrationOf(storeFunction, once, questions.sourceCode);
  if (storeFunction !== once && !link) return false;
  const flagStores = guardedCallSites(once, parameterIndex, receiver.members, questions.sourceCode);
  if (!flagStores) return false;
  // Then the file-wide facts, one walk per file.
  const facts = fileFactsOf(questions.sourceCode.ast);
  if (facts.unnamedWrites || facts.accessors.has(field)) return false;
  if (receiver.members.some((name) => !setOncePerInstance(name, facts))) return false;
  if (!flagStores.objects.every((object) => madeInFile(object, facts))) return false;
  const flag = flagStores.name;
  if (flag === field || receiver.members.includes(flag)) return false;
  // A getter may hand out another object at each read (the guard's, the call's), a setter may drop the flag.
  if (facts.accessors.has(flag) || [...flagStores.argumentMembers].some((name) => facts.accessors.has(name))) return false;
  if (!(facts.stores.get(flag) ?? []).every((write) => flagStores.stores.has(write.node))) return false;
  // A derived class's field initializer runs after the base constructor, which may already have
  // made a guarded call: it clears the flag.
  if (facts.derivedClassFields.has(flag)) return false;
  // Between the flag's read and its store, a getter in the test or an argument, or the stored value's
  // constructor, could reach a guarded call again while the flag is empty.
  if (flagStores.evaluated.some((code) => mayCallBackIntoFile(code, [], facts))) return false;
  if (!(facts.stores.get(field) ?? []).every((write) => write.node === store || write.emptyValue)) return false;
  if ((facts.valuesGiven.get(field) ?? []).length > 0) return false;
  // Set after the call, the flag is still empty while the function runs: code it runs then must not
  // reach a guarded call again (its promise handlers run later, once the flag is set).
  if (flagStores.setAfterCall) {
    if (mayCallBackIntoFile(once.body, link ? [...handlersAt(link), storeFunction] : [], facts)) return false;
    // A synchronous function that throws leaves the flag empty, and runs again: what it did before
    // the throw (a store, a registered handler) must be its last statement.
    if (!once.async && !endsWith(once, link ? link.call : store)) return false;
  }
  // The type questions last.
  if (link && !questions.isPromise(link.promise)) return false;
  if (facts.objectSpreads.some((spread) => questions.spreadMayBring(spread, field))) return false;
  return questions.declaredInFile(store);
}

/** `x`, `this`, `x.y.z` (static names, no `?.`, through type wrappers). */
function accessPathOf(node: TSESTree.Node): AccessPath | undefined {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier) return { root: value.name, members: [] };
  if (value.type === AST_NODE_TYPES.ThisExpression) return { root: 'this', members: [] };
  if (value.type !== AST_NODE_TYPES.MemberExpression || value.optional) return undefined;
  const name = staticMemberName(value);
  const inner = name === undefined || name.startsWith('#') ? undefined : accessPathOf(value.object);
  return inner && name !== undefined ? { root: inner.root, members: [...inner.members, name] } : undefined;
}

function samePath(a: AccessPath, b: AccessPath): boolean {
  return a.root === b.root && a.members.length === b.members.length && a.members.every((name, index) => b.members[index] === name);
}

function inLoopWithin(node: TSESTree.Node, outer: FunctionNode): boolean {
  for (let current = node.parent; current && current !== outer; current = current.parent) {
    if (isLoop(current)) return true;
  }
  return false;
}

const moduleStatements: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.ExportNamedDeclaration,
  AST_NODE_TYPES.ExportDefaultDeclaration,
  AST_NODE_TYPES.ExportAllDeclaration,
  AST_NODE_TYPES.TSExportAssignment,
  AST_NODE_TYPES.TSImportEqualsDeclaration,
]);

/**
 * A `function` declared at the top level of a module, not exported: only this file can name it.
 * A script's top-level function is a global that other scripts may call.
 */
function isModuleFunction(fn: TSESTree.FunctionDeclaration, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return (
    fn.parent.type === AST_NODE_TYPES.Program &&
    fn.parent.sourceType === 'module' &&
    // TypeScript reads a file without a top-level import or export as a script, whose functions are global.
    fn.parent.body.some((statement) => moduleStatements.has(statement.type)) &&
    fn.id !== null &&
    !fn.generator &&
    sourceCode.getScope(fn).upper?.type === TSESLint.Scope.ScopeType.module
  );
}

/** The parameter is a plain identifier that no code reassigns, and the store's receiver names it. */
function isUnchangedParameter(
  fn: TSESTree.FunctionDeclaration,
  index: number,
  store: OverwriteAssignment,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const parameter = fn.params[index];
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = sourceCode.getDeclaredVariables(fn).find((declared) => declared.name === parameter.name && declared.defs.some((def) => def.name === parameter));
  if (!variable || variable.references.some((reference) => reference.isWrite())) return false;
  let root: TSESTree.Node = skipTypeWrappers(storedMemberOf(store).object);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipTypeWrappers(root.object);
  return root.type === AST_NODE_TYPES.Identifier && ASTUtils.findVariable(sourceCode.getScope(root), root) === variable;
}

/**
 * For a function created in `once` (directly in its body, outside loops) and handed once to a
 * promise link (`p.then(h)`, or `const h = …; p.then(h)` with `h` named nowhere else), the
 * promise it is registered on.
 */
function registrationOf(
  handler: FunctionNode,
  once: TSESTree.FunctionDeclaration,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { promise: TSESTree.Expression; call: TSESTree.CallExpression } | undefined {
  if (handler.type === AST_NODE_TYPES.FunctionDeclaration || handler.generator) return undefined;
  if (enclosingFunction(handler) !== once) return undefined;
  let registered: TSESTree.Node = handler;
  const outer = outermostTypeWrapper(handler);
  const declarator = outer.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === outer) {
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.kind !== 'const') return undefined;
    const variable = sourceCode.getDeclaredVariables(declarator).find((declared) => declared.name === (declarator.id as TSESTree.Identifier).name);
    const uses = variable?.references.filter((reference) => reference.identifier !== declarator.id) ?? [];
    const [use] = uses;
    if (uses.length !== 1 || !use) return undefined;
    registered = use.identifier;
  }
  const link = promiseLinkOf(registered);
  if (!link || enclosingFunction(link.link) !== once || inLoopWithin(link.link, once)) return undefined;
  return { promise: link.promise, call: link.link };
}

/**
 * The functions written in a promise link's arguments (`then(onValue, onError)`): they run later.
 * Any other argument (`then(h, onFailure(stream))`) runs now, before the link registers anything.
 */
function handlersAt(link: { call: TSESTree.CallExpression }): TSESTree.Node[] {
  return link.call.arguments.map((argument) => skipTypeWrappers(argument)).filter((argument) => isFunctionNode(argument));
}

/**
 * The flag and its stores when every mention of `once` is a guarded call (see
 * emptyWhenOncePerObjectRuns); undefined otherwise.
 */
function guardedCallSites(
  once: TSESTree.FunctionDeclaration,
  parameterIndex: number,
  members: readonly string[],
  sourceCode: Readonly<TSESLint.SourceCode>,
):
  | { name: string; stores: Set<TSESTree.Node>; setAfterCall: boolean; argumentMembers: Set<string>; objects: GuardedObject[]; evaluated: TSESTree.Node[] }
  | undefined {
  const variable = sourceCode.getDeclaredVariables(once).find((declared) => declared.name === once.id?.name);
  const references = variable?.references ?? [];
  if (references.length === 0) return undefined;
  let flag: string | undefined;
  let setAfterCall = false;
  const stores = new Set<TSESTree.Node>();
  const argumentMembers = new Set<string>();
  const objects: GuardedObject[] = [];
  const evaluated: TSESTree.Node[] = [];
  for (const reference of references) {
    const site = guardedCallAt(reference.identifier, parameterIndex, members);
    if (!site || (flag !== undefined && site.flag !== flag)) return undefined;
    flag = site.flag;
    stores.add(site.store);
    for (const name of site.argument.members) argumentMembers.add(name);
    objects.push({ path: { root: site.argument.root, members: [...site.argument.members, ...members] }, call: reference.identifier });
    evaluated.push(...site.evaluated);
    setAfterCall ||= site.store.range[0] > reference.identifier.range[0];
  }
  return flag === undefined ? undefined : { name: flag, stores, setAfterCall, argumentMembers, objects, evaluated };
}

/** The object whose flag a call site tests (the argument's path and the store's members), and where. */
interface GuardedObject {
  path: AccessPath;
  call: TSESTree.Node;
}

/**
 * Whether the object was made by the file's own code, so that the file-wide search for values given
 * to a member name sees every value it started with: `this` in a class's method (an instance the
 * class built), or a member set once per instance to a new object the file makes. An object handed
 * in by another module (`export function use(c: Connection)`) may already hold one.
 */
function madeInFile(object: GuardedObject, facts: FileFacts): boolean {
  const last = object.path.members.at(-1);
  if (last !== undefined) return setOncePerInstance(last, facts);
  return object.path.root === 'this' && isInstanceThis(object.call);
}

/** Whether `this` at `node` is an instance of the class whose method (or field) holds it. */
function isInstanceThis(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.AccessorProperty) return !current.static;
    if (current.type === AST_NODE_TYPES.StaticBlock) return false;
    if (!isFunctionNode(current) || current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    return current.parent.type === AST_NODE_TYPES.MethodDefinition && !current.parent.static;
  }
  return false;
}

function guardedCallAt(
  mention: TSESTree.Node,
  parameterIndex: number,
  members: readonly string[],
): { flag: string; store: TSESTree.AssignmentExpression; argument: AccessPath; evaluated: TSESTree.Node[] } | undefined {
  const call = mention.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== mention || call.optional) return undefined;
  // `init(x);`, `void init(x);`, or `await init(x);` (other code runs before the statement ends: only
  // after a flag store that comes first).
  const awaited = call.parent.type === AST_NODE_TYPES.AwaitExpression;
  const wrapped = awaited || (call.parent.type === AST_NODE_TYPES.UnaryExpression && call.parent.operator === 'void');
  const statement = wrapped ? call.parent.parent : call.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  // The arguments are plain reads: no code runs between the guard's test and the call.
  const argumentPaths = call.arguments.map((argument) => accessPathOf(argument));
  if (argumentPaths.some((path) => path === undefined)) return undefined;
  const argument = argumentPaths[parameterIndex];
  if (!argument) return undefined;
  const object: AccessPath = { root: argument.root, members: [...argument.members, ...members] };
  // `{ init(x); x.s.g = true; … }` or `{ x.s.g = true; init(x); … }`: the call and the flag's store first.
  const block = statement.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const index = block.body.indexOf(statement);
  const flagStore = index === 0 && !awaited ? block.body[1] : index === 1 ? block.body[0] : undefined;
  const store = flagStore?.type === AST_NODE_TYPES.ExpressionStatement ? flagStore.expression : undefined;
  if (store?.type !== AST_NODE_TYPES.AssignmentExpression || store.operator !== '=' || !isNeverEmpty(store.right)) return undefined;
  const flagMember = skipTypeWrappers(store.left);
  if (flagMember.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const flag = staticMemberName(flagMember);
  const flagObject = accessPathOf(flagMember.object);
  if (flag === undefined || !flagObject || !samePath(flagObject, object)) return undefined;
  const test = block.parent;
  if (test.type !== AST_NODE_TYPES.IfStatement) return undefined;
  // What runs between the flag's read and its store: the test's rest, the arguments, the stored value.
  const evaluated: TSESTree.Node[] = [...call.arguments, store.right];
  return testSaysUnset(test.test, object, flag, test.consequent === block, evaluated) ? { flag, store, argument, evaluated } : undefined;
}

/** Whether `test` shows the flag `<object>.<flag>` empty on the branch taken (the consequent when `consequent`). */
function testSaysUnset(test: TSESTree.Node, object: AccessPath, flag: string, consequent: boolean, after: TSESTree.Node[]): boolean {
  const expression = skipTypeWrappers(test);
  // `a && b` is true only when both are; `a || b` false only when both are. Code that runs after the
  // flag's test (`!x.s.init && ready()`) may run the function first: the rest must be plain tests.
  if (expression.type === AST_NODE_TYPES.LogicalExpression && expression.operator === (consequent ? '&&' : '||')) {
    if (testSaysUnset(expression.right, object, flag, consequent, after)) return true;
    if (!testSaysUnset(expression.left, object, flag, consequent, after) || !isPlainTest(expression.right)) return false;
    after.push(expression.right);
    return true;
  }
  const emptiness = emptinessTest(expression);
  if (!emptiness || emptiness.field.optional || staticMemberName(emptiness.field) !== flag) return false;
  const tested = accessPathOf(emptiness.field.object);
  return tested !== undefined && samePath(tested, object) && emptiness.emptyWhen === consequent;
}

/** A test that runs no code: plain reads, their emptiness tests, `!`, `&&`, `||`. */
function isPlainTest(test: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(test);
  if (expression.type === AST_NODE_TYPES.LogicalExpression) return isPlainTest(expression.left) && isPlainTest(expression.right);
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === '!') return isPlainTest(expression.argument);
  if (expression.type === AST_NODE_TYPES.Literal) return true;
  const emptiness = emptinessTest(expression);
  if (emptiness) return !emptiness.field.optional && accessPathOf(emptiness.field) !== undefined;
  return accessPathOf(expression) !== undefined;
}

// ── What the whole file does to members, by name: one walk per file ──

interface MemberWrite {
  node: TSESTree.Node;
  emptyValue: boolean;
  /** The function whose body the write is in (not counting functions nested in it). */
  inFunction: FunctionNode | undefined;
}

interface FileFacts {
  /** By member name: every store into a member of that name, through any receiver. */
  stores: Map<string, MemberWrite[]>;
  /** By member name: class fields, parameter properties and literal keys that give it a value. */
  valuesGiven: Map<string, TSESTree.Node[]>;
  /** By member name: field initializers and parameter properties (set once per instance). */
  instanceFields: Map<string, TSESTree.Node[]>;
  /** Names of getters and setters (class or literal): reading them may run code. */
  accessors: Set<string>;
  /** `{ ...value }`: may copy any member the value's type declares. */
  objectSpreads: TSESTree.SpreadElement[];
  /**
   * `x[k] = v`, `{ [k]: v }`, `Object.assign(…)`, `Reflect.set(…)`, a `new Proxy(…)`'s traps, a
   * class decorator: writes whose member the syntax does not name; also `Object.freeze(…)`, after
   * which a store throws instead of storing.
   */
  unnamedWrites: boolean;
  /**
   * Names under which code of the file can be called: top-level functions, variables and classes,
   * members of classes, and literal properties holding functions.
   */
  callableNames: Set<string>;
  /** Names of field initializers and parameter properties of classes that extend another class. */
  derivedClassFields: Set<string>;
  /** Names of the classes the file declares. */
  classNames: Set<string>;
  /** The file registers event listeners (`x.on(…)`, `addEventListener`): code that emits may reach them. */
  registersListeners: boolean;
  /** The file names the events `newListener` or `removeListener`: adding a listener may run its code. */
  watchesListeners: boolean;
  /**
   * The file declares a method the language calls without a call in the syntax: `toString`,
   * `valueOf`, `toJSON`, or one under a computed key (`[Symbol.toPrimitive]`, `[Symbol.iterator]`).
   */
  implicitHooks: boolean;
}

const fileFactsCache = new WeakMap<TSESTree.Program, FileFacts>();

/** Methods the language calls on its own: string and number conversion, JSON.stringify. */
const implicitlyCalledMethods: ReadonlySet<string> = new Set(['toString', 'valueOf', 'toJSON', 'toLocaleString']);

/** Calls that add an event listener. */
const listenerRegistrations: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'addEventListener',
]);

function fileFactsOf(program: TSESTree.Program): FileFacts {
  const known = fileFactsCache.get(program);
  if (known) return known;
  const facts: FileFacts = {
    stores: new Map(),
    valuesGiven: new Map(),
    instanceFields: new Map(),
    accessors: new Set(),
    objectSpreads: [],
    unnamedWrites: false,
    callableNames: new Set(),
    derivedClassFields: new Set(),
    classNames: new Set(),
    registersListeners: false,
    watchesListeners: false,
    implicitHooks: false,
  };
  const recordStore = (target: TSESTree.Node, node: TSESTree.Node, emptyValue: boolean, inFunction: FunctionNode | undefined): void => {
    const places = patternTargetsOf(target);
    const storesEmpty = emptyValue && places.length === 1 && places[0] === target;
    for (const place of places) {
      const member = skipTypeWrappers(place);
      if (member.type !== AST_NODE_TYPES.MemberExpression) continue;
      const name = staticMemberName(member);
      if (name === undefined) facts.unnamedWrites = true;
      else addTo(facts.stores, name, { node, emptyValue: storesEmpty, inFunction });
    }
  };
  const visit = (node: TSESTree.Node, inFunction: FunctionNode | undefined): void => {
    const store = storeOf(node);
    if (store) recordStore(store.target, node, store.empties, inFunction);
    switch (node.type) {
      case AST_NODE_TYPES.Property:
        if (node.parent.type === AST_NODE_TYPES.ObjectExpression) {
          const name = declaredKeyName(node);
          if (name === undefined) facts.unnamedWrites = true;
          else {
            if (node.kind !== 'init') facts.accessors.add(name);
            if (node.method || isFunctionNode(node.value)) facts.callableNames.add(name);
            if (node.kind !== 'init' || node.method || !isEmptyValue(node.value)) addTo(facts.valuesGiven, name, node);
          }
        }
        break;
      case AST_NODE_TYPES.SpreadElement:
        if (node.parent.type === AST_NODE_TYPES.ObjectExpression) facts.objectSpreads.push(node);
        break;
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty: {
        const name = node.type === AST_NODE_TYPES.PropertyDefinition ? declaredKeyName(node) : staticKeyOf(node.key, node.computed);
        if (name === undefined) break;
        // A decorated field may become an accessor (a decorator can define a getter and setter for it).
        if (node.type === AST_NODE_TYPES.AccessorProperty || node.decorators.length > 0) facts.accessors.add(name);
        // A `declare` field, or one of a `declare class`, holds what code of another file put there.
        if (!node.declare && !node.parent.parent.declare) facts.callableNames.add(name);
        if (node.static) break;
        if (node.value && node.parent.parent.superClass) facts.derivedClassFields.add(name);
        if (node.value) addTo(facts.instanceFields, name, node);
        if (node.value && !isEmptyValue(node.value)) addTo(facts.valuesGiven, name, node);
        break;
      }
      case AST_NODE_TYPES.MethodDefinition: {
        const name = declaredKeyName(node);
        if (name === undefined || implicitlyCalledMethods.has(name)) facts.implicitHooks = true;
        // A method without a body (`declare class`, an overload) runs code of another file, if any.
        if (name !== undefined && node.value.type !== AST_NODE_TYPES.TSEmptyBodyFunctionExpression) facts.callableNames.add(name);
        if (name !== undefined && (node.kind === 'get' || node.kind === 'set')) facts.accessors.add(name);
        break;
      }
      case AST_NODE_TYPES.TSParameterProperty: {
        const binding = node.parameter.type === AST_NODE_TYPES.AssignmentPattern ? node.parameter.left : node.parameter;
        addTo(facts.instanceFields, binding.name, node);
        addTo(facts.valuesGiven, binding.name, node);
        // constructor(…) → its MethodDefinition → the class body
        const classBody: TSESTree.Node | undefined = node.parent.parent.parent;
        if (classBody?.type !== AST_NODE_TYPES.ClassBody || classBody.parent.superClass) facts.derivedClassFields.add(binding.name);
        break;
      }
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        if (node.id) facts.classNames.add(node.id.name);
        // A class decorator may replace the class by one whose constructor stores anything.
        if (node.decorators.length > 0) facts.unnamedWrites = true;
        break;
      case AST_NODE_TYPES.NewExpression:
        // A proxy's traps decide what any store or read through it does.
        if (calleeName(node.callee) === 'Proxy') facts.unnamedWrites = true;
        break;
      case AST_NODE_TYPES.Literal:
        if (node.value === 'newListener' || node.value === 'removeListener') facts.watchesListeners = true;
        break;
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipTypeWrappers(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && listenerRegistrations.has(staticMemberName(callee) ?? '')) {
          facts.registersListeners = true;
        }
        const name = calleeName(node.callee);
        if (
          name === 'Object.assign' ||
          name === 'Object.defineProperty' ||
          name === 'Object.defineProperties' ||
          name === 'Reflect.set' ||
          name === 'Reflect.defineProperty' ||
          // A frozen object throws at the flag's store, which then never happens.
          name === 'Object.freeze' ||
          name === 'Object.seal' ||
          name === 'Object.preventExtensions'
        ) {
          facts.unnamedWrites = true;
        }
        break;
      }
      default:
        break;
    }
    const inner = isFunctionNode(node) ? node : inFunction;
    for (const child of childNodesOf(node)) visit(child, inner);
  };
  visit(program, undefined);
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (!declaration) continue;
    if (
      (declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) &&
      declaration.id
    ) {
      facts.callableNames.add(declaration.id.name);
    } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        for (const target of patternTargetsOf(declarator.id)) {
          if (target.type === AST_NODE_TYPES.Identifier) facts.callableNames.add(target.name);
        }
      }
    }
  }
  fileFactsCache.set(program, facts);
  return facts;
}

function staticKeyOf(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : undefined;
}

/**
 * Whether every object that has a member `name` gets it once, at creation, so that a path through
 * it reaches the same object each time it is read: in the file, exactly one place sets it, and
 * that place runs once per instance (a field initializer, or a constructor's `this.name = v`
 * outside loops and nested functions), to a new object the file makes (isMadeInFile; not a
 * parameter property's); no other store into a member of that name, not even `delete`.
 */
function setOncePerInstance(name: string, facts: FileFacts): boolean {
  const fields = facts.instanceFields.get(name) ?? [];
  const stores = facts.stores.get(name) ?? [];
  if (facts.accessors.has(name) || fields.length + stores.length !== 1) return false;
  const [store] = stores;
  if (!store) {
    // A parameter property holds an object made elsewhere, which may hold anything.
    const [field] = fields;
    return field?.type === AST_NODE_TYPES.PropertyDefinition && field.value !== null && isMadeInFile(field.value, facts);
  }
  const assignment = store.node;
  const constructor = store.inFunction;
  if (
    assignment.type !== AST_NODE_TYPES.AssignmentExpression ||
    assignment.operator !== '=' ||
    constructor?.type !== AST_NODE_TYPES.FunctionExpression ||
    constructor.parent.type !== AST_NODE_TYPES.MethodDefinition ||
    constructor.parent.kind !== 'constructor'
  ) {
    return false;
  }
  const target = skipTypeWrappers(assignment.left);
  return (
    target.type === AST_NODE_TYPES.MemberExpression &&
    skipTypeWrappers(target.object).type === AST_NODE_TYPES.ThisExpression &&
    !inLoopWithin(assignment, constructor) &&
    isMadeInFile(assignment.right, facts)
  );
}

/**
 * A new object whose members the file's own syntax gives (so that the file-wide search for values
 * given to a member name sees them): an object literal, or `new C(…)` of a class the file declares.
 * An object handed in (`constructor(readonly s: State)`, `this.s = s`, `this.s = make()`) may come
 * from another module with any member already set.
 */
function isMadeInFile(value: TSESTree.Node, facts: FileFacts): boolean {
  const made = skipTypeWrappers(value);
  if (made.type === AST_NODE_TYPES.ObjectExpression) return true;
  if (made.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = skipTypeWrappers(made.callee);
  return callee.type === AST_NODE_TYPES.Identifier && facts.classNames.has(callee.name);
}

/** Dispatchers that call listeners (maybe the file's) before they return. */
const synchronousDispatchers: ReadonlySet<string> = new Set(['emit', 'dispatchEvent']);

/**
 * Node methods that emit an event before they return (a stream's `pause` emits 'pause', `read` and
 * `push` may emit 'data', `pipe` emits 'pipe' on the destination, an AbortController's `abort`
 * dispatches 'abort'): they reach the file's listeners, if any.
 */
const emittingMethods: ReadonlySet<string> = new Set(['pause', 'read', 'push', 'unshift', 'pipe', 'unpipe', 'abort']);

/**
 * Methods of Node's streams that call the implementation's overrides before they return, besides
 * the convention that `m()` calls `_m()` (`destroy()` → `_destroy()`, `read()` → `_read()`).
 */
const streamOverrides: ReadonlyMap<string, readonly string[]> = new Map([
  ['write', ['_write', '_writev']],
  ['end', ['_write', '_writev', '_final']],
  ['uncork', ['_write', '_writev']],
]);

/** Syntax that may call a method the language calls on its own (conversions, iteration, toJSON). */
const convertingSyntax: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.SpreadElement,
  AST_NODE_TYPES.ArrayPattern,
  AST_NODE_TYPES.YieldExpression,
  AST_NODE_TYPES.UpdateExpression,
  AST_NODE_TYPES.UnaryExpression,
]);

/**
 * Whether `code`, apart from the promise handlers it registers, may run code of the file: a call
 * or `new` of a name the file declares callable (or of an event dispatcher), a file's function
 * handed on by name, or a read of a member the file declares as an accessor. Other modules are
 * taken not to call back into the file while they run.
 */
function mayCallBackIntoFile(code: TSESTree.Node, handlers: readonly TSESTree.Node[], facts: FileFacts): boolean {
  const calls = (name: string | undefined): boolean =>
    name !== undefined &&
    (facts.callableNames.has(name) ||
      synchronousDispatchers.has(name) ||
      // An inherited method (of another module) that calls the file's override: `stream.destroy()` → `_destroy()`.
      facts.callableNames.has(`_${name}`) ||
      (streamOverrides.get(name) ?? []).some((override) => facts.callableNames.has(override)) ||
      (facts.registersListeners && emittingMethods.has(name)) ||
      (facts.watchesListeners && (listenerRegistrations.has(name) || name === 'off' || name.startsWith('remove'))));
  const search = (node: TSESTree.Node): boolean => {
    if (handlers.includes(node)) return false;
    // Conversions (`${x}`, `x + ''`, JSON.stringify) and protocols (for…of, spread) call such methods.
    if (facts.implicitHooks && convertingSyntax.has(node.type) && !(node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!')) {
      return true;
    }
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        const callee = skipTypeWrappers(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && calls(staticMemberName(callee))) return true;
        // An imported `emit(…)`, or a destructured one, dispatches as the method does.
        if (callee.type === AST_NODE_TYPES.Identifier && synchronousDispatchers.has(callee.name)) return true;
        break;
      }
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return true;
      case AST_NODE_TYPES.Identifier: {
        const parent = node.parent;
        const isMemberName = parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed;
        const isKey = parent.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && !parent.shorthand;
        if (!isMemberName && !isKey && facts.callableNames.has(node.name)) return true;
        break;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = staticMemberName(node);
        if (name !== undefined && facts.accessors.has(name)) return true;
        break;
      }
      default:
        break;
    }
    return childNodesOf(node).some(search);
  };
  return search(code);
}

/**
 * Whether the function's last statement is `done` (a store, or a promise link call), maybe
 * followed in the same expression by more `.then`/`.catch`/`.finally` links or under `void`:
 * once it has run, the function returns without running anything that could throw.
 */
function endsWith(fn: TSESTree.FunctionDeclaration, done: TSESTree.Node): boolean {
  const last = fn.body.body.at(-1);
  if (last?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  let current: TSESTree.Node = done;
  for (;;) {
    const parent = current.parent;
    if (!parent || parent === last) break;
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void') {
      current = parent;
      continue;
    }
    const call = parent.parent;
    if (
      parent.type !== AST_NODE_TYPES.MemberExpression ||
      parent.object !== current ||
      call?.type !== AST_NODE_TYPES.CallExpression ||
      call.callee !== parent ||
      !['then', 'catch', 'finally'].includes(staticMemberName(parent) ?? '')
    ) {
      return false;
    }
    current = call;
  }
  return last.expression === current;
}
