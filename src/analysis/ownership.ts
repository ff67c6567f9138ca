import { isBuiltinSymbolLike } from '@typescript-eslint/type-utils';
import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { ts } from '../commonjs.js';
import { isValueKeptInOwnField } from './cached-value.js';
import { cachedPerKey } from './per-key-cache.js';
import { firstAtOrAfter } from './sorted-positions.js';
import { skipTypeWrappers, staticMemberName, valueOrigins } from './field-target.js';
import type { ReleaseNames } from './value-use.js';

/**
 * How a class's own code releases a field: `.name` for a method it calls on the field (`.close`,
 * `.Symbol.dispose`, `.kill`), `.context.close` for a tls.SecureContext's native context, and the
 * dotted name of a function it passes the field to (`ReferenceCountUtil.release`).
 */
export type FieldReleaseName = string;

/** The fields a class releases, and with what; per class and per set of release names, computed once. */
interface ClassReleases {
  fields: ReadonlySet<string>;
  byField: ReadonlyMap<string, ReadonlySet<FieldReleaseName>>;
}

const releasesByClass = new WeakMap<TS.ClassLikeDeclaration, Map<string, ClassReleases>>();

/**
 * Whether a class owns `fieldName`'s value because one of its members releases it:
 * `this.f.release()`, `this.f?.[Symbol.dispose]()`, `ReferenceCountUtil.release(this.f)`, or
 * the same on `ClassName.f` for static fields. The class is read through the TypeScript program,
 * so a base class in another file counts as well.
 */
export function ownsField(
  classes: readonly (TS.ClassLikeDeclaration | undefined)[],
  fieldName: string,
  names: ReleaseNames,
): boolean {
  return classes.some((classNode) => classNode !== undefined && releasedFieldsOf(classNode, names).has(fieldName));
}

/** Per program and per set of release names: the field names some class of the program releases. */
const releasedInProgram = new WeakMap<TS.Program, Map<string, ReadonlySet<string>>>();
/** Per source file (reused by the next program while the file is unchanged), the same for its classes. */
const releasedInFile = new WeakMap<TS.SourceFile, Map<string, ReadonlySet<string>>>();

/**
 * The names of the fields that some class of the program releases (`releasedFieldsOf` of every class
 * in a source file; declaration files have no bodies to release in). A field whose name is not here
 * is owned by no class, whichever class declares it: a store of a value it did not make needs no
 * checker question. Each file is read once while it is unchanged.
 */
export function fieldNamesReleasedInProgram(program: TS.Program, names: ReleaseNames): ReadonlySet<string> {
  const namesKey = releaseNamesKey(names);
  return cachedPerKey(releasedInProgram, program, namesKey, () => {
    const released = new Set<string>();
    for (const sourceFile of program.getSourceFiles()) {
      if (sourceFile.isDeclarationFile) continue;
      for (const name of fieldNamesReleasedInFile(sourceFile, names, namesKey)) released.add(name);
    }
    return released;
  });
}

function fieldNamesReleasedInFile(sourceFile: TS.SourceFile, names: ReleaseNames, namesKey: string): ReadonlySet<string> {
  return cachedPerKey(releasedInFile, sourceFile, namesKey, () => {
    const released = new Set<string>();
    const classes = classesOf(sourceFile);
    const words = classes.size > 0 ? releaseWordsIn(sourceFile, names, namesKey) : undefined;
    for (const classNode of classes) {
      if (words && !namesReleaseWord(words, classNode)) continue;
      for (const name of releasedFieldsOf(classNode, names)) released.add(name);
    }
    return released;
  });
}

/** Per source file and per set of release names: where its text names a release word. */
const releaseWordsByFile = new WeakMap<TS.SourceFile, Map<string, readonly number[] | undefined>>();

/**
 * Where a file's text names a word that a release must name (a release method, the last name of a
 * release function, `dispose`, `asyncDispose`, `close`, `kill`), in order; undefined when the text
 * holds an escape, with which an identifier could spell one unseen. A class member that names none
 * releases nothing, so `releasedFieldsOf` need not read it. Words in comments, strings or longer
 * names count too: at worst a member is read for nothing.
 */
