import { typeMatchesSpecifier, type TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type * as TS from 'typescript';
import { getWellKnownSymbolPropertyOfType, ts } from '../commonjs.js';
import type { RuleOptions } from '../rules/options.js';
import type { ReleaseCall } from './finding.js';
import { isNodeTypesFile } from './node-types.js';

/** The options that decide whether a type is release-able. */
export type ReleaseOptions = Pick<RuleOptions, 'releaseMethods' | 'releaseFunctions' | 'types'>;

/** A web stream's writer and readers, as TypeScript's DOM library and Node's `stream/web` declare them. */
const streamLockNames = ['WritableStreamDefaultWriter', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader'];

/**
 * Types that are release-able by what they are rather than by their methods, asked before the
 * `releaseMethods` (after the `types` option):
 * - Node's `tls.SecureContext` holds a native context that only GC frees, and GC sees about 1 KiB
 *   of it; so it counts as release-able although its type has no release method.
 * - A web stream's writer or reader is a lock on its stream: dropping it keeps the stream locked
 *   for good, and its release is `releaseLock()`. Its `close()` (a default release method) would
 *   close the stream itself, which the code may still use or close its own way.
 */
const builtInReleasables: readonly { specifiers: TypeOrValueSpecifier[]; release: ReleaseCall }[] = [
  {
    specifiers: [
      { from: 'package', package: 'tls', name: 'SecureContext' },
      { from: 'package', package: 'node:tls', name: 'SecureContext' },
    ],
    release: { kind: 'secureContext' },
  },
  {
    specifiers: [
      { from: 'lib', name: streamLockNames },
      // Node's global types declare them in `stream/web` when no DOM library is loaded.
      { from: 'package', package: 'stream/web', name: streamLockNames },
      { from: 'package', package: 'node:stream/web', name: streamLockNames },
    ],
    release: { kind: 'method', name: 'releaseLock' },
  },
];

/**
 * Release methods that count on any value, whatever the options say: `releaseLock()` of a
 * stream's writer or reader (builtInReleasables).
 */
export const builtInReleaseMethods: readonly string[] = ['releaseLock'];

const nullishFlags = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;
const neverReleasableFlags = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never;

/** Answers per options (by value, since each linted file gets its own options object) and per type. */
const answersByOptions = new Map<string, WeakMap<TS.Type, ReleaseCall | null>>();

/**
 * How a value of `type` is released, or undefined when it is not release-able. Judged on the
 * non-nullish part: a union counts when every non-nullish member does, a type parameter through
 * its constraint; `any`/`unknown` never count. The `types` option is asked first, so that an
 * entry with `release: false` silences a built-in or a release method.
 */
export function releaseCallFor(
  type: TS.Type,
  program: TS.Program,
  options: ReleaseOptions,
): ReleaseCall | undefined {
  const optionsKey = JSON.stringify([options.releaseMethods, options.releaseFunctions, options.types]);
  let answers = answersByOptions.get(optionsKey);
  if (!answers) {
    answers = new WeakMap();
    answersByOptions.set(optionsKey, answers);
  }
  const known = answers.get(type);
  if (known !== undefined) return known ?? undefined;
  const answer = decide(type, program, options, 0);
  answers.set(type, answer ?? null);
  return answer;
}

function decide(
  type: TS.Type,
  program: TS.Program,
  options: ReleaseOptions,
  depth: number,
): ReleaseCall | undefined {
  if (depth > 8 || (type.flags & neverReleasableFlags) !== 0) return undefined;
  const checker = program.getTypeChecker();
  if (type.isUnion()) {
    const members = type.types.filter((member) => (member.flags & nullishFlags) === 0);
    let first: ReleaseCall | undefined;
    for (const member of members) {
      const call = decide(member, program, options, depth + 1);
      if (!call) return undefined;
      first ??= call;
    }
    return first;
  }
  if ((type.flags & nullishFlags) !== 0) return undefined;
  if (type.isTypeParameter()) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint && constraint !== type ? decide(constraint, program, options, depth + 1) : undefined;
  }
  for (const entry of options.types) {
    if (typeMatchesSpecifier(type, entry.type, program)) {
      if (entry.release === false) return undefined;
      return 'method' in entry.release
        ? { kind: 'method', name: entry.release.method }
        : { kind: 'function', name: entry.release.function, ...fromOf(entry.release.from) };
    }
  }
  for (const builtIn of builtInReleasables) {
    if (builtIn.specifiers.some((specifier) => typeMatchesSpecifier(type, specifier, program))) {
      return builtIn.release;
    }
  }
  // Node's timer handle: `clearTimeout(old)` rather than its close(), so that the fix also runs
  // in a browser build of the same code, where the handle is a number. It clears an interval too.
  if (options.releaseFunctions.includes('clearTimeout') && isNodeTimeout(type)) return nodeTimerRelease;
  for (const name of options.releaseMethods) {
    if (hasNoArgumentMethod(type, name, checker)) return byTypeMethods({ kind: 'method', name });
  }
  if (hasCallableSymbolMethod(type, 'dispose', checker)) return byTypeMethods({ kind: 'dispose' });
  if (hasCallableSymbolMethod(type, 'asyncDispose', checker)) return byTypeMethods({ kind: 'asyncDispose' });
  return undefined;
}

/**
 * Releases chosen only because the type has the method (the first of `releaseMethods`, then
 * `[Symbol.dispose]`/`[Symbol.asyncDispose]`), not by a `types` entry or a built-in: the ones that
 * the release a class already uses on its field may replace (releaseUsedByClass).
 */
const chosenByTypeMethods = new WeakSet<ReleaseCall>();

function byTypeMethods(release: ReleaseCall): ReleaseCall {
  chosenByTypeMethods.add(release);
  return release;
}

/**
 * The release to write for a field whose type releaseCallFor answered `release`, given how the
 * class's own code releases that field (releasesOfField): when that is exactly one method the type
 * has with no arguments needed (or `[Symbol.dispose]()`/`[Symbol.asyncDispose]()`), that one. A type
 * with both `close()` and `dispose()` may mean two different ends (a lumino Menu: `close()` hides a
 * submenu that is reopened later, `dispose()` destroys it): the class's own choice says which one
 * ends the values this field holds. A `types` entry or a built-in release (a stream's
 * `releaseLock()`, a SecureContext, a Node timer) is kept, and so is the type's default when the
 * class uses none, several, or a release function.
 */
export function releaseUsedByClass(
  release: ReleaseCall,
  type: TS.Type,
  usedByClass: ReadonlySet<string>,
  program: TS.Program,
): ReleaseCall {
  if (!chosenByTypeMethods.has(release) || usedByClass.size !== 1) return release;
  const [used] = usedByClass;
  const checker = program.getTypeChecker();
  let candidate: ReleaseCall;
  let typeHasIt: (member: TS.Type) => boolean;
  if (used === '.Symbol.dispose' || used === '.Symbol.asyncDispose') {
    const symbolName = used === '.Symbol.dispose' ? 'dispose' : 'asyncDispose';
    candidate = { kind: symbolName };
    typeHasIt = (member) => hasCallableSymbolMethod(member, symbolName, checker);
  } else if (used !== undefined && /^\.[^.]+$/.test(used) && used !== '.kill') {
    // A method of the release names (`.close`). Not `.kill`: a class may kill with a signal of its
    // own, which a fix would drop; not a release function (`ReferenceCountUtil.release`) nor a
    // SecureContext's `.context.close`.
    const name = used.slice(1);
    candidate = { kind: 'method', name };
    typeHasIt = (member) => hasNoArgumentMethod(member, name, checker);
  } else {
    return release;
  }
  if (releaseCallText(candidate) === releaseCallText(release)) return release;
  return everyMember(type, typeHasIt, checker) ? candidate : release;
}

/** Whether every non-nullish member of the type (through a type parameter's constraint) passes. */
function everyMember(type: TS.Type, passes: (member: TS.Type) => boolean, checker: TS.TypeChecker, depth = 0): boolean {
  if (depth > 8) return false;
  if (type.isUnion()) {
    const members = type.types.filter((member) => (member.flags & nullishFlags) === 0);
    return members.length > 0 && members.every((member) => everyMember(member, passes, checker, depth + 1));
  }
  if (type.isTypeParameter()) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint !== undefined && constraint !== type && everyMember(constraint, passes, checker, depth + 1);
  }
  return passes(type);
}

