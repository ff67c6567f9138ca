import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { ts } from '../commonjs.js';
import {
  fieldDeclarationOf,
  startsUnassigned,
  typeMayBringProperty,
  type FieldDeclaration,
} from '../analysis/field-declaration.js';
import {
  memberStoresIn,
  overwriteTargetOf,
  skipTypeWrappers,
  storedMemberOf,
  storesBackKeptValue,
  type FieldRef,
  type OverwriteAssignment,
} from '../analysis/field-target.js';
import { assertsTruthy, onlyChecksArgument } from '../analysis/assertion.js';
import { oldValueMayBeBorrowed } from '../analysis/borrowed-value.js';
import type { Finding, FindingKind, ReleaseCall } from '../analysis/finding.js';
import { inheritedMethodEffect } from '../analysis/inherited-method.js';
import { fieldEmptyWhenInitializerRuns, runsAsInitializer } from '../analysis/initializer.js';
import { oldValuePaths, type OldValueVerdict } from '../analysis/old-value-paths.js';
import { fieldNamesReleasedInProgram, isFreshValue, ownsField, releasesOfField } from '../analysis/ownership.js';
import { isPerConnectionSource } from '../analysis/per-connection.js';
import { fieldWritesIn, isNativePromiseType, mayBeInstanceOf, mayNameField } from '../analysis/timer-chain.js';
import { ownFieldStartsEmpty, ownLiteralKeyMayBeEmpty, storesIntoPrimitiveField } from '../analysis/own-field.js';
import { listenerOnValueStoresInto } from '../analysis/own-handlers.js';
import { onlyReadsArguments } from '../analysis/standard-readers.js';
import {
  builtInReleaseMethods,
  isNodeTimerRelease,
  isNullableType,
  releaseCallFor,
  releaseCallText,
  releaseUsedByClass,
} from '../analysis/releasable.js';
import { analysisStats, findingObservers } from '../analysis/stats.js';
import { takesStreamLockOfKeptStream } from '../analysis/stream-lock.js';
import { calleeName, type ReleaseNames } from '../analysis/value-use.js';
import { fixMessages, type FixMessageIds } from '../fixes/messages.js';
import { planRepair } from '../fixes/index.js';
import { createRule } from './create-rule.js';
import type { Options, RuleOptions } from './options.js';
import { checkOrder, defaultRuleOptions, optionsSchema } from './options.js';

export type MessageIds = 'overwrite' | 'releasedTooEarly' | 'releaseBeforeAssign' | FixMessageIds;

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A store's field whose declared type is release-able, and how to release it. */
interface ReleasableField {
  field: FieldDeclaration;
  release: ReleaseCall;
}

/** A store whose old value the paths are asked to judge. */
interface StoreToJudge {
  store: OverwriteAssignment;
  target: FieldRef;
  /** Its field's type, when asked before the paths (a constructor's store is asked after them). */
  releasable: ReleasableField | undefined;
}