function releaseWordsIn(sourceFile: TS.SourceFile, names: ReleaseNames, namesKey: string): readonly number[] | undefined {
  return cachedPerKey(releaseWordsByFile, sourceFile, namesKey, () => {
    const text = sourceFile.text;
    if (text.includes('\\u')) return undefined;
    const positions: number[] = [];
    for (const word of releaseWordsOf(names)) {
      for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
        // Not inside a longer name: no identifier character of ASCII on either side.
        if (!isAsciiNameCharacter(text.charCodeAt(at - 1)) && !isAsciiNameCharacter(text.charCodeAt(at + word.length))) {
          positions.push(at);
        }
      }
    }
    return positions.sort((left, right) => left - right);
  });
}

function releaseWordsOf(names: ReleaseNames): Set<string> {
  const words = new Set(['dispose', 'asyncDispose', 'close', 'kill', ...names.methods]);
  for (const entity of names.functions) words.add(entity.slice(entity.lastIndexOf('.') + 1));
  words.delete('');
  return words;
}

/** `A`–`Z`, `a`–`z`, `0`–`9`, `_`, `$` (NaN, before the start or past the end, is none). */
function isAsciiNameCharacter(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36
  );
}

/** Whether a release word lies within the node's text (its leading comments included). */
function namesReleaseWord(positions: readonly number[], node: TS.Node): boolean {
  const first = firstAtOrAfter(positions, node.pos);
  return first < positions.length && (positions[first] ?? Infinity) < node.end;
}

/**
 * Every class of a file, found from the `class` keywords in its text rather than by walking every
 * node: the deepest node around each occurrence, then up to its class. An occurrence in a comment, a
 * string or a longer name finds at worst a class found anyway. TypeScript still parses an escaped
 * keyword (`cl\u0061ss`, reported as an error but kept in the program as a class), so a file whose
 * text holds an escape is walked whole.
 */