/** The release of Node's timer handle: one object, so that it is told apart from a `types` entry's clearTimeout. */
const nodeTimerRelease: ReleaseCall = Object.freeze({ kind: 'function', name: 'clearTimeout' });

/** Whether `release` is the built-in release of Node's timer handle (not a configured function of that name). */
export function isNodeTimerRelease(release: ReleaseCall): boolean {
  return release === nodeTimerRelease;
}

/** `NodeJS.Timeout` (what `setTimeout`/`setInterval` return with node types), as @types/node declares it. */
function isNodeTimeout(type: TS.Type): boolean {
  const symbol = type.getSymbol();
  if (symbol?.name !== 'Timeout') return false;
  const declarations = symbol.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => isNodeTypesFile(declaration.getSourceFile()));
}

function fromOf(from: string | undefined): { from?: string } {
  return from === undefined ? {} : { from };
}

/**
 * A member `name` that can be called with no arguments (keeps out `unsubscribe(type, name)`), and
 * from outside its class: a `private` or `protected` one is an internal step of the class's own
 * release (`private dispose()` behind a public `[Symbol.dispose]()`), which a fix in another class
 * could not call.
 */
function hasNoArgumentMethod(type: TS.Type, name: string, checker: TS.TypeChecker): boolean {
  const member = checker.getPropertyOfType(type, name);
  return (
    member !== undefined &&
    !(member.declarations ?? []).some(
      (declaration) => (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0,
    ) &&
    callableWithoutArguments(member, checker)
  );
}

function hasCallableSymbolMethod(
  type: TS.Type,
  symbolName: 'dispose' | 'asyncDispose',
  checker: TS.TypeChecker,
): boolean {
  const member = getWellKnownSymbolPropertyOfType(type, symbolName, checker);
  return member !== undefined && callableWithoutArguments(member, checker);
}

function callableWithoutArguments(member: TS.Symbol, checker: TS.TypeChecker): boolean {
  const memberType = checker.getTypeOfSymbol(member);
  return memberType
    .getNonNullableType()
    .getCallSignatures()
    .some((signature) => signature.parameters.every((parameter) => isOptionalParameter(parameter)));
}

function isOptionalParameter(parameter: TS.Symbol): boolean {
  const declaration = parameter.valueDeclaration;
  return (
    declaration !== undefined &&
    ts.isParameter(declaration) &&
    (declaration.questionToken !== undefined ||
      declaration.initializer !== undefined ||
      declaration.dotDotDotToken !== undefined)
  );
}

/** The release call as the message shows it: `release()`, `[Symbol.dispose]()`, `ReferenceCountUtil.release()`. */
export function releaseCallText(call: ReleaseCall): string {
  switch (call.kind) {
    case 'method':
      return `${call.name}()`;
    case 'dispose':
      return '[Symbol.dispose]()';
    case 'asyncDispose':
      return '[Symbol.asyncDispose]()';
    case 'function':
      return `${call.name}()`;
    case 'secureContext':
      return 'context.close()';
  }
}

/** True when the type admits null/undefined (the old value may be absent). */
export function isNullableType(type: TS.Type): boolean {
  if ((type.flags & (nullishFlags | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) return true;
  return type.isUnion() && type.types.some((member) => (member.flags & nullishFlags) !== 0);
}