export const rule = createRule<Options, MessageIds>({
  name: 'no-unreleased-overwrite',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow overwriting a field that owns a release-able value without releasing the previous value',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    // The suggestions come from planRepair (src/fixes), which this lint rule cannot see into.
    // eslint-disable-next-line eslint-plugin/require-meta-has-suggestions
    hasSuggestions: true,
    schema: optionsSchema,
    defaultOptions: [defaultRuleOptions],
    messages: {
      ...fixMessages,
      overwrite:
        '`{{target}}` ({{type}}) is overwritten without releasing the previous value; call `{{release}}` on it after the assignment.',
      releasedTooEarly:
        '`{{target}}` ({{type}}) is released before an `await`/`yield` that runs before the new value is assigned, so other code can see the released value; release it after the assignment.',
      releaseBeforeAssign:
        '`{{target}}` ({{type}}) is released before the new value is assigned; if building the new value throws, the field keeps a released value. Release it after the assignment.',
    },
  },
  create(context, [options]) {
    checkOrder(context.id, options.order);
    const services = ESLintUtils.getParserServices(context);
    const names = releaseNamesOf(options);
    /** Asked twice of a store (is its field release-able? does it start empty?): once of the checker. */
    const declarations = new WeakMap<OverwriteAssignment, FieldDeclaration | undefined>();
    // Syntax, then ownership, then the type, before any path: only a store into a release-able
    // field that its class may own is worth a path analysis. A file without one (most files: a
    // library of functions, or classes that hold no release-able value) installs no listener.
    const storesToJudge = new Map<TSESTree.AssignmentExpression, StoreToJudge>();
    const constructorStores: StoreToJudge[] = [];
    for (const assignment of memberStoresIn(context.sourceCode)) {
      const candidate = ownedStoreOf(assignment);
      if (!candidate) continue;
      // A constructor's first stores, most stores of a class, are settled by the paths ("nothing
      // there yet") without the checker: their type waits for the paths, once the file has paths.
      if (candidate.target.onThis && runsAsInitializer(assignment, options.initMethods)) {
        constructorStores.push(candidate);
        continue;
      }
      const releasable = releasableFieldOf(candidate.store);
      if (releasable) storesToJudge.set(assignment, { ...candidate, releasable });
    }
    // A file whose other stores need no paths: the constructor's stores are asked their type now,
    // since one into a release-able field is what it takes to need them.
    let needsPaths = storesToJudge.size > 0;
    for (const candidate of constructorStores) {
      if (!needsPaths) {
        const releasable = releasableFieldOf(candidate.store);
        if (!releasable) continue;
        storesToJudge.set(candidate.store, { ...candidate, releasable });
        needsPaths = true;
      } else {
        storesToJudge.set(candidate.store, candidate);
      }
    }
    if (!needsPaths) return {};
    const paths = oldValuePaths(context, {
      names,
      initMethods: options.initMethods,
      startsUnassigned: ({ assignment }, initializer) => {
        // Syntax first: code that runs once per instance must pass class-wide checks (a constructor passes).
        if (!fieldEmptyWhenInitializerRuns(assignment, initializer, options.initMethods, (call) => assertsTruthy(call, services))) return false;
        // A field the class declares itself: its declaration says it, without the checker.
        const fromOwnBody = ownFieldStartsEmpty(storedMemberOf(assignment));
        if (fromOwnBody !== undefined) return fromOwnBody;
        const field = declarationOfStore(assignment);
        return field !== undefined && startsUnassigned(field, tsClassOf(enclosingClass(assignment)));
      },
      spreadMayBring: (spread, name) =>
        typeMayBringProperty(services.getTypeAtLocation(spread.argument), name, services.program.getTypeChecker()),
      isPromise: (expression) => isNativePromiseType(services.getTypeAtLocation(expression), services.program),
      declaredInFile: (store) => {
        // The store's field, resolved once for the type question that came before the paths.
        const declaration = declarationOfStore(store)?.declaration;
        return declaration !== undefined && declaration.getSourceFile() === services.esTreeNodeToTSNodeMap.get(context.sourceCode.ast);
      },
      mayBeInstanceOf: (receiver, classNode) => {
        const tsClass = tsClassOf(classNode);
        return !tsClass || mayBeInstanceOf(services.getTypeAtLocation(receiver), tsClass, services.program.getTypeChecker());
      },
      mayNameField: (key) => mayNameField(services.getTypeAtLocation(key)),
      onlyReadsArgument: (call, index, inLiteral) =>
        onlyReadsArguments(call, services) || (!inLiteral && onlyChecksArgument(call, index, services, context.sourceCode, names)),
      inheritedMethodEffect: (thisClass, methodName, fieldName) => {
        const assigningClass = tsClassOf(thisClass);
        return (
          assigningClass &&
          inheritedMethodEffect(assigningClass, methodName, fieldName, services.program.getTypeChecker(), names)
        );
      },
    });

    function declarationOfStore(store: OverwriteAssignment): FieldDeclaration | undefined {
      if (declarations.has(store)) return declarations.get(store);
      const field = fieldDeclarationOf(storedMemberOf(store), services);
      declarations.set(store, field);
      return field;
    }

    /**
     * A store that may drop a value its class owns, or undefined when nothing can be reported of
     * it whatever its type and paths.
     */
    function ownedStoreOf(assignment: TSESTree.AssignmentExpression): StoreToJudge | undefined {
      // `X.f = v` / `X.f &&= v` into a named field, v neither the field nor a primitive.
      const target = overwriteTargetOf(assignment);
      if (!target || storesBackKeptValue(assignment, target, (node) => context.sourceCode.getScope(node))) return undefined;
      analysisStats.overwritesSeen++;
      const store = assignment as OverwriteAssignment;
      // A field the class declares as a number, a string, a flag…: nothing to release, ever.
      if (storesIntoPrimitiveField(storedMemberOf(store))) return undefined;
      // A value the store did not make, into a field that no class of the program releases: no
      // class owns it (see owns), so there is nothing to report, and nothing to ask the checker.
      if (!fieldNamesReleasedInProgram(services.program, names).has(target.name) && !isFreshValue(store.right, services)) {
        analysisStats.unownedStores++;
        return undefined;
      }
      return { store, target, releasable: undefined };
    }

    /** The kind of report the paths call for, or undefined when the old value is handled. */
    function findingKindOf(verdict: OldValueVerdict): FindingKind | undefined {
      if (verdict.dropped) return 'overwrite';
      if (verdict.releasedThenSuspended) return 'releasedTooEarly';
      if (verdict.releasedBefore && options.order === 'release-after-assign') return 'releaseBeforeAssign';
      return undefined;
    }

    function tsClassOf(classNode: ClassNode | undefined): TS.ClassLikeDeclaration | undefined {
      return classNode && services.esTreeNodeToTSNodeMap.get(classNode);
    }

    function owns(assignment: OverwriteAssignment, fieldName: string, field: FieldDeclaration): boolean {
      return (
        isFreshValue(assignment.right, services) ||
        ownsField([field.declaringClass, tsClassOf(enclosingClass(assignment))], fieldName, names)
      );
    }

    /**
     * The release-able field a store overwrites, or undefined: the target must be a data property
     * whose declared type is release-able. Asked before the paths, so that only the few stores into
     * release-able fields cost a path analysis (most stores of a file are into other fields).
     */
    function releasableFieldOf(store: OverwriteAssignment): ReleasableField | undefined {
      const field = declarationOfStore(store);
      if (!field) return undefined;
      if ((field.type.flags & ts.TypeFlags.Any) === 0) analysisStats.fieldsTyped++;
      const release = releaseCallFor(field.type, services.program, options);
      if (!release) return undefined;
      analysisStats.releasableFields++;
      return { field, release };
    }

    /**
     * The finding of `kind` for a store into a release-able field whose old value the paths have
     * judged, or undefined when there is nothing to report (the field holds nothing yet, or it does
     * not own its value).
     */
    function findingFor(
      store: OverwriteAssignment,
      target: FieldRef,
      { field, release }: ReleasableField,
      kind: FindingKind,
      oldValue: OldValueVerdict,
    ): Finding | undefined {
      const member = storedMemberOf(store);
      // `new Holder().f = v`: like the constructor's first store, into a field that holds nothing yet.
      if (skipTypeWrappers(member.object).type === AST_NODE_TYPES.NewExpression && startsUnassigned(field, undefined)) {
        return undefined;
      }
      if (!owns(store, target.name, field)) return undefined;
      // `this.w = this.s.getWriter()`: throws while an old writer of the stream still holds its lock.
      if (kind === 'overwrite' && takesStreamLockOfKeptStream(store, services)) return undefined;
      return {
        kind,
        assignment: store,
        target: context.sourceCode.getText(member),
        fieldName: target.name.replace(/^#/, ''),
        typeText: services.program.getTypeChecker().typeToString(field.type),
        release: releaseWrittenFor(release, field, store, target.name),
        mayBeEmpty: isNullableType(field.type) || field.mayBeUnset || oldValue.mayBeUnassigned || ownLiteralKeyMayBeEmpty(member),
        oldValueHandledOnSomePath: kind === 'overwrite' && oldValue.handledOnSomePath,
        releaseRunsFieldListener: fieldListenerStoresInto(store, target),
        emptiesAfterOwnRefill: kind === 'overwrite' && oldValue.emptiesAfterOwnRefill,
        oldValueMayBeBorrowed:
          kind === 'overwrite' && oldValueMayBeBorrowed(context.sourceCode, services, store, target.name, initializerOf(field)),
        ...(oldValue.earlyRelease && kind !== 'overwrite' ? { earlyRelease: oldValue.earlyRelease } : {}),
        ...(release.kind === 'secureContext'
          ? { perConnectionSource: isPerConnectionSource(enclosingClass(store), target.name) }
          : {}),
      };
    }

    /**
     * The release a finding names and its fix writes: the type's (releasableFieldOf), or the one
     * method the class's own code releases this field with (`this.childMenu.close()` where the type
     * also has `dispose()`), or clearInterval for a timer field filled only by setInterval.
     */
    function releaseWrittenFor(release: ReleaseCall, field: FieldDeclaration, store: OverwriteAssignment, fieldName: string): ReleaseCall {
      const classes = [field.declaringClass, tsClassOf(enclosingClass(store))];
      const usedByClass = releasesOfField(classes, fieldName, names);
      return releaseUsedByClass(timerReleaseOf(release, fieldName), field.type, usedByClass, services.program);
    }

    /**
     * The value a field declared in this file starts with: its initializer (`agent = http.globalAgent`)
     * or a parameter property's default value (`constructor(private agent = http.globalAgent)`).
     */
    function initializerOf({ declaration }: FieldDeclaration): TSESTree.Node | undefined {
      if (!declaration || declaration.getSourceFile() !== services.esTreeNodeToTSNodeMap.get(context.sourceCode.ast)) {
        return undefined;
      }
      // Typed as always mapped; a node the parser did not map must not make the rule throw.
      let node = services.tsNodeToESTreeNodeMap.get(declaration) as TSESTree.Node | undefined;
      if (node?.type === AST_NODE_TYPES.PropertyDefinition) return node.value ?? undefined;
      if (node?.type === AST_NODE_TYPES.TSParameterProperty) node = node.parameter;
      return node?.type === AST_NODE_TYPES.AssignmentPattern ? node.right : undefined;
    }

    /**
     * `clearInterval` for a Node timer field that the file fills only with `setInterval(…)` (none
     * with `setTimeout(…)`): the same call as clearTimeout, read as meant. Not for a `types` entry's
     * own clearTimeout (`from` a module of the code's own). Asked of findings only.
     */
    function timerReleaseOf(release: ReleaseCall, fieldName: string): ReleaseCall {
      if (!isNodeTimerRelease(release) || !options.releaseFunctions.includes('clearInterval')) {
        return release;
      }
      const made = new Set<string | undefined>();
      for (const { store } of fieldWritesIn(context.sourceCode.ast, fieldName)) {
        const value = store && skipTypeWrappers(store.right);
        if (value?.type === AST_NODE_TYPES.CallExpression) made.add(calleeName(value.callee)?.split('.').pop());
      }
      return made.has('setInterval') && !made.has('setTimeout') ? { kind: 'function', name: 'clearInterval' } : release;
    }

    function report(finding: Finding): void {
      analysisStats.reports++;
      for (const observe of findingObservers) observe(finding);
      context.report({
        node: storedMemberOf(finding.assignment),
        messageId: finding.kind,
        data: { target: finding.target, type: finding.typeText, release: releaseCallText(finding.release) },
        // planRepair's suggestions use the fixer's own message ids, which are part of MessageIds.
        ...planRepair(context, finding),
      });
    }

    return {
      ...paths.listeners,
      AssignmentExpression(assignment) {
        const judged = storesToJudge.get(assignment);
        if (!judged) return;
        paths.whenOldValueKnown({
          assignment: judged.store,
          target: judged.target,
          answer(oldValue) {
            const kind = findingKindOf(oldValue);
            if (!kind) return;
            const releasable = judged.releasable ?? releasableFieldOf(judged.store);
            const finding = releasable && findingFor(judged.store, judged.target, releasable, kind, oldValue);
            if (finding) report(finding);
          },
        });
      },
    };
  },
});

function releaseNamesOf(options: RuleOptions): ReleaseNames {
  const methods = new Set([...options.releaseMethods, ...builtInReleaseMethods]);
  const functions = new Set(options.releaseFunctions);
  for (const entry of options.types) {
    if (entry.release === false) continue;
    if ('method' in entry.release) methods.add(entry.release.method);
    else functions.add(entry.release.function);
  }
  if (options.releaseWith) functions.add(options.releaseWith.function);
  return { methods, functions };
}

/** Whether a listener the class adds to the values of the stored `this` field stores into it (own-handlers.ts). */
function fieldListenerStoresInto(store: OverwriteAssignment, target: FieldRef): boolean {
  const classNode = target.onThis ? enclosingClass(store) : undefined;
  return classNode !== undefined && listenerOnValueStoresInto(classNode, target.name);
}

function enclosingClass(node: TSESTree.Node): ClassNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) {
      return current;
    }
  }
  return undefined;
}

export default rule;