function classesOf(sourceFile: TS.SourceFile): Set<TS.ClassLikeDeclaration> {
  const found = new Set<TS.ClassLikeDeclaration>();
  const text = sourceFile.text;
  if (text.includes('\\u')) {
    const visit = (node: TS.Node): void => {
      if (ts.isClassLike(node)) found.add(node);
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return found;
  }
  for (let at = text.indexOf('class'); at !== -1; at = text.indexOf('class', at + 5)) {
    let node: TS.Node = sourceFile;
    for (;;) {
      const child = ts.forEachChild(node, (candidate) => (candidate.pos <= at && at < candidate.end ? candidate : undefined));
      if (!child) break;
      node = child;
    }
    for (let current = node; !ts.isSourceFile(current); current = current.parent) {
      if (ts.isClassLike(current)) {
        found.add(current);
        break;
      }
    }
  }
  return found;
}

/** A key that tells two sets of names apart whatever characters the options' names hold. */
function releaseNamesKey(names: ReleaseNames): string {
  return JSON.stringify([[...names.methods], [...names.functions]]);
}

export function releasedFieldsOf(classNode: TS.ClassLikeDeclaration, names: ReleaseNames): ReadonlySet<string> {
  return releasesOf(classNode, names).fields;
}

/**
 * How the classes' own code releases `fieldName` (see FieldReleaseName): read from the same scan as
 * ownsField, so asking it of a finding costs nothing more.
 */
export function releasesOfField(
  classes: readonly (TS.ClassLikeDeclaration | undefined)[],
  fieldName: string,
  names: ReleaseNames,
): ReadonlySet<FieldReleaseName> {
  const found = new Set<FieldReleaseName>();
  for (const classNode of new Set(classes)) {
    if (!classNode) continue;
    for (const release of releasesOf(classNode, names).byField.get(fieldName) ?? []) found.add(release);
  }
  return found;
}

function releasesOf(classNode: TS.ClassLikeDeclaration, names: ReleaseNames): ClassReleases {
  const namesKey = releaseNamesKey(names);
  return cachedPerKey(releasesByClass, classNode, namesKey, () => classReleases(classNode, names, namesKey));
}

function classReleases(classNode: TS.ClassLikeDeclaration, names: ReleaseNames, namesKey: string): ClassReleases {
  const released = new Set<string>();
  const byField = new Map<string, Set<FieldReleaseName>>();
  const record = (field: string | undefined, release: FieldReleaseName): void => {
    if (field === undefined) return;
    released.add(field);
    let releases = byField.get(field);
    if (!releases) {
      releases = new Set();
      byField.set(field, releases);
    }
    releases.add(release);
  };
  const className = classNode.name?.text;
  const fieldNameOf = (expression: TS.Expression): string | undefined => {
    const field = skipTsWrappers(expression);
    if (!ts.isPropertyAccessExpression(field) && !ts.isElementAccessExpression(field)) return undefined;
    const receiver = skipTsWrappers(field.expression);
    const onClass =
      receiver.kind === ts.SyntaxKind.ThisKeyword ||
      (className !== undefined && ts.isIdentifier(receiver) && receiver.text === className);
    if (!onClass) return undefined;
    if (ts.isPropertyAccessExpression(field)) return field.name.text;
    return ts.isStringLiteralLike(field.argumentExpression) ? field.argumentExpression.text : undefined;
  };
  // `const socket = this.socket; socket?.destroy();`: a local that a member reads the field into.
  let aliases = new Map<string, string>();
  const releasedFieldOf = (expression: TS.Expression): string | undefined => {
    const value = skipTsWrappers(expression);
    return ts.isIdentifier(value) ? aliases.get(value.text) : fieldNameOf(value);
  };
  const visit = (node: TS.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const field = fieldNameOf(node.initializer);
      if (field !== undefined && ts.isVariableDeclarationList(node.parent) && (node.parent.flags & ts.NodeFlags.Const) !== 0) {
        aliases.set(node.name.text, field);
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = skipTsWrappers(node.expression);
      if (node.arguments.length === 0 && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
        const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.argumentExpression.getText();
        if (names.methods.has(method) || method === 'Symbol.dispose' || method === 'Symbol.asyncDispose') {
          record(releasedFieldOf(callee.expression), `.${method}`);
        }
        // `this.f.context.close()`: a tls.SecureContext's native context.
        const nativeContext = skipTsWrappers(callee.expression);
        if (method === 'close' && ts.isPropertyAccessExpression(nativeContext) && nativeContext.name.text === 'context') {
          record(releasedFieldOf(nativeContext.expression), '.context.close');
        }
      }
      // `this.child.kill('SIGTERM')`: a class that ends a child process owns it, whatever the signal.
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'kill') {
        record(releasedFieldOf(callee.expression), '.kill');
      }
      const firstArgument = node.arguments[0];
      const functionName = entityText(callee);
      if (firstArgument && names.functions.has(functionName)) {
        record(releasedFieldOf(firstArgument), functionName);
      }
    }
    ts.forEachChild(node, visit);
  };
  const words = releaseWordsIn(classNode.getSourceFile(), names, namesKey);
  for (const member of classNode.members) {
    if (words && !namesReleaseWord(words, member)) continue;
    aliases = new Map();
    visit(member);
  }
  return { fields: released, byField };
}

/**
 * The expression under type-only wrappers (parentheses, `as`, `!`, `satisfies`, `<T>`); with
 * `throughEvaluation`, also under `await` and `void`, for questions about which value is touched.
 */
export function skipTsWrappers(expression: TS.Expression, throughEvaluation = false): TS.Expression {
  let current = expression;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    (throughEvaluation && (ts.isAwaitExpression(current) || ts.isVoidExpression(current)))
  ) {
    current = current.expression;
  }
  return current;
}

function entityText(expression: TS.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return `${entityText(expression.expression)}.${expression.name.text}`;
  return '';
}

/**
 * Whether the stored value is freshly made, so the field owns it: a `new`, or a call (or an
 * `await` of one) that is not a borrowing read such as `Map.prototype.get`,
 * `WeakRef.prototype.deref` or `Array.prototype.pop`, nor a detached child process. Looks through `as`, `!`,
 * `satisfies`, `?:` and `??`.
 */
export function isFreshValue(value: TSESTree.Node, services: ParserServicesWithTypeInformation): boolean {
  return valueOrigins(value, true).some(
    (origin) =>
      origin.type === AST_NODE_TYPES.NewExpression ||
      (origin.type === AST_NODE_TYPES.CallExpression &&
        !isBorrowingRead(origin, services) &&
        !isDetachedChildProcess(origin, services) &&
        !isValueKeptInOwnField(origin)),
  );
}

/**
 * Standard-library methods that hand out a value a container holds, by the container interfaces
 * (as the default library declares them) whose values they hand out: `map.get(k)`, `ref.deref()`,
 * and an array's `pop()`, `shift()`, `at(i)`, `find(…)`, `findLast(…)`, which like `list[i]` read
 * an element the code put there (a tree cursor's `this.top = this.stack.pop()!` takes back a node
 * that is still in the tree). They make nothing, so the store alone does not own the value.
 * Iterating a Set or a Map gives no value through a call (`.next().value` is a property read).
 */
const containerReads = new Map<string, readonly string[]>([
  ['get', ['Map', 'ReadonlyMap', 'WeakMap']],
  ['deref', ['WeakRef']],
  ['pop', ['Array']],
  ['shift', ['Array']],
  ['at', ['Array', 'ReadonlyArray']],
  ['find', ['Array', 'ReadonlyArray']],
  ['findLast', ['Array', 'ReadonlyArray']],
]);

/**
 * A read of a value a standard container holds (`containerReads`): the value stays owned by the
 * container, or by whoever put it there. By the receiver's type, so a class of the user's own
 * with a `pop()` or `get()` (not built on Array or Map) still makes its values.
 */
export function isBorrowingRead(call: TSESTree.CallExpression, services: ParserServicesWithTypeInformation): boolean {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = staticMemberName(callee);
  const containers = method === undefined ? undefined : containerReads.get(method);
  if (!containers) return false;
  const receiverType = services.getTypeAtLocation(callee.object);
  return isBuiltinSymbolLike(services.program, receiverType, [...containers]);
}

/**
 * A borrowing read after which the container still holds the value (`map.get(k)`, `ref.deref()`,
 * `list.at(i)`), unlike `pop()` and `shift()`, which take the element out: the code that stores
 * it then holds it alone.
 */
export function keepsReadValue(call: TSESTree.CallExpression, services: ParserServicesWithTypeInformation): boolean {
  const callee = skipTypeWrappers(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticMemberName(callee) : undefined;
  return method !== 'pop' && method !== 'shift' && isBorrowingRead(call, services);
}

const childProcessFactories = new Set(['spawn', 'fork', 'exec', 'execFile']);

/**
 * `spawn(cmd, args, { detached: true })` (also `fork`, `exec`, `execFile`) from node:child_process:
 * a daemon meant to outlive this process, so storing it is not owning it; killing it on overwrite
 * would end what the program started on purpose. The class still owns it when it kills or
 * releases the field somewhere (`ownsField`). Syntax first, the checker only for a match.
 */
export function isDetachedChildProcess(call: TSESTree.CallExpression, services: ParserServicesWithTypeInformation): boolean {
  const callee = skipTypeWrappers(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? staticMemberName(callee)
        : undefined;
  if (name === undefined || !childProcessFactories.has(name)) return false;
  if (!call.arguments.some(isDetachedOptions)) return false;
  const declarations = services.getTypeAtLocation(callee).getSymbol()?.declarations ?? [];
  return declarations.length > 0 && declarations.every(isInChildProcessModule);
}

/** An options object literal that says `detached: true`. */
function isDetachedOptions(argument: TSESTree.CallExpressionArgument): boolean {
  const options = skipTypeWrappers(argument);
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return options.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      ((property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'detached') ||
        (property.key.type === AST_NODE_TYPES.Literal && property.key.value === 'detached')) &&
      property.value.type === AST_NODE_TYPES.Literal &&
      property.value.value === true,
  );
}

/** Declared inside `declare module 'child_process'` (or 'node:child_process'), as @types/node does. */
function isInChildProcessModule(declaration: TS.Declaration): boolean {
  for (let node: TS.Node = declaration; !ts.isSourceFile(node); node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      return node.name.text === 'child_process' || node.name.text === 'node:child_process';
    }
  }
  return false;
}
