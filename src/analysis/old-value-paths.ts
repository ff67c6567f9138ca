import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  fieldRefOf,
  isEmptyValue,
  outermostTypeWrapper,
  skipTypeWrappers,
  staticMemberName,
  type FieldRef,
  type OverwriteAssignment,
} from './field-target.js';
import type { MethodEffect } from './inherited-method.js';
import { initializerKindOf, type InitializerKind } from './initializer.js';
import { emptyWhenOncePerObjectRuns, type OncePerObjectQuestions } from './once-per-object.js';
import { instanceMethodOf, instanceMethodUsesOf, privateMethodOf, privateMethodUsesOf, type OwnMethod, type PrivateMethod } from './private-method-calls.js';
import { thisMemberOf, thisOwnerOf } from './own-field.js';
import { analysisStats } from './stats.js';
import { emptyWhenSingleFlightRuns } from './single-flight.js';
import { firstAtOrAfter } from './sorted-positions.js';
import { childNodesOf, declaredKeyName, enclosingFunction, isFunctionNode, isLoop, patternTargetsOf, statementListOf, type FunctionNode } from './syntax-walk.js';
import {
  classesByNameIn,
  fieldWritesIn,
  mayShareInstances,
  promiseLinkOf,
  registersArrowHandler,
  handlersUseThis,
  dynamicStoresIn,
  membersNamedOutside,
  thisEscapes,
  timerEscapesIn,
  timerFieldsOf,
  timerReadEscapes,
  type DynamicStore,
  type FieldWrite,
} from './timer-chain.js';
import { calleeName, emptinessTest, literalHolding, releasedStateTest, valueUseOf, type ReleaseNames, type ValueUse } from './value-use.js';

/** What the paths reaching one store say about the value it overwrites. */
export interface OldValueVerdict {
  /** On some path the old value is neither released, handed off, known empty nor saved-and-released. */
  dropped: boolean;
  /** On some path the old value was released and then an `await`/`yield` ran before the store completed. */
  releasedThenSuspended: boolean;
  /** On some path the old value was released before the store. */
  releasedBefore: boolean;
  /** The one `this.f.release();` statement, in the store's statement list, that released it early. */
  earlyRelease?: TSESTree.ExpressionStatement;
  /** On some path the field was never assigned yet (first store in a constructor or init method). */
  mayBeUnassigned: boolean;
  /** On some path the old value was released, handed off, or saved and released after the store. */
  handledOnSomePath: boolean;
  /**
   * The store empties the field after a call, earlier in its function, of an own method that may
   * store a new value into it (`this.processTimeline(); this.timer = undefined`, where the call
   * re-arms the timer): what it drops is what that call stored, and releasing it would undo the
   * call's work.
   */
  emptiesAfterOwnRefill: boolean;
}

export interface StoreQuestion {
  assignment: OverwriteAssignment;
  target: FieldRef;
  answer: (verdict: OldValueVerdict) => void;
}

export interface OldValuePathsConfig {
  names: ReleaseNames;
  initMethods: readonly string[];
  /** Whether `this.<target>` is still unassigned when a constructor/init method starts (type question). */
  startsUnassigned: (question: StoreQuestion, initializer: TSESTree.Node) => boolean;
  /** What `this.<method>()` does to `this.<field>` when the method is declared in a base class. */
  inheritedMethodEffect: (thisClass: ClassNode, methodName: string, fieldName: string) => MethodEffect;
  /**
   * Whether the value spread into a local object literal (`{ host, ...tuning() }`) may bring the
   * key `name` (type question). Asked only for a store that no other path reports.
   */
  spreadMayBring: (spread: TSESTree.SpreadElement, name: string) => boolean;
  /**
   * Whether the expression is a native promise (type question), which runs at most one handler of
   * a link, once. Asked only of the links of a fired timer's chain, for a store that would
   * otherwise be reported.
   */
  isPromise: (expression: TSESTree.Expression) => boolean;
  /**
   * Whether every declaration of the member a store names is in the linted file (type question),
   * asked only of a store in a module function that runs once per object.
   */
  declaredInFile: (store: OverwriteAssignment) => boolean;
  /**
   * Whether the value of `receiver` may be an instance of the class (type question): asked of a
   * write through another receiver (`monitor.connection = c`) of a field that a chain's handler
   * finds as the chain left it.
   */
  mayBeInstanceOf: (receiver: TSESTree.Expression, classNode: ClassNode) => boolean;
  /**
   * Whether a computed key (`p[key] = c`) may name a field (type question: a number or a symbol
   * does not): asked of a write through it into an object that may be an instance of a chain's class.
   */
  mayNameField: (key: TSESTree.Expression) => boolean;
  /**
   * Whether the call only checks or reads its argument at `index` and keeps nothing (type
   * question): the called signature asserts that parameter (`asserts x`, `asserts x is T`), or the
   * callee is a standard printer or serializer (`console.log`, `JSON.stringify`). Asked of a
   * field's value (or a local holding it) passed as an argument, in a function asked about;
   * `inLiteral` when the argument is an object or array literal that holds the value
   * (`console.log({ f: this.f })`), which only a printer reads through.
   */
  onlyReadsArgument: (call: TSESTree.CallExpression, index: number, inLiteral: boolean) => boolean;
}

/**
 * A fact about the old value on one path. `released#n`/`suspended#n` name the release (an index
 * into the function's releases), `saved#n` the local it was saved to.
 */
type Fact = string;
const live: Fact = 'live';
const handled: Fact = 'handled';
const empty: Fact = 'empty';
const unassigned: Fact = 'unassigned';
/**
 * In a fired one-shot timer's callback (and what it calls), the field holds the timer that
 * fired: nothing live, like `empty`.
 */
const fired: Fact = 'fired';
/**
 * In the release member of the value stored into the field (`this.d = { dispose: () => { …; this.d =
 * undefined } }`), the field holds the value whose release is running (or already another value,
 * which that value's release is not the place to judge): emptying it drops nothing, and releasing
 * the old value there would re-enter the running release. Storing a value there is judged as over
 * a live one. Past an `await`/`yield`, other code may have stored meanwhile: live.
 */
const releasing: Fact = 'releasing';
/**
 * The same after an `await`/`yield` (or for a promise handler of the chain): other code ran
 * meanwhile, so the field still holds the fired timer only if no code but the timer's chain arms
 * it. Decided once the whole file is walked; live where that is not known.
 */
const firedSuspended: Fact = 'fired-suspended';
/**
 * On a path where the field holds the fired timer, code of the chain that may arm the timer is
 * still to run: a handler this code registered (or an own method registered), or, when this is
 * a private method, what its caller does after the call returns. Nothing while this code runs
 * on; but past an `await`/`yield`, that code may have armed a timer first, which a store then
 * drops: the fired timer's pass is not given.
 */
const racing: Fact = 'racing';
/** The same past an `await`/`yield`: the field may hold what the racing code armed. */
const racingSuspended: Fact = 'racing-suspended';
/**
 * In a private method, a caller goes on after the call, and may store into the field: nothing
 * while the method runs on, but the caller runs when the method first suspends.
 */
const callerGoesOn: Fact = 'caller-goes-on';
/** The same past an `await`/`yield`: the field may hold what the caller stored meanwhile. */
const callerWentOn: Fact = 'caller-went-on';
/**
 * In a private method, what `this.f` held when the method was called: live or not depending on
 * its callers, asked once the whole class has been walked.
 */
const atEntry: Fact = 'entry';
/** The same, after an `await`/`yield` in the method: a value the caller released was visible meanwhile. */
const atEntrySuspended: Fact = 'entry-suspended';
/**
 * Released by a caller of the private method before the call (`-1`: not one of this function's
 * releases, so the fix has no release statement of its own to move), and the same after a suspension.
 */
const releasedByCaller: Fact = 'released#-1';
const suspendedByCaller: Fact = 'suspended#-1';

/**
 * How many private methods deep a store's old value is followed up its callers
 * (`a()` calls `#b()`, which calls `#c()`, which stores): enough for helpers split in two or
 * three, and a bound on recursion.
 */
const maxCallerDepth = 3;

/**
 * How many links (a caller, a registering function) a fired timer's chain is followed back
 * through to the timer's callback: a bound on the walk, past which a function is taken not to be
 * in the chain.
 */
const maxChainLinks = 8;

/**
 * A handler registration (or a call of an own method that may store into the field or register
 * one) in a function of a fired timer's chain: `pending#n` marks the paths through it.
 */
interface ChainSite {
  fact: Fact;
  node: TSESTree.Node;
  /** What the field may hold just before it. */
  before: Set<Fact>;
  /** On some path after it the field is stored into or another site follows. */
  overtaken: boolean;
}

interface ChainOutcome {
  sites: Map<TSESTree.Node, ChainSite>;
  /** The sites on some path to the function's end that nothing overtook in it. */
  reachingExit: Set<TSESTree.Node>;
  /** The flow hit its bound: nothing is known. */
  gaveUp: boolean;
}

/** What a chain's flow adds to the flow of one key: its sites, seen before each event's own effect. */
interface ChainFlow {
  before: (event: PathEvent, facts: ReadonlySet<Fact>) => ReadonlySet<Fact>;
  gaveUp: boolean;
}

type PathEvent =
  | { kind: 'release'; key: string; release: number }
  | { kind: 'handoff'; key: string }
  | { kind: 'save'; key: string; save: number }
  | { kind: 'store'; key: string; emptyValue: boolean; question?: StoreQuestion }
  | { kind: 'suspend' }
  /** the object holding the field was passed to a function, which may have released its fields */
  | { kind: 'receiverPassed'; receiver: string }
  /** a fresh object literal stored in a local: its keys start empty (or, after a spread, may hold what it brings) */
  | { kind: 'newObject'; receiver: string; spread?: Fact }
  | { kind: 'ownMethodCall'; name: string; release: number }
  /** `p.then(() => …)`: an arrow registered as a promise handler, which runs later, after this code */
  | { kind: 'continuation'; link: TSESTree.CallExpression }
  /**
   * a local variable was written (`h = other`, `i++`, a declaration, a `for…of` binding): a key whose
   * receiver path names it (`h.f`, `this.items[i].f`) now names another object's field
   */
  | { kind: 'localWrite'; name: string };

/** A file's stores into one field key: where they start, in text order, and the locals stored, with their store. */
/** A field name's writes of a value, grouped by whose instance they may store into (everyStoreHandsOff). */
interface WritesByOwner {
  /** Through `this` in a class's instance members. */
  byClass: Map<ClassNode, FieldWrite[]>;
  /** Through `this` in a function whose `this` may be any object. */
  anyInstance: FieldWrite[];
  /** Through another receiver (`pool.current = …`): a type question per class. */
  otherReceivers: FieldWrite[];
}

/** A field key's reads in text order, with their start offsets for a binary search. */
interface SortedReads {
  reads: readonly TSESTree.MemberExpression[];
  starts: readonly number[];
}

interface FieldStores {
  starts: number[];
  fromLocals: ReadonlyMap<TSESTree.Node, TSESTree.AssignmentExpression>;
  /** The stores by assignment (`x.f = v`, `x.f ??= v`), in text order. */
  assignments: readonly TSESTree.AssignmentExpression[];
  /** Where each of `assignments` starts. */
  assignmentStarts: readonly number[];
}

/** How many of the stores right before a store aliasTakenOverBefore looks at for a hand-off through the field. */
const lastStoresLooked = 4;

/** How a test at the end of a segment splits its successors into "test true" and "test false". */
interface BranchFact {
  /** The field tested, if the test is of a field (`this.f`); undefined for a local (`holder`). */
  key: string | undefined;
  /**
   * The receiver path tested (`holder`, `this.slot`): when it is missing, every field through it
   * (`holder.f`, `this.slot.f`, `holder.a.f`) holds nothing either; a store there would throw.
   */
  receiver: string | undefined;
  /**
   * What the test tells on one outcome: that the field (or receiver) holds nothing (`!this.f`),
   * that the field's value has already been released (`this.f.state === 'closed'`), or that it is
   * the value of a local that is never reassigned (`this.f === widget`): `save` names that local.
   */
  known: 'empty' | 'released' | 'equal';
  /** For `equal`: the index (in the function's saves) of the local the field's value equals. */
  save?: number;
  /** The outcome on which `known` holds. */
  knownWhen: boolean;
  isTrueEdge: (successorStart: TSESTree.Node) => boolean;
  /** Valid only while the segment has exactly this many events (the test is its last act). */
  atEvent: number;
}

interface SegmentRecord {
  segment: TSESLint.CodePathSegment;
  /** Position in creation order, which ESLint makes a topological order of the forward edges. */
  index: number;
  start: TSESTree.Node;
  events: PathEvent[];
  /** The tests that end the segment (`if (this.f.closed)` tests both `this.f` and `this.f.closed`). */
  branches?: BranchFact[];
  /**
   * For a long segment, by questioned key: the events a flow of that key must see (its own and
   * those on no key), so that a function storing into many fields is not walked once per field
   * event by event. Built with the function's segment index.
   */
  eventsByKey?: Map<string, PathEvent[]>;
  /** The segment's events on no key, for a questioned key with none of its own here. */
  eventsOnNoKey?: PathEvent[];
  /** The function's records of the segments before and after this one (built with the segment index). */
  previousRecords: readonly SegmentRecord[];
  nextIndices: readonly number[];
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * One thing the traversal did in a function (a segment started or ended, a node was left), kept
 * as three parallel entries of FunctionRecord.steps: replayed through `step` only when the
 * function's paths are asked about. Most functions store into no release-able field, and their
 * member reads, tests and calls are then never looked at.
 */
type Step = (node: TSESTree.Node, segment: TSESLint.CodePathSegment | undefined) => void;

interface FunctionRecord {
  codePath: TSESLint.CodePath;
  node: TSESTree.Node;
  /** What the traversal did here, not yet replayed into segments: undefined once it has been. */
  steps: (Step | TSESTree.Node | TSESLint.CodePathSegment | undefined)[] | undefined;
  /** The questions asked about this function's stores, by store (for the replay); created with the first. */
  questionByStore: Map<TSESTree.AssignmentExpression, StoreQuestion> | undefined;
  segments: SegmentRecord[];
  bySegment: Map<TSESLint.CodePathSegment, SegmentRecord>;
  current: SegmentRecord[];
  questions: StoreQuestion[];
  releases: { call: TSESTree.Node; direct: boolean }[];
  saves: TSESTree.Identifier[];
  callsOwnMethods: boolean;
  /** The class whose instance (or constructor, for static members) `this` is here. */
  thisClass: ClassNode | undefined;
  /** Constructor, init method or once-per-instance code (fields start unassigned); null: none. Computed when first asked. */
  initializerKind: InitializerKind | null | undefined;
  /** In a static member of a named class, `this.f` is `ClassName.f`. */
  staticClassName: string | undefined;
  /** The storage key of each question's field, as the events of this function name it. */
  questionKeys: Map<StoreQuestion, string>;
  /** In the callback of `this.t = setTimeout(cb)`: `t` holds the timer that fired, nothing live. */
  firedTimerKey: string | undefined;
  /** In the release member of an object literal stored into a field (releasingKeyOf): that field's key. */
  releasingKey: string | undefined;
  /**
   * In a handler of the promise a release returns (`this.f.close().then(cb, onError)`): `f`'s key
   * and the index (in `releases`) of that release, which was attempted before the handler runs.
   */
  releasedBeforeStart: { key: string; release: number } | undefined;
  /** The private method whose body this is: `this.f` at entry is what its callers left there. */
  privateMethod: PrivateMethod | undefined;
  /**
   * For an arrow registered as a promise handler, the link registering it: `this.f` at entry is
   * what the registering code left there, if nothing else can store into the field meanwhile
   * (the chain of a fired timer); otherwise live.
   */
  continuation: TSESTree.CallExpression | undefined;
}

/**
 * What a call of an own method does to one field, for the flow: a summary of the method's paths,
 * or (asked only at the call sites of private methods) that it stores a new value on some path.
 */
type OwnCallEffect = MethodEffect | 'stores';

/** A store in a private method whose old value is the one live at entry: its callers decide. */
interface EntryQuestion {
  fn: FunctionRecord;
  question: StoreQuestion;
  key: string;
  facts: ReadonlySet<Fact>;
}

/** A dropped value in a method its class also calls: whether a fix would release it twice (callerReleasedOnSomePath). */
interface CalledMethodQuestion {
  fn: FunctionRecord;
  method: OwnMethod;
  question: StoreQuestion;
  key: string;
  verdict: OldValueVerdict;
}


/**
 * Where, in one function's segments, each key's facts can change. A key's flow only runs from the
 * first segment that can change its facts to the last segment that stores into it (widened to
 * whole loops), so that a function storing into many fields is not walked once per field.
 */
interface SegmentIndex {
  /** By key: the first segment with an event on the key or a test of it. */
  firstEvent: Map<string, number>;
  /** By key: the last segment with a store that a question is asked about. */
  lastQuestion: Map<string, number>;
  /** By receiver prefix (`name\u0000`): the first segment that passes it on, makes it new or tests it. */
  firstReceiverEvent: Map<string, number>;
  /** By local name: the first segment that writes it. */
  firstLocalWrite: Map<string, number>;
  /** By local name: the questioned keys whose receiver path names it (`h.f`, `this.items[i].f`). */
  questionedKeysByLocal: Map<string, string[]>;
  /** The first segment that calls a method of its own class, which may touch any field. */
  firstOwnMethodCall: number;
  /** Edges to a segment created earlier: loops. */
  backEdges: { from: number; to: number }[];
  /** The keys that questions are asked about: those whose events a long segment lists apart. */
  questionedKeys: ReadonlySet<string>;
  /** By key: the segments with a store that a question is asked about. */
  questionSegments: Map<string, Set<number>>;
  /** The segments that call a method of their own class. */
  ownMethodCallSegments: Set<number>;
}

/**
 * A bound that the fixed point cannot reach (facts only grow, and each segment's set is bounded by
 * the function's releases and saves), kept so that a bug cannot hang the lint: visits per segment.
 */
const maxVisitsPerSegment = 64;

/**
 * Tracks, with ESLint's code-path analysis, what happens to the old value of each field stored
 * into: the traversal logs each function's steps, which are replayed into facts per segment for
 * the functions asked about, and each function's stores are decided at its onCodePathEnd by a
 * fixed point over its segments (so loops are followed).
 * Functions that call their own class's methods are decided when the program's path ends,
 * once every method's summary can be computed.
 */
export function oldValuePaths(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  config: OldValuePathsConfig,
): {
  listeners: TSESLint.RuleListener;
  whenOldValueKnown: (question: StoreQuestion) => void;
} {
  const sourceCode = context.sourceCode;
  const oncePerObjectQuestions: OncePerObjectQuestions = {
    sourceCode,
    isPromise: config.isPromise,
    spreadMayBring: config.spreadMayBring,
    declaredInFile: config.declaredInFile,
  };
  const stack: FunctionRecord[] = [];
  const questions = new Map<TSESTree.AssignmentExpression, StoreQuestion>();
  const functionsByNode = new Map<TSESTree.Node, FunctionRecord>();
  const deferred: FunctionRecord[] = [];
  const methodEffects = new Map<string, MethodEffect>();
  /** The object spreads named by `spread#<offset>` facts. */
  const spreads = new Map<Fact, TSESTree.SpreadElement>();

  function top(): FunctionRecord | undefined {
    return stack[stack.length - 1];
  }

  /** Logs a step of the function being walked, for materialize() to replay. */
  function log(step: Step, node: TSESTree.Node, segment?: TSESLint.CodePathSegment): void {
    const steps = top()?.steps;
    steps?.push(step, node, segment);
  }

  /**
   * Builds a function's segments and path events from the steps its traversal logged, once, when
   * its paths are first asked about (the function has ended by then).
   */
  function materialize(fn: FunctionRecord): void {
    const steps = fn.steps;
    if (!steps) return;
    fn.steps = undefined;
    analysisStats.functionsReplayed++;
    fn.segments = [];
    fn.bySegment = new Map();
    fn.current = [];
    fn.questionKeys = new Map();
    stack.push(fn);
    try {
      // Keys here are named as in the function itself: the same as in the code around it, for
      // an arrow; a `function` callback's own `this` fields are not asked about.
      fn.firedTimerKey = firedTimerKeyOf(fn.node);
      fn.releasingKey = releasingKeyOf(fn.node);
      const released = releasedBeforeHandler(fn.node);
      if (released) fn.releasedBeforeStart = { key: released.key, release: releaseIndex(fn, released.call, false) };
      fn.privateMethod = privateMethodOf(fn.node);
      fn.continuation = fn.node.type === AST_NODE_TYPES.ArrowFunctionExpression ? promiseLinkOf(fn.node)?.link : undefined;
      for (let i = 0; i < steps.length; i += 3) {
        (steps[i] as Step)(steps[i + 1] as TSESTree.Node, steps[i + 2] as TSESLint.CodePathSegment | undefined);
      }
    } finally {
      stack.pop();
    }
  }

  function record(event: PathEvent): void {
    const fn = top();
    if (!fn) return;
    for (const segment of fn.current) segment.events.push(event);
  }

  const startSegment: Step = (node, segment) => {
    const fn = top();
    if (!fn || !segment) return;
    const segmentRecord: SegmentRecord = {
      segment,
      index: fn.segments.length,
      start: node,
      events: [],
      // Filled by segmentIndexOf, for the functions that are decided.
      previousRecords: noRecords,
      nextIndices: noIndices,
    };
    fn.segments.push(segmentRecord);
    fn.bySegment.set(segment, segmentRecord);
    fn.current.push(segmentRecord);
    // `for await` suspends before each iteration: its body starts a segment (ESLint's code path
    // analysis forks at the body), which is cheaper to catch here than with a selector on `.body`,
    // which ESLint would match against every node of the file.
    const loop = node.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.await && loop.body === node) record({ kind: 'suspend' });
    // `for (h of list)`, `for (const [k, h] of map)`: each iteration binds the names anew.
    if ((loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) && loop.body === node) {
      recordLocalWrites(loop.left);
    }
    if (loop?.type === AST_NODE_TYPES.MemberExpression && loop.optional && loop.property === node) recordOptionalFork(fn, segment, loop);
    if (node.type === AST_NODE_TYPES.CatchClause) recordReleaseAttemptedBeforeCatch(fn, node);
  };

  /**
   * `try { await this.f.close(); } catch { … }`: code-path analysis also enters the catch from the
   * start of the try, before the release; but when the release is the try's only statement, the
   * catch runs only once it was attempted (a failed release is not retried by a fix either).
   */
  function recordReleaseAttemptedBeforeCatch(fn: FunctionRecord, clause: TSESTree.CatchClause): void {
    const [only, ...rest] = clause.parent.block.body;
    if (only?.type !== AST_NODE_TYPES.ExpressionStatement || rest.length > 0) return;
    let call: TSESTree.Node = skipTypeWrappers(only.expression);
    if (call.type === AST_NODE_TYPES.AwaitExpression) call = skipTypeWrappers(call.argument);
    if (call.type === AST_NODE_TYPES.ChainExpression) call = call.expression;
    if (call.type !== AST_NODE_TYPES.CallExpression) return;
    const released = releasedFieldOf(call, config.names);
    const field = released && fieldRefOf(released);
    if (field) record({ kind: 'release', key: keyOf(field), release: releaseIndex(fn, call, true) });
  }

  function recordLocalBranch(local: TSESTree.Identifier): void {
    const split = branchSplitOf(local);
    if (!split) return;
    // `const c = this.f; if (c == null) …`: the local holds the field's value, read just before the test.
    const read = fieldReadJustBeforeTest(local);
    const field = read && fieldRefOf(read);
    const key = field && keyOf(field);
    recordBranch({ key, receiver: local.name, known: 'empty', knownWhen: split.knownWhen, isTrueEdge: split.isTrueEdge }, split.chain);
  }

  /**
   * `holder?.f…`: code-path analysis forks after `holder` is read, and the segment of `.f` starts
   * here. On the other edge `holder` is missing, so no field through it holds anything (this is what
   * makes `holder?.buffer.release(); if (holder) holder.buffer = alloc()` handled on both paths).
   */
  function recordOptionalFork(fn: FunctionRecord, segment: TSESLint.CodePathSegment, member: TSESTree.MemberExpression): void {
    const tested = skipTypeWrappers(member.object);
    const receiver = receiverPathOf(tested);
    if (receiver === undefined) return;
    const field = tested.type === AST_NODE_TYPES.MemberExpression ? fieldRefOf(tested) : undefined;
    const property = member.property;
    for (const previous of segment.prevSegments) {
      const forked = fn.bySegment.get(previous);
      // A test that ends the segment already (none is known to): keep it.
      if (!forked || testsEnding(forked).length > 0) continue;
      addBranch(forked, {
        key: field && keyOf(field),
        receiver,
        known: 'empty',
        knownWhen: false,
        isTrueEdge: (start) => start === property,
        atEvent: forked.events.length,
      });
    }
  }

  /** Every name a declaration, assignment target or `for…of` left side writes, as `localWrite` events. */
  function recordLocalWrites(target: TSESTree.Node): void {
    if (target.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of target.declarations) recordLocalWrites(declarator.id);
      return;
    }
    for (const place of patternTargetsOf(target)) {
      if (place.type === AST_NODE_TYPES.Identifier) record({ kind: 'localWrite', name: place.name });
    }
  }

  const endSegment: Step = (_node, segment) => {
    const fn = top();
    if (!fn) return;
    fn.current = fn.current.filter((current) => current.segment !== segment);
  };

  /** Tests through an optional chain, waiting for the chain's end. */
  const branchesAtChainEnd = new Map<TSESTree.ChainExpression, Omit<BranchFact, 'atEvent'>[]>();

  /**
   * A test of a field that ends the current segments: an emptiness test (`!this.f`, `this.f?.g`) or
   * a release-state test (`this.f.state !== 'closed'`). A test through an optional chain ends only
   * where the chain ends: code-path analysis joins the chain's paths there, and that joined segment
   * is the one whose successors the test splits.
   */
  function recordBranch(branch: Omit<BranchFact, 'atEvent'>, chain: TSESTree.ChainExpression | undefined): void {
    if (chain) {
      const waiting = branchesAtChainEnd.get(chain);
      if (waiting) waiting.push(branch);
      else branchesAtChainEnd.set(chain, [branch]);
      return;
    }
    const fn = top();
    if (!fn) return;
    for (const segment of fn.current) addBranch(segment, { ...branch, atEvent: segment.events.length });
  }

  /** The field's storage key here: `this.f` in a static member is the class's own `f`. */
  function keyOf(field: FieldRef): string {
    const className = top()?.staticClassName;
    return field.onThis && className !== undefined ? `${className}\u0000${field.name}` : field.key;
  }

  /** A constructor, an init method, or code that runs once per instance (see initializer.ts). */
  function isInitializer(fn: FunctionRecord): boolean {
    return initializerKindIn(fn) !== null;
  }

  function initializerKindIn(fn: FunctionRecord): InitializerKind | null {
    fn.initializerKind ??= initializerKindOf(fn.node, config.initMethods) ?? null;
    return fn.initializerKind;
  }

  /**
   * For the callback of a one-shot timer stored into a field (`this.t = setTimeout(() => …)`), the
   * field's key: when the callback runs, the field holds the timer that fired, which needs no
   * clearing. Called when the callback is materialized, with its own record on top: an arrow names
   * `this` fields as the code around it does. A `function` callback has its own `this`, so only
   * stores through other receivers count there.
   */
  function firedTimerKeyOf(node: TSESTree.Node): string | undefined {
    if (node.type !== AST_NODE_TYPES.ArrowFunctionExpression && node.type !== AST_NODE_TYPES.FunctionExpression) {
      return undefined;
    }
    const onThisAllowed = node.type === AST_NODE_TYPES.ArrowFunctionExpression;
    const direct = timerStoreKeyOf(node, onThisAllowed);
    if (direct !== undefined) return direct;
    // A named callback: `const onFire = () => { this.timer = null }; this.timer = setTimeout(onFire, ms)`,
    // when every use of the const is as the callback of a timer stored into that same field.
    const declarator = outermostTypeWrapper(node).parent;
    if (
      declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
      declarator.init !== outermostTypeWrapper(node) ||
      declarator.id.type !== AST_NODE_TYPES.Identifier ||
      declarator.parent.kind !== 'const'
    ) {
      return undefined;
    }
    const variable = ASTUtils.findVariable(sourceCode.getScope(declarator), declarator.id.name);
    const uses = variable?.references.filter((reference) => reference.identifier !== declarator.id) ?? [];
    const keys = new Set(uses.map((reference) => timerStoreKeyOf(reference.identifier, onThisAllowed)));
    const [key] = keys;
    return uses.length > 0 && keys.size === 1 ? key : undefined;
  }

  /**
   * For the release member of an object literal stored into a field (`this.d = { dispose: () => { …
   * } }`, `self.d = { close() { … } }`): that field's key. The member is named by a release method
   * (`names.methods`) or is `[Symbol.dispose]`/`[Symbol.asyncDispose]`, and the function is the
   * member itself, not a callback it creates (which may run once the field holds another value).
   * A function handed to a wrapper (`this.d = toDisposable(() => …)`) is not one: what the wrapper
   * calls it for is not known here. Called, like firedTimerKeyOf, when the function is
   * materialized; a method or `function` has the literal as its `this`, so only stores through
   * other receivers count there.
   */
  function releasingKeyOf(node: TSESTree.Node): string | undefined {
    if (node.type !== AST_NODE_TYPES.ArrowFunctionExpression && node.type !== AST_NODE_TYPES.FunctionExpression) {
      return undefined;
    }
    const property = outermostTypeWrapper(node).parent;
    if (property?.type !== AST_NODE_TYPES.Property || property.value !== outermostTypeWrapper(node) || property.kind !== 'init') {
      return undefined;
    }
    const name = property.computed ? calleeName(property.key) : declaredKeyName(property);
    const releaseMember = property.computed
      ? name === 'Symbol.dispose' || name === 'Symbol.asyncDispose'
      : name !== undefined && config.names.methods.has(name);
    if (!releaseMember) return undefined;
    const literal = outermostTypeWrapper(property.parent);
    const store = literal.parent;
    if (
      store?.type !== AST_NODE_TYPES.AssignmentExpression ||
      store.operator !== '=' ||
      store.right !== literal ||
      store.left.type !== AST_NODE_TYPES.MemberExpression
    ) {
      return undefined;
    }
    const field = fieldRefOf(store.left);
    if (!field || (field.onThis && node.type === AST_NODE_TYPES.FunctionExpression)) return undefined;
    return keyOf(field);
  }

  /** The key of the field that `this.t = setTimeout(callback, …)` (or setImmediate) stores the timer of `callback` into. */
  function timerStoreKeyOf(callback: TSESTree.Node, onThisAllowed: boolean): string | undefined {
    const call = outermostTypeWrapper(callback).parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || skipTypeWrappers(call.arguments[0] ?? call) !== callback) return undefined;
    const timerFunction = calleeName(call.callee)?.split('.').pop();
    if (timerFunction !== 'setTimeout' && timerFunction !== 'setImmediate') return undefined;
    const store = outermostTypeWrapper(call).parent;
    if (
      store?.type !== AST_NODE_TYPES.AssignmentExpression ||
      store.operator !== '=' ||
      store.right !== outermostTypeWrapper(call) ||
      store.left.type !== AST_NODE_TYPES.MemberExpression
    ) {
      return undefined;
    }
    const field = fieldRefOf(store.left);
    if (!field || (field.onThis && !onThisAllowed)) return undefined;
    return keyOf(field);
  }

  /**
   * For a handler of the promise that a release returns (`this.f.close().then(onClosed, onError)`,
   * `.catch(cb)`, `.finally(cb)`), the released field's key and the release call: the handler runs
   * after the release was attempted. Only the first link counts: a later one may run after the
   * first stored a new value. Called, like firedTimerKeyOf, when the handler is materialized.
   */
  function releasedBeforeHandler(node: TSESTree.Node): { key: string; call: TSESTree.CallExpression } | undefined {
    if (node.type !== AST_NODE_TYPES.ArrowFunctionExpression && node.type !== AST_NODE_TYPES.FunctionExpression) {
      return undefined;
    }
    const link = promiseLinkOf(node);
    const release = link && skipTypeWrappers(link.promise);
    if (release?.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const released = releasedFieldOf(release, config.names);
    const field = released && fieldRefOf(released);
    if (!field || (field.onThis && node.type === AST_NODE_TYPES.FunctionExpression)) return undefined;
    return { key: keyOf(field), call: release };
  }

  /**
   * `const o = { a: make(), b: null }`: every key of `o` is empty but `a`, which holds a value.
   * After `...s`, a key may also hold what `s` brought: `spread#<offset>`, decided by the type of
   * `s` only when a store would otherwise not be reported.
   */
  function recordObjectLiteral(name: string, value: TSESTree.Node): void {
    const literal = skipTypeWrappers(value);
    if (literal.type !== AST_NODE_TYPES.ObjectExpression) return;
    record({ kind: 'newObject', receiver: `${name}\u0000` });
    for (const property of literal.properties) {
      if (property.type !== AST_NODE_TYPES.Property) {
        const spread: Fact = `spread#${String(property.range[0])}`;
        spreads.set(spread, property);
        record({ kind: 'newObject', receiver: `${name}\u0000`, spread });
        continue;
      }
      const key = property.computed
        ? undefined
        : property.key.type === AST_NODE_TYPES.Identifier
          ? property.key.name
          : String(property.key.value);
      if (key === undefined) continue;
      record({ kind: 'store', key: `${name}\u0000${key}`, emptyValue: isEmptyValue(property.value) });
    }
  }

  /** `[this.a, this.b] = pair`, `({ x: this.f } = o)`: stores that no question is asked about. */
  function recordPatternStores(pattern: TSESTree.Node): void {
    for (const place of patternTargetsOf(pattern)) {
      const field = place.type === AST_NODE_TYPES.MemberExpression ? fieldRefOf(place) : undefined;
      if (field) record({ kind: 'store', key: keyOf(field), emptyValue: false });
    }
  }

  function releaseIndex(fn: FunctionRecord, call: TSESTree.Node, direct: boolean): number {
    fn.releases.push({ call, direct });
    return fn.releases.length - 1;
  }

  /** Runs the facts of one field through a function's segments until nothing changes. */
  function flow(
    fn: FunctionRecord,
    key: string,
    initial: Fact,
    effectOf: (name: string) => OwnCallEffect,
    onStore?: (question: StoreQuestion, facts: ReadonlySet<Fact>) => void,
    onOwnMethodCall?: (call: TSESTree.Node, facts: ReadonlySet<Fact>) => void,
    chain?: ChainFlow,
  ): (ReadonlySet<Fact> | undefined)[] {
    materialize(fn);
    // By segment index: what flows in and out (only the window's segments are ever set).
    const inputs: (Set<Fact> | undefined)[] = [];
    const outputs: (ReadonlySet<Fact> | undefined)[] = [];
    const initialRecord = fn.bySegment.get(fn.codePath.initialSegment);

    const index = segmentIndexOf(fn);
    const locals = receiverLocalsOf(key);
    // Whether the facts may hold a fired timer (here, or at the entry of a function that may be in
    // its chain) that code racing it could replace (see `racing`): asked at registrations and
    // own-method calls; whether the function is in a chain is asked once the file is walked.
    const mayRaceTimer = (facts: ReadonlySet<Fact>): boolean =>
      !facts.has(racing) && (facts.has(fired) || facts.has(firedSuspended) || facts.has(atEntry) || facts.has(atEntrySuspended));
    const transfer = (
      segment: SegmentRecord,
      input: ReadonlySet<Fact>,
      report: boolean,
      answer = onStore,
      observeCall = onOwnMethodCall,
    ): ReadonlySet<Fact> => {
      // Every change below makes a new set, so a segment that changes nothing passes its input on.
      let facts = input;
      for (const event of eventsOfKey(segment, key, index.questionedKeys)) {
        // In a chain's flow, what is still pending (see ChainFlow) stays so whatever the event does.
        let pending: Fact[] | undefined;
        if (chain) {
          facts = chain.before(event, facts);
          pending = pendingFactsOf(facts);
        }
        switch (event.kind) {
          case 'suspend':
            // Most suspensions meet no released value: rebuild the set only when one does.
            if (hasReleased(facts) || facts.has(atEntry) || facts.has(fired) || facts.has(racing) || facts.has(callerGoesOn) || facts.has(releasing)) {
              facts = suspendedFacts(facts);
            }
            break;
          case 'receiverPassed':
            if (key.startsWith(event.receiver)) facts = new Set([handled]);
            break;
          case 'localWrite':
            // The key now names another object's field, whose value nothing here has touched.
            if (locals.includes(event.name) && !(facts.size === 1 && facts.has(live))) facts = new Set([live]);
            break;
          case 'newObject':
            // A key the spread does not bring keeps what the literal gave it before.
            if (key.startsWith(event.receiver)) facts = event.spread === undefined ? new Set([empty]) : new Set([...facts, event.spread]);
            break;
          case 'ownMethodCall': {
            if (report && observeCall) {
              const call = fn.releases[event.release]?.call;
              if (call) observeCall(call, facts);
            }
            const effect = effectOf(event.name);
            // A method that stores into the field leaves a new live value behind on some path.
            if (effect === 'stores') facts = facts.has(live) ? facts : new Set([...facts, live]);
            else if (effect === 'released') facts = new Set([`released#${String(event.release)}`]);
            else if (effect === 'handled') facts = new Set([handled]);
            // Released on some of the method's paths: still live on others, handled on some.
            else if (effect === 'partly') facts = new Set([...facts, handled]);
            if (mayRaceTimer(facts) && callMayPend(fn, event.name, key, 1)) facts = new Set([...facts, racing]);
            break;
          }
          case 'continuation':
            if (mayRaceTimer(facts) && handlersUseThis(event.link)) facts = new Set([...facts, racing]);
            break;
          default:
            if (event.key !== key) break;
            if (event.kind === 'release') facts = new Set([`released#${String(event.release)}`]);
            else if (event.kind === 'handoff') facts = new Set([handled]);
            else if (event.kind === 'save') facts = new Set([`saved#${String(event.save)}`]);
            else {
              if (report && event.question && answer) answer(event.question, facts);
              // Emptying the field does not stop racing code from arming the timer later.
              facts = new Set(event.emptyValue ? (facts.has(racing) ? [empty, racing] : [empty]) : [live]);
            }
        }
        if (pending && pending.some((fact) => !facts.has(fact))) facts = new Set([...facts, ...pending]);
      }
      return facts;
    };

    // The window of segments whose facts can differ from the initial fact and matter: from the
    // first that can change the key's facts to its last questioned store (or the end, for a
    // method's exits), widened to every loop that overlaps it, since a loop's tail flows back.
    let first = Math.min(index.firstEvent.get(key) ?? Infinity, index.firstOwnMethodCall);
    const receiver = key.slice(0, key.indexOf('\u0000') + 1);
    if (receiver) first = Math.min(first, index.firstReceiverEvent.get(receiver) ?? Infinity);
    for (const local of locals) first = Math.min(first, index.firstLocalWrite.get(local) ?? Infinity);
    let lo = onStore || onOwnMethodCall ? first : 0;
    let hi = onStore && !onOwnMethodCall ? (index.lastQuestion.get(key) ?? -1) : fn.segments.length - 1;
    for (let widened = lo <= hi; widened; ) {
      widened = false;
      for (const edge of index.backEdges) {
        if (edge.to <= hi && edge.from >= lo && (edge.to < lo || edge.from > hi)) {
          lo = Math.min(lo, edge.to);
          hi = Math.max(hi, edge.from);
          widened = true;
        }
      }
    }
    const initialFacts: ReadonlySet<Fact> = new Set([initial]);

    const inputOf = (segment: SegmentRecord): Set<Fact> => {
      const input = new Set<Fact>(inputs[segment.index]);
      if (segment === initialRecord) input.add(initial);
      for (const previousRecord of segment.previousRecords) {
        // Before the window nothing has touched the key: it still holds its initial fact.
        const output =
          previousRecord.index < lo
            ? previousRecord.segment.reachable
              ? initialFacts
              : undefined
            : outputs[previousRecord.index];
        if (!output) continue;
        let emptied = false;
        let released = false;
        let equalTo: number | undefined;
        for (const branch of testsEnding(previousRecord)) {
          if (branch.isTrueEdge(segment.start) !== branch.knownWhen) continue;
          if (branch.known === 'released') released ||= branch.key === key;
          else if (branch.known === 'equal') equalTo = branch.key === key ? branch.save : equalTo;
          else emptied ||= branch.key === key || (branch.receiver !== undefined && isThroughReceiver(key, branch.receiver));
        }
        if (emptied) input.add(empty);
        else if (released) for (const fact of output) input.add(releasedStateFact(fact));
        else if (equalTo !== undefined) for (const fact of output) input.add(equalValueFact(fact, equalTo));
        else for (const fact of output) input.add(fact);
      }
      return input;
    };

    // A worklist in creation order (a min-heap of indices): one pass settles straight-line code
    // and branches; a segment is visited again only when the output of a predecessor grew.
    const pending: number[] = [];
    const queued = new Uint8Array(fn.segments.length);
    for (let i = Math.max(lo, 0); i <= hi; i++) {
      pending.push(i); // ascending: already a heap
      queued[i] = 1;
    }
    let visitsLeft = (hi - lo + 1) * maxVisitsPerSegment;
    let gaveUp = false;
    while (pending.length > 0) {
      const at = popSmallest(pending);
      queued[at] = 0;
      const segment = fn.segments[at];
      if (!segment?.segment.reachable) continue;
      if (visitsLeft-- <= 0) {
        gaveUp = true;
        if (chain) chain.gaveUp = true;
        break;
      }
      const input = inputOf(segment);
      const before = outputs[at];
      if (before && input.size === (inputs[at]?.size ?? -1)) continue;
      inputs[at] = input;
      const output = transfer(segment, input, false);
      outputs[at] = output;
      if (before?.size === output.size) continue;
      for (const nextIndex of segment.nextIndices) {
        if (nextIndex >= lo && nextIndex <= hi && queued[nextIndex] === 0) {
          pushIndex(pending, nextIndex);
          queued[nextIndex] = 1;
        }
      }
    }
    if (onStore || onOwnMethodCall) {
      // Had the bound been hit, a store whose facts were not settled is decided as "may still be
      // live": reported, never silently skipped.
      const report =
        gaveUp && onStore
          ? (question: StoreQuestion, facts: ReadonlySet<Fact>) => {
              onStore(question, new Set([...facts, live]));
            }
          : onStore;
      const observeCall =
        gaveUp && onOwnMethodCall
          ? (call: TSESTree.Node, facts: ReadonlySet<Fact>) => {
              onOwnMethodCall(call, new Set([...facts, live]));
            }
          : onOwnMethodCall;
      // Only a segment with a questioned store of the key, or a call to observe, has anything to say.
      const storing = index.questionSegments.get(key);
      for (let i = Math.max(lo, 0); i <= hi; i++) {
        if (!storing?.has(i) && !(onOwnMethodCall && index.ownMethodCallSegments.has(i))) continue;
        const segment = fn.segments[i];
        if (!segment?.segment.reachable) continue;
        const input = inputs[i] ?? (gaveUp ? new Set([live]) : undefined);
        if (input) transfer(segment, input, true, report, observeCall);
      }
    }
    return outputs;
  }

  function methodEffect(caller: FunctionRecord, name: string, key: string): MethodEffect {
    const classNode = caller.thisClass;
    if (!classNode) return undefined;
    const cacheKey = `${String(classNode.range[0])}\u0000${name}\u0000${key}`;
    if (methodEffects.has(cacheKey)) return methodEffects.get(cacheKey);
    methodEffects.set(cacheKey, undefined);
    let effect: MethodEffect;
    const method = ownMember(classNode, name);
    const body = functionOf(method);
    const fn = body && functionsByNode.get(body);
    if (fn) {
      const outputs = flow(fn, key, live, () => undefined);
      const exits = new Set<Fact>();
      for (const segment of fn.codePath.returnedSegments) {
        const exitRecord = fn.bySegment.get(segment);
        for (const fact of (exitRecord && outputs[exitRecord.index]) ?? []) exits.add(fact);
      }
      const facts = [...exits];
      if (facts.length > 0 && facts.every((fact) => fact === handled || fact === empty || fact.startsWith('released#') || fact.startsWith('suspended#'))) {
        effect = facts.some((fact) => fact !== handled && fact !== empty) ? 'released' : 'handled';
      } else if (facts.some((fact) => fact === handled || fact.startsWith('released#') || fact.startsWith('suspended#'))) {
        effect = 'partly';
      }
    } else if (!method && !name.startsWith('#') && key.startsWith(`this\u0000`) && caller.staticClassName === undefined) {
      // Not declared here: a method of a base class, read through the TypeScript program.
      effect = config.inheritedMethodEffect(classNode, name, key.slice(5));
    }
    methodEffects.set(cacheKey, effect);
    return effect;
  }

  function ownMember(classNode: ClassNode, name: string): TSESTree.MethodDefinition | TSESTree.PropertyDefinition | undefined {
    return classNode.body.body.find(
      (member): member is TSESTree.MethodDefinition | TSESTree.PropertyDefinition =>
        (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
        !member.computed &&
        declaredKeyName(member) === name,
    );
  }

  /** The function of a method or arrow field. */
  function functionOf(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | undefined): TSESTree.Node | undefined {
    const body = member?.value;
    return body?.type === AST_NODE_TYPES.FunctionExpression || body?.type === AST_NODE_TYPES.ArrowFunctionExpression ? body : undefined;
  }

  /**
   * What a read does to the value; `assert(this.f)`, `console.log(this.f)` and
   * `console.log({ f: this.f })` keep nothing, unlike other calls.
   */
  function useOf(read: TSESTree.Node): ValueUse {
    const use = valueUseOf(read, config.names);
    if (use.kind !== 'handoff') return use;
    const direct = outermostTypeWrapper(read);
    const value = literalHolding(direct);
    const call = value.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression) return use;
    const index = call.arguments.indexOf(value as TSESTree.CallExpressionArgument);
    // After a spread, the argument's index is not its parameter's: which one is asserted is unknown.
    const spreadBefore = call.arguments.slice(0, index).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
    return index >= 0 && !spreadBefore && config.onlyReadsArgument(call, index, value !== direct) ? { kind: 'none' } : use;
  }

  /**
   * Whether a local that saved the old value releases or hands it off after the store; or, for a
   * `const`, in a closure, wherever it is written (`setTimeout(() => old.release(), grace)` before
   * the store): the closure has taken the value over.
   */
  function savedLocalReleasedAfter(local: TSESTree.Identifier, store: TSESTree.Node): boolean {
    const variable = ASTUtils.findVariable(sourceCode.getScope(local), local.name);
    if (!variable) return false;
    const isConst = variable.defs.every(
      (def) => def.parent?.type === AST_NODE_TYPES.VariableDeclaration && def.parent.kind === 'const',
    );
    return variable.references.some(
      (reference) =>
        reference.isRead() &&
        (reference.identifier.range[0] >= store.range[1] ||
          (isConst && reference.from.variableScope !== variable.scope.variableScope)) &&
        ['release', 'handoff'].includes(useOf(reference.identifier).kind),
    );
  }

  /**
   * Whether the old value at a store was handed off or released since an earlier store put it into
   * the field: through a `const` local that the earlier store stored (`const s = open(); this.session
   * = s; resolve(new Transport(s)); this.session = null`), or through a read of the field itself
   * (`this.session = open(); resolve(new Transport(this.session)); … this.session = null`), also
   * when the later store is in a closure (`s.once('ready', () => { resolve(new Transport(s));
   * this.session = null })`). The field still holds that value unless something else stored into it
   * meanwhile, and then that store is judged itself; a fix here would release what was just handed
   * off. Both the earlier store and the hand-off must run on every path to the store (not in a
   * sibling handler, which may not have run, nor in a branch only), and a store that may run again
   * after them (in a loop or a closure, such as an interval's callback) must empty the field: its
   * second run finds its own value there. Or the earlier store is whichever ran last, in an earlier
   * call (`open() { this.latest = new Feed(); return this.latest; }`): see everyStoreHandsOff.
   * Asked only of stores that would be reported: the scopes from the store out to the enclosing
   * class member.
   */
  function aliasTakenOverBefore(fn: FunctionRecord, question: StoreQuestion): boolean {
    const store = question.assignment;
    const { name, key } = question.target;
    const fieldStores = storesInto(name, key);
    const storeScope = sourceCode.getScope(store);
    // Only locals that some store of the file puts into this field: most findings have none, and a
    // long function's other locals are never looked at.
    const candidates = new Set<TSESLint.Scope.Variable>();
    for (const local of fieldStores.fromLocals.keys()) {
      if (local.type !== AST_NODE_TYPES.Identifier || local.range[1] > store.range[0]) continue;
      const variable = constVariableOf(local);
      if (variable && enclosesInMember(variable.scope, storeScope)) candidates.add(variable);
    }
    for (const variable of candidates) {
      const earlierStores: TSESTree.AssignmentExpression[] = [];
      for (const reference of variable.references) {
        const earlier = fieldStores.fromLocals.get(reference.identifier);
        if (earlier && earlier.range[1] <= store.range[0]) earlierStores.push(earlier);
      }
      const reads = variable.references
        .filter((reference) => reference.isRead() && !fieldStores.fromLocals.has(reference.identifier))
        .map((reference) => reference.identifier);
      if (takenOverSince(store, earlierStores, reads, fieldStores.starts)) return true;
    }
    // The field itself, read back after an earlier store in the scopes around this one. Any store
    // between that one and this one makes it fail (takenOverSince), so only the last few before
    // this one can pass (the branches of an `if` that both store are neighbours): a bounded window,
    // so that a long function's many stores into one field cost no more than a few each.
    const before = firstAtOrAfter(fieldStores.assignmentStarts, store.range[0]);
    const earlierStores = fieldStores.assignments
      .slice(Math.max(0, before - lastStoresLooked), before)
      .filter((earlier) => earlier.range[1] <= store.range[0] && enclosesInMember(sourceCode.getScope(earlier), storeScope));
    const since = earlierStores.reduce((first, earlier) => Math.min(first, earlier.range[1]), Infinity);
    if (earlierStores.length > 0 && takenOverSince(store, earlierStores, fieldReadsBetween(name, key, since, store.range[0]), fieldStores.starts)) return true;
    const eventKey = fn.questionKeys.get(question) ?? key;
    return (
      question.target.onThis &&
      eventKey.startsWith('this\u0000') &&
      fn.staticClassName === undefined &&
      fn.thisClass !== undefined &&
      startsEmpty(fn.thisClass, name) &&
      everyStoreHandsOff(fn.thisClass, name)
    );
  }

  /** The variable of a `const` local, or undefined for any other name. */
  function constVariableOf(local: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
    const variable = ASTUtils.findVariable(sourceCode.getScope(local), local.name);
    return variable?.defs.every((def) => def.parent?.type === AST_NODE_TYPES.VariableDeclaration && def.parent.kind === 'const')
      ? variable
      : undefined;
  }

  /** Whether a read of the value releases it or hands it off (not a print, a check or a comparison). */
  function takesOver(read: TSESTree.Node): boolean {
    const use = useOf(read).kind;
    return use === 'release' || use === 'handoff';
  }

  /**
   * Whether one of `reads` (of a local or of the field that the last of `earlierStores` stored)
   * takes the value over after that store and before `store`, on every path to it, with no other
   * store into the field in between (aliasTakenOverBefore).
   */
  function takenOverSince(
    store: TSESTree.AssignmentExpression,
    earlierStores: readonly TSESTree.AssignmentExpression[],
    reads: readonly TSESTree.Node[],
    starts: readonly number[],
  ): boolean {
    let storedAt: number | undefined;
    for (const earlier of earlierStores) {
      if (runsOnEveryPathTo(earlier, store, earlierStores)) storedAt = Math.max(storedAt ?? 0, earlier.range[1]);
    }
    if (storedAt === undefined) return false;
    // Run again after the earlier store, this store finds what its own last run put there.
    if (!isEmptyValue(store.right) && mayRunAgainAfter(store, storedAt)) return false;
    const from = storedAt;
    // Another store into the field in between: it may hold something else now.
    const next = starts[firstAtOrAfter(starts, from)];
    if (next !== undefined && next < store.range[0]) return false;
    const takingOver = reads.filter((read) => read.range[0] >= from && read.range[1] <= store.range[0] && takesOver(read));
    return takingOver.some((read) => runsOnEveryPathTo(read, store, takingOver));
  }

  /**
   * Whether the field starts empty in every instance of the class: declared in the class as a
   * field with no initializer or an empty one (`f?: Feed`, `f: Feed | null = null`). A value it
   * starts with was handed off by no store.
   */
  function startsEmpty(classNode: ClassNode, name: string): boolean {
    const member = ownMember(classNode, name);
    return member?.type === AST_NODE_TYPES.PropertyDefinition && !member.static && (member.value === null || isEmptyValue(member.value));
  }

  /**
   * Whether every store of the file into the field `name` of the class's instances empties it or
   * hands its value off right after (storeHandedOffAfter): then whatever an earlier call left there
   * has been taken over, and a store that finds it drops nothing (`open() { this.latest = new
   * Feed(); return this.latest; }`, `this.feed = new Feed(); this.addFeed(this.feed)`,
   * `settings.strategy = this.strategy`). Stores through another receiver count when it may be an
   * instance (receiverMayBeInstance); a write not made by assignment (`[this.f] = …`, `for (this.f
   * of …)`) fails it.
   */
  function everyStoreHandsOff(classNode: ClassNode, name: string): boolean {
    const byName = handedOffByClass.get(classNode) ?? new Map<string, boolean>();
    handedOffByClass.set(classNode, byName);
    const known = byName.get(name);
    if (known !== undefined) return known;
    const writes = valueWritesByOwner(name);
    const handsOff = (write: FieldWrite): boolean => valueHandedOffAfter(write, name);
    // The writes through `this` of this class, of the classes it may share instances with (along
    // `extends` in the file), of functions whose `this` is anyone's, and through other receivers.
    let every = writes.anyInstance.every(handsOff) && (writes.byClass.get(classNode) ?? []).every(handsOff);
    for (const [owner, ownerWrites] of writes.byClass) {
      if (!every) break;
      if (owner === classNode || (!owner.superClass && !classNode.superClass)) continue;
      classesByName ??= classesByNameIn(sourceCode.ast);
      if (mayShareInstances(owner, classNode, classesByName) || mayShareInstances(classNode, owner, classesByName)) every = ownerWrites.every(handsOff);
    }
    if (every) every = writes.otherReceivers.every((write) => !writeMayReachInstance(write.member.object, classNode) || handsOff(write));
    byName.set(name, every);
    return every;
  }

  /** Whether a write of a value is a store whose value is handed off right after it (storeHandedOffAfter), once per write. */
  function valueHandedOffAfter(write: FieldWrite, name: string): boolean {
    const known = handsOffByWrite.get(write);
    if (known !== undefined) return known;
    const key = fieldRefOf(write.member)?.key;
    const answer = !write.unchecked && write.store !== undefined && key !== undefined && storeHandedOffAfter(write.store, name, key);
    handsOffByWrite.set(write, answer);
    return answer;
  }

  /**
   * The file's writes of a value (not an empty one) into fields named `name`, by the class whose
   * instance `this` is there (static members' writes left out: they never reach an instance), once
   * per name: so that asking every class of a file costs one pass over the writes, not one each.
   */
  function valueWritesByOwner(name: string): WritesByOwner {
    const known = writesByOwner.get(name);
    if (known) return known;
    const grouped: WritesByOwner = { byClass: new Map(), anyInstance: [], otherReceivers: [] };
    for (const write of fieldWritesIn(sourceCode.ast, name)) {
      if (write.emptyValue) continue;
      const receiver = skipTypeWrappers(write.member.object);
      if (receiver.type !== AST_NODE_TYPES.ThisExpression) {
        grouped.otherReceivers.push(write);
        continue;
      }
      const owner = thisOwnerOf(receiver);
      if (!owner) grouped.anyInstance.push(write);
      else if (!owner.isStatic) {
        const list = grouped.byClass.get(owner.classNode);
        if (list) list.push(write);
        else grouped.byClass.set(owner.classNode, [write]);
      }
    }
    writesByOwner.set(name, grouped);
    return grouped;
  }

  /**
   * Whether the value a store puts into the field is released or handed off after it, on every
   * path from it, before anything else can run: by a read of the field (`return this.latest`,
   * `this.feeds.push(this.latest)`, `owner.x = this.f`) or of the `const` it stored, in the same
   * function, with no store into the field, no own-method call (which may store into it), no
   * `return`, `throw`, `break`, `continue`, `await` or `yield` in between, and not after a loop
   * that runs the store again.
   */
  function storeHandedOffAfter(store: TSESTree.AssignmentExpression, name: string, key: string): boolean {
    const holder = enclosingFunction(store);
    const { starts } = storesInto(name, key);
    // A read after the next store into the field reads that store's value: only the reads before it count.
    const nextStore = starts[firstAtOrAfter(starts, store.range[1])] ?? Infinity;
    const reads: TSESTree.Node[] = fieldReadsBetween(name, key, store.range[1], nextStore);
    const value = store.operator === '=' ? skipTypeWrappers(store.right) : undefined;
    const variable = value?.type === AST_NODE_TYPES.Identifier ? constVariableOf(value) : undefined;
    for (const reference of variable?.references ?? []) if (reference.isRead() && reference.identifier !== value) reads.push(reference.identifier);
    const takingOver = reads.filter((read) => {
      if (read.range[0] < store.range[1] || enclosingFunction(read) !== holder || !takesOver(read)) return false;
      const next = starts[firstAtOrAfter(starts, store.range[1])];
      if (next !== undefined && next < read.range[0]) return false;
      return !storeRepeatsBefore(store, read) && !interruptedBetween(holder ?? sourceCode.ast, store.range[1], read.range[0]);
    });
    return takingOver.some((read) => runsOnEveryPathFrom(store, read, takingOver));
  }

  /**
   * Whether a store through `receiver` may store into an instance of the class, by syntax for
   * `this` (receiverMayBeInstance before the function holding it has been walked): `this` in the
   * class, in a class that may share its instances, or in a function whose `this` is anyone's.
   */
  function writeMayReachInstance(receiver: TSESTree.Node, classNode: ClassNode): boolean {
    const bare = skipTypeWrappers(receiver);
    if (bare.type !== AST_NODE_TYPES.ThisExpression) return config.mayBeInstanceOf(bare as TSESTree.Expression, classNode);
    const owner = thisOwnerOf(bare);
    if (!owner) return true;
    if (owner.isStatic) return false;
    if (owner.classNode === classNode) return true;
    classesByName ??= classesByNameIn(sourceCode.ast);
    return mayShareInstances(owner.classNode, classNode, classesByName) || mayShareInstances(classNode, owner.classNode, classesByName);
  }

  /** The reads of a field key in the file (not the targets of its stores), found in one walk for all names. */
  function fieldReadsOf(name: string, key: string): SortedReads {
    if (!fieldReadsByName) {
      fieldReadsByName = new Map();
      // An explicit stack, not recursion: deeply nested code must not overflow the call stack.
      const pending: TSESTree.Node[] = [sourceCode.ast];
      while (pending.length > 0) {
        const node = pending.pop();
        if (!node) break;
        const read = node.type === AST_NODE_TYPES.MemberExpression ? staticMemberName(node) : undefined;
        if (read !== undefined && !isAssignmentTarget(node)) {
          const list = fieldReadsByName.get(read);
          if (list) list.push(node as TSESTree.MemberExpression);
          else fieldReadsByName.set(read, [node as TSESTree.MemberExpression]);
        }
        childNodesOf(node, pending);
      }
    }
    const known = fieldReadsByKey.get(key);
    if (known) return known;
    const reads = (fieldReadsByName.get(name) ?? []).filter((read) => fieldRefOf(read)?.key === key);
    reads.sort((left, right) => left.range[0] - right.range[0]);
    const sorted = { reads, starts: reads.map((read) => read.range[0]) };
    fieldReadsByKey.set(key, sorted);
    return sorted;
  }

  /** The reads of a field key that start in the text between `from` and `to` (a binary search). */
  function fieldReadsBetween(name: string, key: string, from: number, to: number): TSESTree.MemberExpression[] {
    const { reads, starts } = fieldReadsOf(name, key);
    const between: TSESTree.MemberExpression[] = [];
    for (let at = firstAtOrAfter(starts, from); at < reads.length && (starts[at] ?? Infinity) < to; at++) {
      const read = reads[at];
      if (read) between.push(read);
    }
    return between;
  }

  /**
   * By field key, for the file: where its stores start, in text order, and the locals whose value
   * a store puts there (`this.session = session`), each with that store. Read from the file's field
   * writes, on the first finding that asks.
   */
  function storesInto(name: string, key: string): FieldStores {
    const known = storesByKey.get(key);
    if (known) return known;
    const starts: number[] = [];
    const fromLocals = new Map<TSESTree.Node, TSESTree.AssignmentExpression>();
    const assignments: TSESTree.AssignmentExpression[] = [];
    for (const { member, store } of fieldWritesIn(sourceCode.ast, name)) {
      if (fieldRefOf(member)?.key !== key) continue;
      starts.push(member.range[0]);
      if (store) assignments.push(store);
      const value = store?.operator === '=' ? skipTypeWrappers(store.right) : undefined;
      if (store && value?.type === AST_NODE_TYPES.Identifier) fromLocals.set(value, store);
    }
    starts.sort((left, right) => left - right);
    assignments.sort((left, right) => left.range[0] - right.range[0]);
    const stores = { starts, fromLocals, assignments, assignmentStarts: assignments.map((assignment) => assignment.range[0]) };
    storesByKey.set(key, stores);
    return stores;
  }

  const segmentIndexes = new WeakMap<FunctionRecord, SegmentIndex>();

  /** The function's segment index, built once (one pass over its events) when it is decided. */
  function segmentIndexOf(fn: FunctionRecord): SegmentIndex {
    const known = segmentIndexes.get(fn);
    if (known) return known;
    materialize(fn);
    const index: SegmentIndex = {
      firstEvent: new Map(),
      lastQuestion: new Map(),
      firstReceiverEvent: new Map(),
      firstLocalWrite: new Map(),
      questionedKeysByLocal: new Map(),
      firstOwnMethodCall: Infinity,
      backEdges: [],
      questionedKeys: new Set(fn.questionKeys.values()),
      questionSegments: new Map(),
      ownMethodCallSegments: new Set(),
    };
    const noteFirst = (map: Map<string, number>, key: string, at: number): void => {
      if (!map.has(key)) map.set(key, at);
    };
    for (const key of index.questionedKeys) {
      for (const local of receiverLocalsOf(key)) {
        const keys = index.questionedKeysByLocal.get(local);
        if (keys) keys.push(key);
        else index.questionedKeysByLocal.set(local, [key]);
      }
    }
    const previousOf = fn.segments.map((): SegmentRecord[] => []);
    const nextOf = fn.segments.map((): number[] => []);
    for (const segment of fn.segments) {
      const at = segment.index;
      for (const branch of segment.branches ?? noBranches) {
        if (branch.key !== undefined) noteFirst(index.firstEvent, branch.key, at);
        if (branch.receiver !== undefined) noteFirst(index.firstReceiverEvent, `${branch.receiver}\u0000`, at);
      }
      for (const event of segment.events) {
        if (event.kind === 'suspend' || event.kind === 'continuation') continue;
        if (event.kind === 'localWrite') noteFirst(index.firstLocalWrite, event.name, at);
        else if (event.kind === 'receiverPassed' || event.kind === 'newObject') noteFirst(index.firstReceiverEvent, event.receiver, at);
        else if (event.kind === 'ownMethodCall') {
          index.firstOwnMethodCall = Math.min(index.firstOwnMethodCall, at);
          index.ownMethodCallSegments.add(at);
        } else {
          noteFirst(index.firstEvent, event.key, at);
          if (event.kind === 'store' && event.question) {
            index.lastQuestion.set(event.key, at);
            const storing = index.questionSegments.get(event.key);
            if (storing) storing.add(at);
            else index.questionSegments.set(event.key, new Set([at]));
          }
        }
      }
      for (const previous of segment.segment.prevSegments) {
        const previousRecord = fn.bySegment.get(previous);
        if (!previousRecord) continue;
        previousOf[at]?.push(previousRecord);
        nextOf[previousRecord.index]?.push(at);
        if (previousRecord.index >= at) index.backEdges.push({ from: previousRecord.index, to: at });
      }
      if (segment.events.length >= minEventsToList) listEventsByKey(segment, index);
    }
    for (const segment of fn.segments) {
      segment.previousRecords = previousOf[segment.index] ?? noRecords;
      segment.nextIndices = nextOf[segment.index] ?? noIndices;
    }
    segmentIndexes.set(fn, index);
    return index;
  }

  /**
   * What a call of an own method does to the key, for the flow of `fn`: a call of one that stores
   * into the field leaves a new value there, which a later store drops; else the method's summary.
   */
  function ownCallEffect(fn: FunctionRecord, key: string): (name: string) => OwnCallEffect {
    return (name) => (storesWhenCalled(fn, name, key) ? 'stores' : methodEffect(fn, name, key));
  }

  function decide(fn: FunctionRecord): void {
    materialize(fn);
    const keys = new Map<string, StoreQuestion>();
    for (const question of fn.questions) {
      const key = fn.questionKeys.get(question) ?? question.target.key;
      if (!keys.has(key)) keys.set(key, question);
    }
    for (const [key, first] of keys) {
      const initial = initialFactOf(fn, key, first);
      const factsByQuestion = new Map<StoreQuestion, Set<Fact>>();
      flow(
        fn,
        key,
        initial,
        ownCallEffect(fn, key),
        (question, facts) => {
          const all = factsByQuestion.get(question) ?? new Set<Fact>();
          for (const fact of facts) all.add(fact);
          factsByQuestion.set(question, all);
        },
      );
      for (const [question, facts] of factsByQuestion) {
        if (facts.size === 0) continue;
        // Dropped on a path of its own whatever the callers do: no need to ask them.
        if ((facts.has(atEntry) || facts.has(atEntrySuspended) || facts.has(firedSuspended) || facts.has(racingSuspended)) && !facts.has(live)) {
          entryQuestions.push({ fn, question, key, facts });
          continue;
        }
        const verdict = verdictOf(fn, question, facts);
        // A method that outside code may call with a live value, and its own class after a
        // release: reported, but its callers decide whether a fix may release (asked at the end).
        const method = initial === live && verdict.dropped && !verdict.handledOnSomePath && key.startsWith('this\u0000') ? instanceMethodOf(fn.node) : undefined;
        if (method && !fn.privateMethod) calledMethodQuestions.push({ fn, method, question, key, verdict });
        else question.answer(verdict);
      }
    }
  }

  /**
   * What `key` holds when `fn` starts: nothing live in a fired timer's callback, released in a
   * handler of the release's promise, unassigned in a constructor or init method, what the
   * callers left in a private method or the registering code left in a promise handler (decided
   * later), else a live value. `question` is a store into the key, for the type question of
   * `startsUnassigned`.
   */
  function initialFactOf(fn: FunctionRecord, key: string, question: StoreQuestion): Fact {
    materialize(fn);
    if (key === fn.firedTimerKey) return fired;
    if (key === fn.releasingKey) return releasing;
    if (key === fn.releasedBeforeStart?.key) return `released#${String(fn.releasedBeforeStart.release)}`;
    if (isInitializer(fn) && question.target.onThis && config.startsUnassigned(question, fn.node)) return unassigned;
    // The handler of a single-flight load finds the field as the guard that started the load left it
    // (asked before the handlers' general rule below, which would take whatever the registering code left).
    if (question.target.onThis && isFunctionNode(fn.node) && emptyWhenSingleFlightRuns(fn.node, question.target.name)) return empty;
    // A module function run once per object (behind a flag at every call), or its promise handler,
    // makes the file's only store of a value into the member: it finds the member empty.
    if (!question.target.onThis && isFunctionNode(fn.node) && emptyWhenOncePerObjectRuns(fn.node, question.assignment, oncePerObjectQuestions)) {
      return empty;
    }
    if (fn.privateMethod && key.startsWith('this\u0000')) return atEntry;
    // A promise handler's entry is followed into the code that registered it only in a class that
    // arms a one-shot timer (the handler may be in the timer's chain); elsewhere it is whatever is there.
    if (fn.continuation && fn.thisClass && key.startsWith('this\u0000') && timerFieldsOf(fn.thisClass).size > 0) return atEntry;
    return live;
  }

  /** Private-method stores that wait on their callers; answered when the program's path ends. */
  const entryQuestions: EntryQuestion[] = [];
  /** By function and key: where the first own call that may refill the field starts (ownCallRefillsBefore). */
  const firstRefillByFunction = new WeakMap<FunctionRecord, Map<string, number>>();
  /** Stores in methods that other code may call, waiting for the class's own calls (callerReleasedOnSomePath). */
  const calledMethodQuestions: CalledMethodQuestion[] = [];
  /** By caller and key: the facts of the key just before each `this.m()` call in the caller. */
  const callSiteFacts = new Map<FunctionRecord, Map<string, Map<TSESTree.Node, Set<Fact>>>>();

  function answerEntryQuestions(): void {
    for (const { fn, question, key, facts } of entryQuestions) {
      const entered = facts.has(atEntry) || facts.has(atEntrySuspended);
      const fromCallers = (entered && entryFacts(fn, key, question, 1)) || new Set([live]);
      const resolved = new Set<Fact>();
      for (const fact of facts) if (fact !== atEntry && fact !== atEntrySuspended) resolved.add(fact);
      if (facts.has(atEntry)) for (const fact of fromCallers) resolved.add(fact);
      if (facts.has(atEntrySuspended)) for (const fact of suspendedFacts(fromCallers)) resolved.add(fact);
      // Code of the chain that was pending across a suspension may have armed the timer first:
      // a fired timer's pass does not hold past it (in a function of the chain; elsewhere the
      // racing handler is no more than any other code).
      resolved.delete(racing);
      resolved.delete(callerGoesOn);
      if (resolved.delete(callerWentOn)) resolved.add(live);
      const raced = resolved.delete(racingSuspended);
      const firedBefore = resolved.delete(firedSuspended);
      if (firedBefore) {
        const classNode = fn.thisClass;
        const onlyChain = !raced && key.startsWith('this\u0000') && classNode !== undefined && storesOnlyInChain(classNode, key, key);
        resolved.add(onlyChain ? fired : live);
      } else if (raced && chainBound(fn, key, 0)) resolved.add(live);
      question.answer(verdictOf(fn, question, resolved));
    }
    entryQuestions.length = 0;
    for (const { fn, method, question, key, verdict } of calledMethodQuestions) {
      question.answer(callerReleasedOnSomePath(fn, method, key, question) ? { ...verdict, handledOnSomePath: true } : verdict);
    }
    calledMethodQuestions.length = 0;
    callSiteFacts.clear();
    storesByMethod.clear();
    chainBoundByKey.clear();
    chainFlows.clear();
    storesOnlyInChainByClass.clear();
    oneAtATimeByChain.clear();
    functionsByClass = undefined;
    dynamicStores = undefined;
    timerEscapes.clear();
    outsideAccessesByClass.clear();
    pendsByMethod.clear();
    storesByKey.clear();
    fieldReadsByName = undefined;
    fieldReadsByKey.clear();
    handedOffByClass.clear();
    writesByOwner.clear();
    classesByName = undefined;
  }

  /**
   * What `key` holds when `fn` is entered from outside: what its callers left there for a private
   * method, what the registering code left there for a promise handler in a fired timer's chain.
   * Undefined when not every way in is known.
   */
  function entryFacts(fn: FunctionRecord, key: string, question: StoreQuestion, depth: number): Set<Fact> | undefined {
    if (fn.privateMethod) return callerFacts(fn.privateMethod, key, question, depth);
    if (fn.continuation) return handlerEntryFacts(fn, fn.continuation, key, question, depth);
    return undefined;
  }

  /**
   * What `this.<key>` may hold when the private method is entered: the facts at each of its call
   * sites in the class, where a value the caller released stays released (`released#-1`: an `await` in the method before the store still shows it to other code)
   * and a merely saved one as live. Undefined when not every caller is known.
   */
  function callerFacts(method: PrivateMethod, key: string, question: StoreQuestion, depth: number): Set<Fact> | undefined {
    const uses = privateMethodUsesOf(method.classNode).get(method.name);
    if (!uses || uses.escapes || uses.calls.length === 0) return undefined;
    // Only an async method returns to its callers before its end (a store in a method it calls
    // after its return is the callee's question, which follows its callers up).
    const body = functionOf(ownMember(method.classNode, method.name));
    const mayWait = body?.type !== AST_NODE_TYPES.FunctionExpression || body.async;
    const facts = new Set<Fact>();
    for (const call of uses.calls) {
      const caller = codePathOf(call);
      // `this` in the caller must be the same instance: a method (or an arrow in one) of this class.
      if (!caller || caller.thisClass !== method.classNode || caller.staticClassName !== undefined) return undefined;
      const callFacts = new Set<Fact>();
      for (const fact of factsBeforeCall(caller, key, question, call) ?? []) {
        if (fact === atEntry || fact === atEntrySuspended) {
          // A fired timer's chain alternates methods and handlers: it is followed further.
          const bound = caller.continuation ? maxChainLinks : maxCallerDepth;
          let outerFacts = depth < bound ? entryFacts(caller, key, question, depth + 1) : undefined;
          // A promise handler outside a timer's chain starts with whatever the field holds.
          if (!outerFacts && caller.continuation && !caller.privateMethod) outerFacts = new Set([live]);
          if (!outerFacts) return undefined;
          for (const outerFact of fact === atEntry ? outerFacts : suspendedFacts(outerFacts)) callFacts.add(outerFact);
        } else if (fact.startsWith('released#')) callFacts.add(releasedByCaller);
        else if (fact.startsWith('suspended#')) callFacts.add(suspendedByCaller);
        else if (fact.startsWith('saved#')) callFacts.add(live);
        else callFacts.add(fact);
      }
      // The caller runs on when the method first suspends: what it stores after the call, the
      // method's store past its `await` drops (asked only where nothing live is known yet).
      if (mayWait && callFacts.size > 0 && !callFacts.has(live) && !callFacts.has(callerGoesOn) && overtaken(caller, call, key, question, 0)) {
        callFacts.add(callerGoesOn);
      }
      for (const fact of callFacts) facts.add(fact);
    }
    return facts.size > 0 ? facts : undefined;
  }

  /**
   * Whether a call `this.m()` of the class runs the store's method `m` (public or protected: code
   * outside may call it too, with a live value) right after releasing the old value, and that
   * released value reaches the store: a fix there would release it a second time
   * (jupyterlab's `update()` disposes the kernel, then calls the protected `setupKernel()`).
   * The store stays reported; only a fix is withheld. A subclass may override `m`, so such a
   * call may not run this body: that only withholds a fix that was safe.
   */
  function callerReleasedOnSomePath(fn: FunctionRecord, method: OwnMethod, key: string, question: StoreQuestion): boolean {
    const uses = instanceMethodUsesOf(method.classNode).get(method.name);
    if (!uses) return false;
    const releasedBefore = uses.calls.some((call) => {
      const caller = codePathOf(call);
      if (!caller || caller.thisClass !== method.classNode || caller.staticClassName !== undefined) return false;
      const facts = factsBeforeCall(caller, key, question, call);
      return facts !== undefined && [...facts].some((fact) => fact.startsWith('released#') || fact.startsWith('suspended#'));
    });
    if (!releasedBefore) return false;
    let reaches = false;
    flow(
      fn,
      key,
      releasedByCaller,
      ownCallEffect(fn, key),
      (reached, facts) => {
        if (reached === question && (facts.has(releasedByCaller) || facts.has(suspendedByCaller))) reaches = true;
      },
    );
    return reaches;
  }

  // ── A fired timer's chain: what the registering code left in the field, carried into promise handlers ──

  /** By function and key: whether the function runs only in the chain of the timer the key holds. */
  const chainBoundByKey = new Map<FunctionRecord, Map<string, boolean>>();
  /** By function and key: the function's handler registrations and what became of them (chainOutcomesOf). */
  const chainFlows = new Map<FunctionRecord, Map<string, ChainOutcome>>();
  /** By class, key and chain key: whether every store of a value into the field is made in the chain. */
  const storesOnlyInChainByClass = new Map<string, boolean>();
  /** By class and chain key: whether the chain's activations run one at a time (chainRunsOneAtATime). */
  const oneAtATimeByChain = new Map<string, boolean>();
  /** The instance functions of each class (methods and the arrows in them), built when a chain is first asked about. */
  let functionsByClass: Map<ClassNode, FunctionRecord[]> | undefined;
  /** The stores the file makes through names it does not show (dynamicStoresIn), found when first asked. */
  let dynamicStores: DynamicStore[] | undefined;
  /** By field name: the reads of a field of that name that let the timer it holds out (timerEscapesIn). */
  const timerEscapes = new Map<string, TSESTree.MemberExpression[]>();
  /** By class: the accesses outside the class's body of a name of its `private` methods (reachedOutsideClass). */
  const outsideAccessesByClass = new Map<ClassNode, TSESTree.MemberExpression[]>();
  /** By class, method name and key: whether a call of the method may register a promise handler (callMayPend). */
  const pendsByMethod = new Map<string, boolean>();
  /** By field key: the file's stores into it (aliasTakenOverBefore). */
  const storesByKey = new Map<string, FieldStores>();
  /** By field name: its reads in the file, found in one walk when first asked (fieldReadsOf). */
  let fieldReadsByName: Map<string, TSESTree.MemberExpression[]> | undefined;
  /** By field key: its reads (fieldReadsOf), in text order. */
  const fieldReadsByKey = new Map<string, SortedReads>();
  /** By class and field name: whether every store of the file into it hands its value off (everyStoreHandsOff). */
  const handedOffByClass = new Map<ClassNode, Map<string, boolean>>();
  /** By field name: the file's writes of a value into it, by owner class (valueWritesByOwner). */
  const writesByOwner = new Map<string, WritesByOwner>();
  /** By write: whether its value is handed off right after it (handsOff). */
  const handsOffByWrite = new WeakMap<FieldWrite, boolean>();
  let classesByName: Map<string, ClassNode> | undefined;

  /**
   * What `key` holds when a promise handler in a fired timer's chain starts: what the code that
   * registered it left there, through a gap (a value it released was visible meanwhile). Sound
   * only because nothing else can store into the field during the gap: the handler runs only in
   * a chain that is the only code storing a value into the field (handlerRunsAlone), and the
   * registration is the last thing its activation does to the field (not overtaken). Undefined
   * when the handler is not in such a chain.
   */
  function handlerEntryFacts(
    fn: FunctionRecord,
    link: TSESTree.CallExpression,
    key: string,
    question: StoreQuestion,
    depth: number,
  ): Set<Fact> | undefined {
    const registering = codePathOf(link);
    const classNode = fn.thisClass;
    if (!registering || !classNode || !handlerRunsAlone(fn, classNode, key)) return undefined;
    if (overtaken(registering, link, key, question, 0)) return new Set([live]);
    const site = chainOutcomesOf(registering, key, question).sites.get(link);
    if (!site) return undefined;
    const facts = new Set<Fact>();
    for (const fact of site.before) {
      if (fact === atEntry || fact === atEntrySuspended) {
        const outer = depth < maxChainLinks ? entryFacts(registering, key, question, depth + 1) : undefined;
        if (!outer) return undefined;
        for (const outerFact of suspendedFacts(outer)) facts.add(outerFact);
      } else if (fact.startsWith('pending#')) {
        // An earlier handler of the same activation may store into the field first.
        facts.add(live);
      } else if (fact.startsWith('released#') || fact.startsWith('suspended#')) facts.add(suspendedByCaller);
      else if (fact.startsWith('saved#')) facts.add(live);
      else facts.add(fact);
    }
    return facts.size > 0 ? facts : undefined;
  }

  /**
   * Whether no code but the chain the handler `fn` runs in can store a value into `this.<key>` while
   * the handler is pending:
   * - the key's own chain (the timer it holds, or code that only the constructor starts), which
   *   alone stores a value into the field; for a field that holds no timer, the chain's
   *   activations must also run one at a time;
   * - or, for a field that holds no timer, the chain of a timer of the class that alone arms the
   *   timer and stores a value into the field, and whose activations run one at a time (while
   *   the handler is pending, no other part of the chain can run).
   */
  function handlerRunsAlone(fn: FunctionRecord, classNode: ClassNode, key: string): boolean {
    if (!key.startsWith('this\u0000')) return false;
    const timers = timerFieldsOf(classNode);
    const holdsTimer = timers.has(key.slice('this\u0000'.length));
    if (holdsTimer) return chainBound(fn, key, 0) && storesOnlyInChain(classNode, key, key);
    // `Object.assign(this, saved)` and the like may store into the field where no write of it shows.
    if (thisEscapes(classNode)) return false;
    if (chainBound(fn, key, 0) && storesOnlyInChain(classNode, key, key) && chainRunsOneAtATime(classNode, key)) return true;
    for (const timer of timers) {
      const timerKey = `this\u0000${timer}`;
      if (
        chainBound(fn, timerKey, 0) &&
        storesOnlyInChain(classNode, timerKey, timerKey) &&
        chainRunsOneAtATime(classNode, timerKey) &&
        storesOnlyInChain(classNode, key, timerKey)
      ) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the activations of the chain of `chainKey` (its timer's callback, the constructor, and
   * the private methods and promise handlers only the chain runs: see chainBound) run one at a
   * time: each leaves at most one thing behind that can go on with the chain (the timer armed in
   * the key, one registered handler that names `this`, or a call of an own method that may do
   * either), on every path, and none waits (an async function or generator lets its caller, or a
   * handler it registered, go on meanwhile). The constructor starts the chain once, so while one
   * handler of the chain is pending no other part of it can run. One flow per function of the
   * class, once per chain, asked only for a store in a handler that a chain may let through.
   */
  function chainRunsOneAtATime(classNode: ClassNode, chainKey: string): boolean {
    const cacheKey = `${String(classNode.range[0])}\u0000${chainKey}`;
    const known = oneAtATimeByChain.get(cacheKey);
    if (known !== undefined) return known;
    oneAtATimeByChain.set(cacheKey, false);
    const armsTimer = timerFieldsOf(classNode).has(chainKey.slice('this\u0000'.length));
    if (!functionsByClass) {
      // One pass over the file's functions, for every class asked about.
      functionsByClass = new Map();
      for (const fn of functionsByNode.values()) {
        if (!fn.thisClass || fn.staticClassName !== undefined) continue;
        const functions = functionsByClass.get(fn.thisClass);
        if (functions) functions.push(fn);
        else functionsByClass.set(fn.thisClass, [fn]);
      }
    }
    let oneAtATime = true;
    for (const fn of functionsByClass.get(classNode) ?? []) {
      if (!chainBound(fn, chainKey, 0)) continue;
      const node = fn.node;
      if (isFunctionNode(node) && (node.async || node.generator)) oneAtATime = false;
      else oneAtATime = leavesOneThingPending(fn, chainKey, armsTimer);
      if (!oneAtATime) break;
    }
    oneAtATimeByChain.set(cacheKey, oneAtATime);
    return oneAtATime;
  }

  /**
   * Whether, on every path through `fn`, at most one thing that can go on with the chain of
   * `chainKey` is left behind: a registered handler naming `this`, a call of an own method that
   * may register one or store into the key, or (for a timer's chain) a store arming the timer.
   */
  function leavesOneThingPending(fn: FunctionRecord, chainKey: string, armsTimer: boolean): boolean {
    const left: Fact = 'pending#left';
    // Set by the flow's callback, which the compiler cannot see run.
    const found = { twice: false };
    const chain: ChainFlow = {
      gaveUp: false,
      before(event, facts) {
        const goesOn =
          (event.kind === 'continuation' && handlersUseThis(event.link)) ||
          (event.kind === 'ownMethodCall' && callMayPend(fn, event.name, chainKey, 1)) ||
          (armsTimer && event.kind === 'store' && event.key === chainKey && !event.emptyValue);
        if (!goesOn) return facts;
        if (facts.has(left)) {
          found.twice = true;
          return facts;
        }
        return new Set([...facts, left]);
      },
    };
    flow(fn, chainKey, empty, () => undefined, undefined, undefined, chain);
    return !found.twice && !chain.gaveUp;
  }

  /**
   * Whether `fn` runs only as part of the chain of the one-shot timer that `key` holds, one
   * activation at a time: the callback of a timer stored into the key (`this.t = setTimeout(() =>
   * …)`), the constructor (which runs once, before any of it), a private method whose every
   * caller is in the chain, or an arrow that code in the chain registers as a handler of a native
   * promise (run at most once; of `then(a, b)`, only one). Syntax, but the promise's type, asked
   * last. A cycle of callers is taken not to be in the chain.
   */
  function chainBound(fn: FunctionRecord, key: string, links: number): boolean {
    let byKey = chainBoundByKey.get(fn);
    if (!byKey) {
      byKey = new Map();
      chainBoundByKey.set(fn, byKey);
    }
    const known = byKey.get(key);
    if (known !== undefined) return known;
    byKey.set(key, false);
    const bound = isChainBound(fn, key, links);
    byKey.set(key, bound);
    return bound;
  }

  function isChainBound(fn: FunctionRecord, key: string, links: number): boolean {
    // Syntax first: most functions asked about (the code around a handler) are public methods,
    // which need no replay to be ruled out.
    const node = fn.node;
    // A timer's callback and a promise handler are both arguments of a call.
    const callArgument = outermostTypeWrapper(node).parent?.type === AST_NODE_TYPES.CallExpression;
    if (!callArgument && !isConstructor(fn) && !privateMethodOf(node)) return false;
    materialize(fn);
    if (fn.firedTimerKey === key) return true;
    const classNode = fn.thisClass;
    if (!classNode || fn.staticClassName !== undefined || links >= maxChainLinks) return false;
    if (isConstructor(fn)) return true;
    if (fn.privateMethod) {
      const uses = privateMethodUsesOf(fn.privateMethod.classNode).get(fn.privateMethod.name);
      if (!uses || uses.escapes || uses.calls.length === 0 || reachedOutsideClass(fn.privateMethod.classNode, fn.privateMethod.name)) return false;
      return uses.calls.every((call) => {
        const caller = codePathOf(call);
        return caller?.thisClass === classNode && caller.staticClassName === undefined && chainBound(caller, key, links + 1);
      });
    }
    const link = fn.continuation && promiseLinkOf(fn.node);
    if (!link) return false;
    const registering = codePathOf(link.link);
    return registering?.thisClass === classNode && chainBound(registering, key, links + 1) && config.isPromise(link.promise);
  }

  function isConstructor(fn: FunctionRecord): boolean {
    const method = fn.node.parent;
    return fn.node.type === AST_NODE_TYPES.FunctionExpression && method?.type === AST_NODE_TYPES.MethodDefinition && method.kind === 'constructor';
  }

  /**
   * Whether `receiver` may be an instance of the class: `this` in the class, in a class that may
   * extend it or that it extends, or in a function whose `this` is anyone's; another expression
   * when its type lets it be (mayBeInstanceOf).
   */
  function receiverMayBeInstance(receiver: TSESTree.Node, classNode: ClassNode): boolean {
    const bare = skipTypeWrappers(receiver);
    if (bare.type !== AST_NODE_TYPES.ThisExpression) return config.mayBeInstanceOf(bare as TSESTree.Expression, classNode);
    const fn = codePathOf(bare);
    const thisClass = fn?.thisClass;
    if (!thisClass) return true;
    if (fn.staticClassName !== undefined) return false;
    if (thisClass === classNode) return true;
    classesByName ??= classesByNameIn(sourceCode.ast);
    return mayShareInstances(thisClass, classNode, classesByName) || mayShareInstances(classNode, thisClass, classesByName);
  }

  /**
   * Whether code outside the class may call its `private` method `name` (`pinger['measure']()`,
   * `(pinger as any).measure()`): TypeScript lets a string key past the check, and the class's own
   * walk (privateMethodUsesOf) sees only its body. A `#name` method is out of reach. One walk of the
   * file per class whose chain is in question.
   */
  function reachedOutsideClass(classNode: ClassNode, name: string): boolean {
    if (name.startsWith('#')) return false;
    let accesses = outsideAccessesByClass.get(classNode);
    if (!accesses) {
      const names = new Set<string>();
      for (const member of classNode.body.body) {
        const method = member.type === AST_NODE_TYPES.MethodDefinition ? privateMethodOf(member.value) : undefined;
        if (method && !method.name.startsWith('#')) names.add(method.name);
      }
      accesses = membersNamedOutside(sourceCode.ast, classNode, names);
      outsideAccessesByClass.set(classNode, accesses);
    }
    return accesses.some((member) => staticMemberName(member) === name && receiverMayBeInstance(member.object, classNode));
  }

  /**
   * Whether every use of the local that `declarator` declares from a timer field only tests,
   * cancels or (un)refs it (`const oldTimer = this.timer; … clearTimeout(oldTimer)`, as the fix
   * writes): then the timer does not leave through the local (timerReadEscapes). Follows locals
   * copied from locals a few steps deep, then says no.
   */
  function localStaysPut(declarator: TSESTree.VariableDeclarator, depth: number): boolean {
    if (depth >= 3) return false;
    const variable = sourceCode.scopeManager?.getDeclaredVariables(declarator)[0];
    if (!variable) return false;
    return variable.references.every(
      (reference) => !reference.isRead() || !timerReadEscapes(reference.identifier, (inner) => localStaysPut(inner, depth + 1)),
    );
  }

  /**
   * Whether every store of a value into the field of `this.<key>` that the file makes is made in
   * the chain of `chainKey` (`this.t = undefined` may be anywhere): then no other code arms a
   * second timer, or stores a value into the field, while a handler of the chain is pending. A
   * store through another receiver (`pinger.t = …`) whose type may be the class, or in a class
   * that may extend this one, is not known to be; a class with a base class may have it stored by
   * the base class's methods. Stores in other modules are out of sight, as for every question the
   * rule asks. One walk of the file per field name.
   */
  function storesOnlyInChain(classNode: ClassNode, key: string, chainKey: string): boolean {
    const cacheKey = `${String(classNode.range[0])}\u0000${key}\u0000${chainKey}`;
    const known = storesOnlyInChainByClass.get(cacheKey);
    if (known !== undefined) return known;
    storesOnlyInChainByClass.set(cacheKey, false);
    let only = classNode.superClass === null;
    const name = key.slice('this\u0000'.length);
    const writes = only ? fieldWritesIn(sourceCode.ast, name) : [];
    // `Object.assign(p, { connection })`, `p[key] = c`: a store no write of the name shows.
    if (only) {
      dynamicStores ??= dynamicStoresIn(sourceCode.ast);
      only = !dynamicStores.some((store) => (!store.key || config.mayNameField(store.key)) && receiverMayBeInstance(store.target, classNode));
    }
    // `const t = this.timer; … t.refresh()` re-arms the timer with no store into the field.
    if (only && timerFieldsOf(classNode).has(name)) {
      let escapes = timerEscapes.get(name);
      if (!escapes) {
        escapes = timerEscapesIn(sourceCode.ast, name, (declarator) => localStaysPut(declarator, 0));
        timerEscapes.set(name, escapes);
      }
      only = !escapes.some((read) => receiverMayBeInstance(read.object, classNode));
    }
    for (const write of only ? writes : []) {
      if (write.emptyValue) continue;
      if (write.unchecked) {
        only = false;
        break;
      }
      const fn = codePathOf(write.member);
      const thisClass = fn?.thisClass;
      const receiver = write.member.object;
      if (skipTypeWrappers(receiver).type !== AST_NODE_TYPES.ThisExpression) {
        // Another object's field of the same name, unless its type lets it be an instance of this class.
        only = !config.mayBeInstanceOf(receiver, classNode);
      } else if (!fn || !thisClass) {
        only = false;
      } else if (thisClass !== classNode) {
        classesByName ??= classesByNameIn(sourceCode.ast);
        only = !mayShareInstances(thisClass, classNode, classesByName);
      } else {
        // A static member's `this.t` is the class's own field, under another key.
        only = fn.staticClassName !== undefined || chainBound(fn, chainKey, 0);
      }
      if (!only) break;
    }
    storesOnlyInChainByClass.set(cacheKey, only);
    return only;
  }

  /**
   * Whether, after the registration `site` in `fn`, the activation may still store into the key or
   * register another handler: in `fn` itself, or (for a private method whose registration reaches
   * its end) in its callers after the call. The handler then may not find what `fn` left there.
   */
  function overtaken(fn: FunctionRecord, site: TSESTree.Node, key: string, question: StoreQuestion, depth: number): boolean {
    const outcome = chainOutcomesOf(fn, key, question);
    const registration = outcome.sites.get(site);
    if (outcome.gaveUp || !registration || registration.overtaken) return true;
    if (!outcome.reachingExit.has(site) || !fn.privateMethod) return false;
    if (depth >= maxChainLinks) return true;
    const uses = privateMethodUsesOf(fn.privateMethod.classNode).get(fn.privateMethod.name);
    if (!uses || uses.escapes) return true;
    return uses.calls.some((call) => {
      const caller = codePathOf(call);
      return !caller || overtaken(caller, call, key, question, depth + 1);
    });
  }

  /**
   * The flow of `key` through `fn` with its handler registrations (and its calls of own methods
   * that may store into the key or register one) as sites: the facts just before each, and whether
   * the key is stored into, or another site follows, on some path after it.
   */
  function chainOutcomesOf(fn: FunctionRecord, key: string, question: StoreQuestion): ChainOutcome {
    let byKey = chainFlows.get(fn);
    if (!byKey) {
      byKey = new Map();
      chainFlows.set(fn, byKey);
    }
    const known = byKey.get(key);
    if (known) return known;
    const sites = new Map<TSESTree.Node, ChainSite>();
    const siteByFact = new Map<Fact, ChainSite>();
    const overtake = (facts: ReadonlySet<Fact>): void => {
      for (const fact of facts) {
        const site = siteByFact.get(fact);
        if (site) site.overtaken = true;
      }
    };
    const pend = (node: TSESTree.Node, facts: ReadonlySet<Fact>): ReadonlySet<Fact> => {
      overtake(facts);
      let site = sites.get(node);
      if (!site) {
        site = { fact: `pending#${String(sites.size)}`, node, before: new Set(), overtaken: false };
        sites.set(node, site);
        siteByFact.set(site.fact, site);
      }
      for (const fact of facts) site.before.add(fact);
      return facts.has(site.fact) ? facts : new Set([...facts, site.fact]);
    };
    const chain: ChainFlow = {
      gaveUp: false,
      before(event, facts) {
        // A handler that never names `this` cannot reach the field (an alias of `this` makes the
        // chain's methods escape, and its stores go through another receiver).
        if (event.kind === 'continuation') return handlersUseThis(event.link) ? pend(event.link, facts) : facts;
        if (event.kind === 'ownMethodCall') {
          const call = fn.releases[event.release]?.call;
          if (call && callMayPend(fn, event.name, key, 1)) return pend(call, facts);
        } else if (event.kind === 'store' && event.key === key && !event.emptyValue) {
          overtake(facts);
        }
        return facts;
      },
    };
    const outputs = flow(
      fn,
      key,
      initialFactOf(fn, key, question),
      (name) => (storesNewValue(fn, name, key, 1) ? 'stores' : methodEffect(fn, name, key)),
      undefined,
      undefined,
      chain,
    );
    const reachingExit = new Set<TSESTree.Node>();
    for (const segment of fn.codePath.finalSegments) {
      const exitRecord = fn.bySegment.get(segment);
      for (const fact of (exitRecord && outputs[exitRecord.index]) ?? []) {
        const site = siteByFact.get(fact);
        if (site) reachingExit.add(site.node);
      }
    }
    const outcome: ChainOutcome = { sites, reachingExit, gaveUp: chain.gaveUp };
    byKey.set(key, outcome);
    return outcome;
  }

  /**
   * Whether `this.<name>()` may store into the key, or register a promise handler (which may),
   * also through the own methods it calls, a few deep. A method the class does not declare is
   * taken to.
   */
  function callMayPend(caller: FunctionRecord, name: string, key: string, depth: number): boolean {
    const classNode = caller.thisClass;
    if (!classNode) return true;
    if (storesNewValue(caller, name, key, 1)) return true;
    const cacheKey = `${String(classNode.range[0])}\u0000${name}\u0000${key}`;
    const known = pendsByMethod.get(cacheKey);
    if (known !== undefined) return known;
    if (depth > maxCallerDepth) return true;
    pendsByMethod.set(cacheKey, false);
    const body = functionOf(ownMember(classNode, name));
    const fn = body && functionsByNode.get(body);
    let pends = !fn;
    if (fn) {
      materialize(fn);
      for (const segment of fn.segments) {
        for (const event of segment.events) {
          if (event.kind === 'continuation' || (event.kind === 'ownMethodCall' && callMayPend(fn, event.name, key, depth + 1))) pends = true;
        }
      }
    }
    pendsByMethod.set(cacheKey, pends);
    return pends;
  }

  const storesByMethod = new Map<string, boolean>();

  /**
   * Whether `this.<name>()` may leave a new value in the key (a store on some path to its end,
   * also through the own methods it calls, a few deep): at a later call of the private method,
   * the field then holds that value, not the one the caller released.
   */
  function storesNewValue(caller: FunctionRecord, name: string, key: string, depth: number): boolean {
    const classNode = caller.thisClass;
    if (!classNode) return false;
    const cacheKey = `${String(classNode.range[0])}\u0000${name}\u0000${key}`;
    const known = storesByMethod.get(cacheKey);
    if (known !== undefined) return known;
    // Past the bound, assume it may: that only keeps a report.
    if (depth > maxCallerDepth) return true;
    storesByMethod.set(cacheKey, false);
    const body = functionOf(ownMember(classNode, name));
    const fn = body && functionsByNode.get(body);
    let stores = false;
    if (fn) {
      const outputs = flow(fn, key, atEntry, (inner) => (storesNewValue(fn, inner, key, depth + 1) ? 'stores' : undefined));
      for (const segment of fn.codePath.returnedSegments) {
        const exitRecord = fn.bySegment.get(segment);
        if ((exitRecord && outputs[exitRecord.index])?.has(live)) stores = true;
      }
    }
    storesByMethod.set(cacheKey, stores);
    return stores;
  }

  /**
   * Whether a call of an own method leaves a new value in the field when it returns to the caller.
   * An async method returns at its first `await`: what it stores after that is judged where it
   * stores (against what its callers may store meanwhile), not as left by the call.
   */
  function storesWhenCalled(caller: FunctionRecord, name: string, key: string): boolean {
    if (!storesNewValue(caller, name, key, 1)) return false;
    const body = caller.thisClass && functionOf(ownMember(caller.thisClass, name));
    if (!body || !isFunctionNode(body) || !body.async || !key.startsWith('this\u0000')) return true;
    return syncPartMayStore(body, key.slice('this\u0000'.length));
  }

  /**
   * Whether the part of an async function that runs before it first suspends may store into
   * `this.<name>` or call an own method: yes unless a statement of its body that is an `await`
   * (`await x;`, `const v = await x;`, `v = await x;`) comes before every such store and call.
   * Syntax only; no such `await` means yes.
   */
  function syncPartMayStore(fn: FunctionNode, name: string): boolean {
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return true;
    const statements = fn.body.body;
    const first = statements.findIndex(isAwaitStatement);
    if (first < 0) return true;
    const touches = (node: TSESTree.Node): boolean => {
      if (node !== fn && isFunctionNode(node)) return false;
      if (node.type === AST_NODE_TYPES.MemberExpression && skipTypeWrappers(node.object).type === AST_NODE_TYPES.ThisExpression) {
        const parent = node.parent;
        const called = parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node;
        if (called || staticMemberName(node) === name || staticMemberName(node) === undefined) return true;
      }
      return childNodesOf(node).some(touches);
    };
    return statements.slice(0, first + 1).some((statement) => touches(statement));
  }

  /** The innermost function (code path) holding `node`. */
  function codePathOf(node: TSESTree.Node): FunctionRecord | undefined {
    for (let current = node.parent; current; current = current.parent) {
      const fn = functionsByNode.get(current);
      if (fn) return fn;
    }
    return undefined;
  }

  function factsBeforeCall(caller: FunctionRecord, key: string, question: StoreQuestion, call: TSESTree.Node): Set<Fact> | undefined {
    let byKey = callSiteFacts.get(caller);
    if (!byKey) {
      byKey = new Map();
      callSiteFacts.set(caller, byKey);
    }
    let byCall = byKey.get(key);
    if (!byCall) {
      const found = new Map<TSESTree.Node, Set<Fact>>();
      flow(
        caller,
        key,
        initialFactOf(caller, key, question),
        (name) => (storesNewValue(caller, name, key, 1) ? 'stores' : methodEffect(caller, name, key)),
        undefined,
        (site, facts) => {
          const all = found.get(site) ?? new Set<Fact>();
          for (const fact of facts) all.add(fact);
          found.set(site, all);
        },
      );
      byCall = found;
      byKey.set(key, found);
    }
    return byCall.get(call);
  }

  /**
   * Whether `fn` calls, before the store (in the text), an own method that leaves a new value in
   * the store's field (storesWhenCalled, the flow's own answer). The first such call is found once
   * per function and key, so that many stores in one long function cost one pass.
   */
  function ownCallRefillsBefore(fn: FunctionRecord, question: StoreQuestion): boolean {
    const key = fn.questionKeys.get(question) ?? question.target.key;
    let byKey = firstRefillByFunction.get(fn);
    if (!byKey) {
      byKey = new Map();
      firstRefillByFunction.set(fn, byKey);
    }
    let first = byKey.get(key);
    if (first === undefined) {
      first = Infinity;
      for (const segment of fn.segments) {
        for (const event of segment.events) {
          if (event.kind !== 'ownMethodCall') continue;
          const call = fn.releases[event.release]?.call;
          if (call && call.range[0] < first && storesWhenCalled(fn, event.name, key)) first = call.range[0];
        }
      }
      byKey.set(key, first);
    }
    return first < question.assignment.range[0];
  }

  function verdictOf(fn: FunctionRecord, question: StoreQuestion, facts: ReadonlySet<Fact>): OldValueVerdict {
    let dropped = false;
    let releasedThenSuspended = false;
    let handledOnSomePath = false;
    const releases = new Set<number>();
    const spreadFacts: Fact[] = [];
    for (const fact of facts) {
      if (fact === live || fact === atEntry || fact === atEntrySuspended || fact === firedSuspended) dropped = true;
      else if (fact.startsWith('spread#')) spreadFacts.push(fact);
      else if (fact === handled) handledOnSomePath = true;
      // Emptying the field in its value's own release drops nothing; a value stored there may drop one.
      else if (fact === releasing) dropped ||= !isEmptyValue(question.assignment.right);
      else if (fact.startsWith('saved#')) {
        const local = fn.saves[Number(fact.slice(6))];
        if (local && savedLocalReleasedAfter(local, question.assignment)) handledOnSomePath = true;
        else dropped = true;
      } else if (fact.startsWith('released#')) releases.add(Number(fact.slice(9)));
      else if (fact.startsWith('suspended#')) {
        releasedThenSuspended = true;
        releases.add(Number(fact.slice(10)));
      }
    }
    // The value an earlier store put there from a `const` that has been handed off or released since.
    if (dropped && aliasTakenOverBefore(fn, question)) {
      dropped = false;
      handledOnSomePath = true;
    }
    // Types last: a spread's type is asked only when nothing else on the paths drops the value.
    if (!dropped) {
      dropped = spreadFacts.some((fact) => {
        const spread = spreads.get(fact);
        return spread === undefined || config.spreadMayBring(spread, question.target.name);
      });
    }
    const verdict: OldValueVerdict = {
      dropped,
      releasedThenSuspended,
      releasedBefore: releases.size > 0,
      mayBeUnassigned: facts.has(unassigned),
      handledOnSomePath: handledOnSomePath || releases.size > 0,
      emptiesAfterOwnRefill: dropped && isEmptyValue(question.assignment.right) && ownCallRefillsBefore(fn, question),
    };
    const [only] = releases;
    const release = releases.size === 1 && only !== undefined ? fn.releases[only] : undefined;
    if (release?.direct) {
      const statement = enclosingExpressionStatement(release.call);
      const storeStatement = question.assignment.parent;
      if (statement && storeStatement.type === AST_NODE_TYPES.ExpressionStatement && statement.parent === storeStatement.parent) {
        verdict.earlyRelease = statement;
      }
    }
    return verdict;
  }

  const codePathListeners = {
    onCodePathStart(codePath: TSESLint.CodePath, node: TSESTree.Node): void {
      // Only what the walk itself needs; the rest is set up by materialize(), for the few functions asked about.
      const member = thisMemberOf(node);
      const fn: FunctionRecord = {
        codePath,
        node,
        steps: [],
        questionByStore: undefined,
        segments: noRecords as SegmentRecord[],
        bySegment: noSegmentRecords,
        current: noRecords as SegmentRecord[],
        questions: noQuestions as StoreQuestion[],
        releases: [],
        saves: [],
        callsOwnMethods: false,
        thisClass: member?.parent.parent,
        initializerKind: undefined,
        staticClassName:
          member && (member.type === AST_NODE_TYPES.StaticBlock || member.static) ? member.parent.parent.id?.name : undefined,
        questionKeys: noQuestionKeys,
        firedTimerKey: undefined,
        releasingKey: undefined,
        releasedBeforeStart: undefined,
        privateMethod: undefined,
        continuation: undefined,
      };
      stack.push(fn);
      functionsByNode.set(node, fn);
    },
    onCodePathSegmentStart(segment: TSESLint.CodePathSegment, node: TSESTree.Node): void {
      log(startSegment, node, segment);
    },
    onUnreachableCodePathSegmentStart(segment: TSESLint.CodePathSegment, node: TSESTree.Node): void {
      log(startSegment, node, segment);
    },
    onCodePathSegmentEnd(segment: TSESLint.CodePathSegment, node: TSESTree.Node): void {
      log(endSegment, node, segment);
    },
    onUnreachableCodePathSegmentEnd(segment: TSESLint.CodePathSegment, node: TSESTree.Node): void {
      log(endSegment, node, segment);
    },
    onCodePathSegmentLoop(): void {
      // Loop edges are in prevSegments by the time the path ends; the fixed point follows them.
    },
    onCodePathEnd(_codePath: TSESLint.CodePath, node: TSESTree.Node): void {
      const fn = stack.pop();
      if (!fn) return;
      if (fn.questions.length > 0) {
        if (fn.callsOwnMethods) deferred.push(fn);
        else decide(fn);
      }
      if (node.type === AST_NODE_TYPES.Program) {
        for (const waiting of deferred) decide(waiting);
        deferred.length = 0;
        answerEntryQuestions();
        functionsByNode.clear();
        methodEffects.clear();
        spreads.clear();
      }
    },
  };

  // ── Replayed steps: what each node does to the paths, worked out only for a function asked about ──

  const memberRead: Step = (node) => {
    const member = node as TSESTree.MemberExpression;
    const fn = top();
    if (!fn) return;
    // What the read does first: most reads neither release, hand off, save nor test the value, and
    // need no key (building one for every member read of a file is most of this step's cost).
    const use = useOf(member);
    const moves = use.kind === 'release' || use.kind === 'handoff' || use.kind === 'save';
    const split = moves ? undefined : branchSplitOf(member);
    const releasedTest = moves || split ? undefined : releasedStateTest(member);
    const releasedSplit = releasedTest && splitAtTest(releasedTest.test, releasedTest.releasedWhen);
    const equalSplit = moves || split || releasedSplit ? undefined : equalitySplitOf(member, sourceCode);
    if (!split && !releasedSplit && !moves && !equalSplit) return;
    const field = fieldRefOf(member);
    if (!field) return;
    const key = keyOf(field);
    if (releasedSplit) {
      // On the outcome that says so, the field's value is already released: nothing live to drop.
      recordBranch({ key, receiver: undefined, known: 'released', ...releasedSplit }, releasedTest.chain);
      return;
    }
    if (equalSplit) {
      // On the outcome that says so, the old value is the local's: judged as if saved to it.
      fn.saves.push(equalSplit.local);
      const { knownWhen, isTrueEdge } = equalSplit;
      recordBranch({ key, receiver: undefined, known: 'equal', save: fn.saves.length - 1, knownWhen, isTrueEdge }, undefined);
      return;
    }
    if (use.kind === 'release') {
      record({ kind: 'release', key, release: releaseIndex(fn, use.call, true) });
    } else if (use.kind === 'handoff') {
      record({ kind: 'handoff', key });
    } else if (use.kind === 'save') {
      fn.saves.push(use.local);
      record({ kind: 'save', key, save: fn.saves.length - 1 });
    } else if (split) {
      const receiver = receiverPathOf(member);
      recordBranch({ key, receiver, known: 'empty', knownWhen: split.knownWhen, isTrueEdge: split.isTrueEdge }, split.chain);
    }
  };

  const assignmentEnd: Step = (node) => {
    const assignment = node as TSESTree.AssignmentExpression;
    // `(this.f as T) = v`, `this.f! = v`: a store into the field under the wrapper.
    const left = skipTypeWrappers(assignment.left);
    if (left.type === AST_NODE_TYPES.Identifier) {
      record({ kind: 'localWrite', name: left.name });
      if (assignment.operator === '=') recordObjectLiteral(left.name, assignment.right);
      return;
    }
    if (left.type !== AST_NODE_TYPES.MemberExpression) {
      recordLocalWrites(left);
      recordPatternStores(left);
      return;
    }
    const fn = top();
    const question = fn?.questionByStore?.get(assignment);
    // The question's target also names stores that no other path event can (`make().f = v`).
    const field = question?.target ?? fieldRefOf(left);
    if (!field) return;
    const key = keyOf(field);
    if (!question) {
      const right = assignment.right;
      if (assignment.operator === '=' && right.type === AST_NODE_TYPES.MemberExpression && fieldRefOf(right)?.key === field.key) return;
    } else {
      fn?.questionKeys.set(question, key);
    }
    record({
      kind: 'store',
      key,
      emptyValue: assignment.operator === '=' && isEmptyValue(assignment.right),
      ...(question ? { question } : {}),
    });
  };

  const localTestRead: Step = (node) => {
    recordLocalBranch(node as TSESTree.Identifier);
  };

  const chainEnd: Step = (node) => {
    const chain = node as TSESTree.ChainExpression;
    const waiting = branchesAtChainEnd.get(chain);
    if (!waiting) return;
    branchesAtChainEnd.delete(chain);
    for (const branch of waiting) recordBranch(branch, undefined);
  };

  const localUpdate: Step = (node) => {
    record({ kind: 'localWrite', name: ((node as TSESTree.UpdateExpression).argument as TSESTree.Identifier).name });
  };

  /** `delete this.f` (or a store whose target is the step's member: `for (this.f of values)`). */
  const memberEmptied: Step = (node) => {
    const field = fieldRefOf(node as TSESTree.MemberExpression);
    if (field) record({ kind: 'store', key: keyOf(field), emptyValue: true });
  };

  const memberStored: Step = (node) => {
    const field = fieldRefOf(node as TSESTree.MemberExpression);
    if (field) record({ kind: 'store', key: keyOf(field), emptyValue: false });
  };

  const suspension: Step = () => {
    record({ kind: 'suspend' });
  };

  const declaratorEnd: Step = (node) => {
    const declarator = node as TSESTree.VariableDeclarator;
    recordLocalWrites(declarator.id);
    if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) {
      recordObjectLiteral(declarator.id.name, declarator.init);
    }
  };

  const callEnd: Step = (node) => {
    const call = node as TSESTree.CallExpression;
    // `clearPending(state)`: a function given the object may release or empty its fields.
    for (const argument of call.arguments) {
      if (argument.type === AST_NODE_TYPES.Identifier) record({ kind: 'receiverPassed', receiver: `${argument.name}\u0000` });
    }
    if (registersArrowHandler(call)) record({ kind: 'continuation', link: call });
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression || callee.computed) return;
    const fn = top();
    if (!fn?.thisClass) return;
    const name = callee.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${callee.property.name}` : callee.property.name;
    record({ kind: 'ownMethodCall', name, release: releaseIndex(fn, call, false) });
  };

  // ── Live listeners: a cheap syntax filter, then a logged step ──

  const nodeListeners: TSESLint.RuleListener = {
    'MemberExpression:exit'(member) {
      // `x.m()`: the method read is neither a field use nor a test (`x` has its own step).
      if (member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member) return;
      const holder = outermostTypeWrapper(member);
      if (holder.parent?.type === AST_NODE_TYPES.AssignmentExpression && holder.parent.left === holder) return;
      log(memberRead, member);
    },
    'AssignmentExpression:exit'(assignment) {
      const question = questions.get(assignment);
      const fn = top();
      if (question && fn) {
        questions.delete(assignment);
        if (!fn.questionByStore) {
          fn.questionByStore = new Map();
          fn.questions = [];
        }
        fn.questions.push(question);
        fn.questionByStore.set(assignment, question);
      }
      log(assignmentEnd, assignment);
    },
    // `if (holder)`, `!holder`, `holder == null`: when the test says the local is missing, no field
    // through it holds anything. Only an identifier whose parent can make it a test is looked at.
    'Identifier:exit'(identifier: TSESTree.Identifier) {
      const parent = identifier.parent;
      switch (parent.type) {
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.ConditionalExpression:
        case AST_NODE_TYPES.WhileStatement:
        case AST_NODE_TYPES.DoWhileStatement:
        case AST_NODE_TYPES.ForStatement:
          if (parent.test !== identifier) return;
          break;
        case AST_NODE_TYPES.LogicalExpression:
        case AST_NODE_TYPES.UnaryExpression:
        case AST_NODE_TYPES.BinaryExpression:
        case AST_NODE_TYPES.TSNonNullExpression:
        case AST_NODE_TYPES.TSAsExpression:
          break;
        default:
          return;
      }
      log(localTestRead, identifier);
    },
    'ChainExpression:exit'(chain: TSESTree.ChainExpression) {
      log(chainEnd, chain);
    },
    'UpdateExpression:exit'(update) {
      if (update.argument.type === AST_NODE_TYPES.Identifier) log(localUpdate, update);
    },
    'UnaryExpression:exit'(unary) {
      if (unary.operator === 'delete' && unary.argument.type === AST_NODE_TYPES.MemberExpression) log(memberEmptied, unary.argument);
    },
    'AwaitExpression:exit'(awaiting: TSESTree.AwaitExpression) {
      // `await this.f.close()` waits for the release itself: no other code sees a half-released value
      // that it would not see anyway.
      if (!isAwaitedRelease(awaiting, config.names)) log(suspension, awaiting);
    },
    // A local object literal: its keys hold what the literal gives them, and nothing else.
    'VariableDeclarator:exit'(declarator: TSESTree.VariableDeclarator) {
      log(declaratorEnd, declarator);
    },
    // `for await` suspends once more when the iterator is done (and before each iteration: see startSegment).
    'ForOfStatement[await=true]:exit'(loop: TSESTree.ForOfStatement) {
      log(suspension, loop);
    },
    // `for (this.f of values)` stores into the field on each iteration.
    'ForOfStatement > MemberExpression.left, ForInStatement > MemberExpression.left'(member: TSESTree.MemberExpression) {
      log(memberStored, member);
    },
    'YieldExpression:exit'(yielding: TSESTree.YieldExpression) {
      log(suspension, yielding);
    },
    'CallExpression:exit'(call) {
      const callee = call.callee;
      const ownMethod =
        callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && !callee.computed;
      if (ownMethod) {
        const fn = top();
        // Decided once the whole program is walked, when every method's summary can be computed.
        if (fn?.thisClass) fn.callsOwnMethods = true;
      }
      if (ownMethod || registersArrowHandler(call)) {
        log(callEnd, call);
        return;
      }
      for (const argument of call.arguments) {
        if (argument.type === AST_NODE_TYPES.Identifier) {
          log(callEnd, call);
          return;
        }
      }
    },
  };

  return {
    // typescript-eslint's RuleListener does not declare ESLint's code-path events; this is the one cast.
    listeners: { ...nodeListeners, ...(codePathListeners as unknown as TSESLint.RuleListener) },
    whenOldValueKnown(question) {
      questions.set(question.assignment, question);
    },
  };
}

/**
 * Whether `node`, earlier in the text than `later`, runs on every path that reaches `later`, by the
 * syntax between them: no function boundary (a sibling handler's body may not have run), no branch
 * that `later` does not follow (`if (ready) adopt(s); this.s = null`), unless the other branch holds
 * one of `alike` too (`if (ready) adopt(s); else s.close()`).
 */
function runsOnEveryPathTo(node: TSESTree.Node, later: TSESTree.Node, alike: readonly TSESTree.Node[]): boolean {
  return runsWheneverMeeting(node, later, alike, (meeting, child) => {
    // Where the paths of both meet: `node` must not sit in a branch that excludes `later`'s.
    switch (meeting.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        return child === meeting.test;
      case AST_NODE_TYPES.SwitchStatement:
        return child === meeting.discriminant;
      case AST_NODE_TYPES.TryStatement:
        return false;
      default:
        return true;
    }
  });
}

/**
 * Whether `node`, later in the text than `earlier`, runs on every path on from `earlier`, by the
 * syntax between them (runsOnEveryPathTo the other way round): `this.f = open(); this.adopt(this.f)`,
 * not `if (ready) this.adopt(this.f)` unless the other branch holds one of `alike` too. Exits in
 * between (`return`, `throw`) are not looked at here.
 */
function runsOnEveryPathFrom(earlier: TSESTree.Node, node: TSESTree.Node, alike: readonly TSESTree.Node[]): boolean {
  return runsWheneverMeeting(node, earlier, alike, (meeting) => {
    // Where the paths of both meet, `node` is in the part that runs after `earlier`'s: a branch or
    // a loop's body may not run, a `try`'s handler or finalizer runs on other paths.
    switch (meeting.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.SwitchStatement:
      case AST_NODE_TYPES.TryStatement:
        return false;
      case AST_NODE_TYPES.CallExpression:
        return !chainMayStopBefore(meeting);
      default:
        return !isLoop(meeting);
    }
  });
}

/**
 * The walk shared by runsOnEveryPathTo and runsOnEveryPathFrom: up from `node` to the first node
 * that holds `other`, through no function boundary and no branch that `node` alone is in (unless the
 * other branch holds one of `alike`); there `meets` judges the child that holds `node`.
 */
function runsWheneverMeeting(
  node: TSESTree.Node,
  other: TSESTree.Node,
  alike: readonly TSESTree.Node[],
  meets: (meeting: TSESTree.Node, child: TSESTree.Node) => boolean,
): boolean {
  const holds = (outer: TSESTree.Node | null | undefined, inner: TSESTree.Node): boolean =>
    !!outer && outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
  const otherBranchAlike = (branch: TSESTree.Node | null | undefined): boolean => alike.some((one) => holds(branch, one));
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (holds(current, other)) return meets(current, child);
    if (isFunctionNode(current)) return false;
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === current.consequent && !otherBranchAlike(current.alternate)) return false;
        if (child === current.alternate && !otherBranchAlike(current.consequent)) return false;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === current.right) return false;
        break;
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.CatchClause:
        return false;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
        if (child === current.body || (current.type === AST_NODE_TYPES.ForStatement && child === current.update)) return false;
        break;
      case AST_NODE_TYPES.CallExpression:
        // `this.log?.(s)`, `this.logger?.debug(s)`: the arguments are not evaluated when the chain stops.
        if (child !== current.callee && chainMayStopBefore(current)) return false;
        break;
      default:
        break;
    }
  }
  return false;
}

/**
 * Whether `store` may run again before `read`, later in the same function, is reached: a loop lies
 * between the store and the innermost node that holds both (`for (…) this.f = open(); adopt(this.f)`).
 */
function storeRepeatsBefore(store: TSESTree.Node, read: TSESTree.Node): boolean {
  for (let current = store.parent; current; current = current.parent) {
    if (current.range[0] <= read.range[0] && read.range[1] <= current.range[1]) return false;
    if (isFunctionNode(current) || isLoop(current)) return true;
  }
  return true;
}

/**
 * Whether code wholly between the text offsets `from` and `to` inside `holder` (not in a function
 * nested in it) may leave, suspend or let other code store into a field first: a `return`, `throw`,
 * `break`, `continue`, `await`, `yield`, `for await`, or a call of a method on `this`.
 */
function interruptedBetween(holder: TSESTree.Node, from: number, to: number): boolean {
  const pending: TSESTree.Node[] = [holder];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    if (node.range[1] <= from || node.range[0] >= to) continue;
    if (node !== holder && node.range[0] >= from && node.range[1] <= to) {
      if (isFunctionNode(node)) continue;
      switch (node.type) {
        case AST_NODE_TYPES.ReturnStatement:
        case AST_NODE_TYPES.ThrowStatement:
        case AST_NODE_TYPES.BreakStatement:
        case AST_NODE_TYPES.ContinueStatement:
        case AST_NODE_TYPES.AwaitExpression:
        case AST_NODE_TYPES.YieldExpression:
          return true;
        case AST_NODE_TYPES.ForOfStatement:
          if (node.await) return true;
          break;
        case AST_NODE_TYPES.CallExpression:
          if (callsOnThis(node)) return true;
          break;
        default:
          break;
      }
    }
    overlappingChildren(node, from, to, pending);
  }
  return false;
}

/**
 * The children of `node` that overlap the text between `from` and `to`: for a statement list, found
 * by a binary search (a long function's body must not be scanned whole for each question), else
 * all of them (the caller skips those outside).
 */
function overlappingChildren(node: TSESTree.Node, from: number, to: number, into: TSESTree.Node[]): void {
  const list = statementListOf(node);
  if (!list) {
    childNodesOf(node, into);
    return;
  }
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle]?.range[1] ?? Infinity) <= from) low = middle + 1;
    else high = middle;
  }
  for (let at = low; at < list.length; at++) {
    const child = list[at];
    if (!child || child.range[0] >= to) break;
    into.push(child);
  }
}

/** Whether a call's callee is a member of `this` (`this.m()`, `this.#m()`, `this.m?.()`). */
function callsOnThis(call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && skipTypeWrappers(callee.object).type === AST_NODE_TYPES.ThisExpression;
}

/** Whether a member expression is written rather than read: a store's target, `x.f++`, a pattern's or a `for…of` head's target. */
function isAssignmentTarget(member: TSESTree.Node): boolean {
  const place = outermostTypeWrapper(member);
  const parent = place.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.AssignmentPattern:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return parent.left === place;
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.RestElement:
      return true;
    case AST_NODE_TYPES.Property:
      return parent.parent.type === AST_NODE_TYPES.ObjectPattern && parent.value === place;
    default:
      return false;
  }
}

/** Whether an optional link (`?.`) in the callee of `call` may end the chain before the call. */
function chainMayStopBefore(call: TSESTree.CallExpression): boolean {
  if (call.optional) return true;
  for (let link: TSESTree.Node = call.callee; ; ) {
    if (link.type === AST_NODE_TYPES.MemberExpression) {
      if (link.optional) return true;
      link = link.object;
    } else if (link.type === AST_NODE_TYPES.CallExpression) {
      if (link.optional) return true;
      link = link.callee;
    } else if (link.type === AST_NODE_TYPES.TSNonNullExpression) {
      link = link.expression;
    } else {
      return false;
    }
  }
}

/**
 * Whether `scope` is `from` or one around it, reached before leaving the class member (a class
 * scope, the module's or the global one).
 */
function enclosesInMember(scope: TSESLint.Scope.Scope, from: TSESLint.Scope.Scope): boolean {
  const { ScopeType } = TSESLint.Scope;
  const outside = new Set<string>([ScopeType.class, ScopeType.module, ScopeType.global]);
  let current: TSESLint.Scope.Scope | null = from;
  while (current !== null && !outside.has(current.type)) {
    if (current === scope) return true;
    current = current.upper;
  }
  return false;
}

/**
 * Whether `store` may run more than once after the text offset `after` was passed: a loop or a
 * function lies between it and the innermost node that also holds the code before `after`.
 */
function mayRunAgainAfter(store: TSESTree.Node, after: number): boolean {
  for (let current = store.parent; current; current = current.parent) {
    if (current.range[0] < after) return false;
    if (isFunctionNode(current) || isLoop(current)) return true;
  }
  return false;
}

/**
 * When `test` decides whether the local `holder` is missing: `holder`, `!holder`, `holder == null`,
 * `holder !== undefined` (the local counterpart of value-use's emptinessTest for fields).
 */
function localEmptinessTest(test: TSESTree.Node): { local: TSESTree.Identifier; emptyWhen: boolean } | undefined {
  const expression = skipTypeWrappers(test);
  if (expression.type === AST_NODE_TYPES.Identifier) return { local: expression, emptyWhen: false };
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === '!') {
    const inner = localEmptinessTest(expression.argument);
    return inner && { local: inner.local, emptyWhen: !inner.emptyWhen };
  }
  if (expression.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
  const equality = expression.operator === '==' || expression.operator === '===';
  if (!equality && expression.operator !== '!=' && expression.operator !== '!==') return undefined;
  const isNullish = (node: TSESTree.Node): boolean =>
    (node.type === AST_NODE_TYPES.Literal && node.value === null && !('regex' in node)) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
  const [localSide, emptySide] = isNullish(expression.right) ? [expression.left, expression.right] : [expression.right, expression.left];
  const local = skipTypeWrappers(localSide);
  if (!isNullish(emptySide) || local.type !== AST_NODE_TYPES.Identifier) return undefined;
  return { local, emptyWhen: equality };
}

/**
 * For a local tested as the whole test of an `if` (`!c`, `c == null`…), the field read that the
 * statement just before stored into it (`const c = this.f;`): no code runs between the read and
 * the test, so what the test tells of the local holds of the field there. Syntax only.
 */
function fieldReadJustBeforeTest(local: TSESTree.Identifier): TSESTree.MemberExpression | undefined {
  let test: TSESTree.Node = outermostTypeWrapper(local);
  while (
    test.parent &&
    ((test.parent.type === AST_NODE_TYPES.UnaryExpression && test.parent.operator === '!') ||
      test.parent.type === AST_NODE_TYPES.BinaryExpression ||
      test.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      test.parent.type === AST_NODE_TYPES.TSAsExpression)
  ) {
    test = test.parent;
  }
  const ifStatement = test.parent;
  if (ifStatement?.type !== AST_NODE_TYPES.IfStatement || ifStatement.test !== test) return undefined;
  const statements = statementListOf(ifStatement.parent);
  const before = statements && statementBefore(statements, ifStatement);
  if (before?.type !== AST_NODE_TYPES.VariableDeclaration || before.declarations.length !== 1) return undefined;
  const [declarator] = before.declarations;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== local.name || !declarator.init) return undefined;
  const read = skipTypeWrappers(declarator.init);
  return read.type === AST_NODE_TYPES.MemberExpression && !read.optional ? read : undefined;
}

/** The statement before `statement` in its list, found by position (a binary search: lists can be long). */
function statementBefore(statements: readonly TSESTree.Node[], statement: TSESTree.Node): TSESTree.Node | undefined {
  let low = 0;
  let high = statements.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const candidate = statements[middle];
    if (!candidate) return undefined;
    if (candidate === statement) return statements[middle - 1];
    if (candidate.range[0] < statement.range[0]) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/**
 * For a field or local read in a test position, how the test's outcome shows on each successor
 * segment, and the optional chain the test passes through (`this.f?.g`), if any.
 */
function branchSplitOf(
  read: TSESTree.MemberExpression | TSESTree.Identifier,
): (Pick<BranchFact, 'knownWhen' | 'isTrueEdge'> & { chain: TSESTree.ChainExpression | undefined }) | undefined {
  // Climb from the read to the whole test: `!this.f`, `this.f == null`, `this.f?.x`…
  let test: TSESTree.Node = outermostTypeWrapper(read);
  let chain: TSESTree.ChainExpression | undefined;
  for (;;) {
    const parent = test.parent;
    if (
      parent &&
      (parent.type === AST_NODE_TYPES.ChainExpression ||
        (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') ||
        parent.type === AST_NODE_TYPES.BinaryExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent.type === AST_NODE_TYPES.TSAsExpression)
    ) {
      if (parent.type === AST_NODE_TYPES.ChainExpression) chain = parent;
      test = parent;
    } else break;
  }
  const emptiness = read.type === AST_NODE_TYPES.Identifier ? localEmptinessTest(test) : emptinessTest(test);
  if (!emptiness || ('local' in emptiness ? emptiness.local : emptiness.field) !== read) return undefined;
  const split = splitAtTest(test, emptiness.emptyWhen);
  return split && { ...split, chain };
}

/**
 * For a field read compared with a local (`this.f !== widget`, `widget === this.f`, `==`/`!=`
 * too) in a test position: the local and how the outcome on which both hold the same value shows
 * on each successor segment. The local must be a `const` or a parameter that nothing writes, so
 * that it still holds that value where the field is stored into and where it is handed on (a
 * `let` may be reassigned between the two).
 */
function equalitySplitOf(
  member: TSESTree.MemberExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
): (Pick<BranchFact, 'knownWhen' | 'isTrueEdge'> & { local: TSESTree.Identifier }) | undefined {
  const read = outermostTypeWrapper(member);
  const test = read.parent;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression) return undefined;
  const equal = test.operator === '===' || test.operator === '==';
  if (!equal && test.operator !== '!==' && test.operator !== '!=') return undefined;
  const other = skipTypeWrappers(test.left === read ? test.right : test.left);
  if (other.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(other), other.name);
  if (!variable || variable.defs.length === 0) return undefined;
  const neverReassigned = variable.defs.every((def) =>
    def.type === TSESLint.Scope.DefinitionType.Parameter
      ? variable.references.every((reference) => !reference.isWrite())
      : def.parent?.type === AST_NODE_TYPES.VariableDeclaration && def.parent.kind === 'const',
  );
  if (!neverReassigned) return undefined;
  const split = splitAtTest(test, equal);
  return split && { ...split, local: other };
}

/**
 * A fact of the field on the outcome of a test that says it holds the value of a local: a live
 * value is that local's, judged like one saved to it (`saved#n`): handled where the local is
 * handed off or released after the store, dropped as before where it is not. What the callers of
 * a private method left stays theirs to decide (a value they released is no less released for
 * being the local's too).
 */
function equalValueFact(fact: Fact, save: number): Fact {
  return fact === live ? `saved#${String(save)}` : fact;
}

/**
 * How the successors of the segment that `test` ends split into its outcomes, with `knownWhen`
 * the outcome on which what the test tells holds; undefined when the test decides no branch.
 */
function splitAtTest(test: TSESTree.Node, knownWhen: boolean): Pick<BranchFact, 'knownWhen' | 'isTrueEdge'> | undefined {
  // The right operand of && / || decides the whole logical expression when it is evaluated.
  let decided: TSESTree.Node = test;
  while (decided.parent?.type === AST_NODE_TYPES.LogicalExpression && decided.parent.right === decided && decided.parent.operator !== '??') {
    decided = decided.parent;
  }
  const parent = decided.parent;
  if (!parent) return undefined;
  if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test === decided) {
    const consequent = parent.consequent;
    return { knownWhen, isTrueEdge: (start) => start === consequent };
  }
  if (
    (parent.type === AST_NODE_TYPES.WhileStatement ||
      parent.type === AST_NODE_TYPES.DoWhileStatement ||
      parent.type === AST_NODE_TYPES.ForStatement) &&
    parent.test === decided
  ) {
    const body = parent.body;
    return { knownWhen, isTrueEdge: (start) => start === body };
  }
  if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === decided && parent.operator !== '??') {
    const right = parent.right;
    const and = parent.operator === '&&';
    return { knownWhen, isTrueEdge: (start) => (start === right) === and };
  }
  return undefined;
}

/** `await this.f.close()`, `await this.f?.[Symbol.asyncDispose]()`, `await release(this.f)`. */
function isAwaitedRelease(awaiting: TSESTree.AwaitExpression, names: ReleaseNames): boolean {
  let call: TSESTree.Node = skipTypeWrappers(awaiting.argument);
  if (call.type === AST_NODE_TYPES.ChainExpression) call = call.expression;
  return call.type === AST_NODE_TYPES.CallExpression && releasedFieldOf(call, names) !== undefined;
}

/** The field that `call` releases: `this.f.close()` and `release(this.f)` give `this.f`. */
function releasedFieldOf(call: TSESTree.CallExpression, names: ReleaseNames): TSESTree.MemberExpression | undefined {
  const callee = skipTypeWrappers(call.callee);
  const released =
    callee.type === AST_NODE_TYPES.MemberExpression ? skipTypeWrappers(callee.object) : call.arguments[0];
  if (released?.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const use = valueUseOf(released, names);
  return use.kind === 'release' && use.call === call ? released : undefined;
}

function enclosingExpressionStatement(call: TSESTree.Node): TSESTree.ExpressionStatement | undefined {
  let node: TSESTree.Node = call;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.ChainExpression ||
      node.parent.type === AST_NODE_TYPES.AwaitExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      node.parent.type === AST_NODE_TYPES.UnaryExpression)
  ) {
    node = node.parent;
  }
  return node.parent?.type === AST_NODE_TYPES.ExpressionStatement ? node.parent : undefined;
}

function addBranch(segment: SegmentRecord, branch: BranchFact): void {
  if (segment.branches) segment.branches.push(branch);
  else segment.branches = [branch];
}

const noBranches: readonly BranchFact[] = Object.freeze([]);

/** The tests recorded on a segment that are still its last act (no event came after them). */
function testsEnding(segment: SegmentRecord): readonly BranchFact[] {
  const branches = segment.branches;
  if (!branches) return noBranches;
  return branches.every((branch) => branch.atEvent === segment.events.length)
    ? branches
    : branches.filter((branch) => branch.atEvent === segment.events.length);
}

/**
 * A fact of the field on the outcome of a test that says its value is already released: a value
 * that was live (also what the callers left, when no `await` came between, or one merely saved or
 * spread in) needs no release here, like one handed off. Releases made here stay what they are, as
 * does what the callers left past an `await` (they may have released it before the suspension).
 */
function releasedStateFact(fact: Fact): Fact {
  if (fact === live || fact === atEntry || fact.startsWith('saved#') || fact.startsWith('spread#')) return handled;
  return fact;
}

/** Until a function is decided, its segments share these empty lists (most functions never are). */
const noRecords: readonly SegmentRecord[] = Object.freeze([]);
const noIndices: readonly number[] = Object.freeze([]);
/** Placeholders of a function record until it is materialized (or asked its first question). */
const noQuestions: readonly StoreQuestion[] = Object.freeze([]);
const noSegmentRecords: Map<TSESLint.CodePathSegment, SegmentRecord> = new Map();
const noQuestionKeys: Map<StoreQuestion, string> = new Map();

/** Below this many events, walking a segment's events for each key costs less than listing them apart. */
const minEventsToList = 16;

/**
 * Lists a segment's events by questioned key, each list keeping the events on no key (suspensions,
 * calls of own methods, receivers passed on) in their place among the key's own. One pass, plus
 * one copy of the events on no key per questioned key present.
 */
function listEventsByKey(segment: SegmentRecord, index: SegmentIndex): void {
  const onNoKey: PathEvent[] = [];
  const byKey = new Map<string, PathEvent[]>();
  const copiedUpTo = new Map<string, number>();
  const listOn = (key: string, event: PathEvent): void => {
    let list = byKey.get(key);
    if (!list) {
      list = [];
      byKey.set(key, list);
    }
    for (let at = copiedUpTo.get(key) ?? 0; at < onNoKey.length; at++) list.push(onNoKey[at] as PathEvent);
    copiedUpTo.set(key, onNoKey.length);
    list.push(event);
  };
  for (const event of segment.events) {
    // A write of a local goes only to the keys through it (usually none), not to every key.
    if (event.kind === 'localWrite') {
      for (const key of index.questionedKeysByLocal.get(event.name) ?? []) listOn(key, event);
      continue;
    }
    if (!('key' in event)) {
      onNoKey.push(event);
      continue;
    }
    if (index.questionedKeys.has(event.key)) listOn(event.key, event);
  }
  for (const [key, list] of byKey) {
    for (let at = copiedUpTo.get(key) ?? 0; at < onNoKey.length; at++) list.push(onNoKey[at] as PathEvent);
  }
  segment.eventsByKey = byKey;
  segment.eventsOnNoKey = onNoKey;
}

/**
 * The receiver path of an expression, as keys spell it (`holder`, `this`, `this.slot`), or
 * undefined for one no key can name.
 */
function receiverPathOf(expression: TSESTree.Node): string | undefined {
  const receiver = skipTypeWrappers(expression);
  if (receiver.type === AST_NODE_TYPES.Identifier) return receiver.name;
  if (receiver.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (receiver.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  // A field's key is its receiver's path and its static name: the path of the field itself.
  return fieldRefOf(receiver)?.key.replace('\u0000', '.');
}

/** `holder\u0000f` and `holder.a\u0000f` are through `holder`; `holders\u0000f` is not. */
function isThroughReceiver(key: string, receiver: string): boolean {
  if (!key.startsWith(receiver)) return false;
  const next = key.charAt(receiver.length);
  return next === '\u0000' || next === '.' || next === '[';
}

const receiverLocalsCache = new Map<string, readonly string[]>();

/**
 * The names in a key's receiver path that a local write can change: its root (`h` in `h.f`) and
 * its element indices (`i` in `this.items[i].f`). `this`, static member names and number indices
 * are not.
 */
function receiverLocalsOf(key: string): readonly string[] {
  const known = receiverLocalsCache.get(key);
  if (known) return known;
  const receiver = key.slice(0, Math.max(key.indexOf('\u0000'), 0));
  const locals: string[] = [];
  const root = /^[^.[]+/.exec(receiver)?.[0];
  if (root !== undefined && root !== 'this' && !root.startsWith('\u0001')) locals.push(root);
  for (const match of receiver.matchAll(/\[([^\]]+)\]/g)) {
    const index = match[1];
    if (index !== undefined && !/^\d+$/.test(index) && !locals.includes(index)) locals.push(index);
  }
  // Bounded: keys come from source text, but a long lint run should not keep them all.
  if (receiverLocalsCache.size > 10_000) receiverLocalsCache.clear();
  receiverLocalsCache.set(key, locals);
  return locals;
}

/** The events of a segment that a flow of `key` must see, in order. */
function eventsOfKey(segment: SegmentRecord, key: string, questionedKeys: ReadonlySet<string>): readonly PathEvent[] {
  if (!segment.eventsByKey || !questionedKeys.has(key)) return segment.events;
  return segment.eventsByKey.get(key) ?? segment.eventsOnNoKey ?? segment.events;
}

/** After an `await`/`yield`: a released value (or the caller's, past the method's entry) was visible meanwhile. */
function suspendedFacts(facts: ReadonlySet<Fact>): Set<Fact> {
  const suspended = new Set<Fact>();
  for (const fact of facts) {
    if (fact.startsWith('released#')) suspended.add(`suspended#${fact.slice(9)}`);
    else if (fact === atEntry) suspended.add(atEntrySuspended);
    else if (fact === fired) suspended.add(firedSuspended);
    else if (fact === racing) suspended.add(racingSuspended);
    else if (fact === callerGoesOn) suspended.add(callerWentOn);
    else if (fact === releasing) suspended.add(live);
    else suspended.add(fact);
  }
  return suspended;
}

/** The `pending#n` facts of a chain's sites in a set, or undefined when there are none (most sets). */
function pendingFactsOf(facts: ReadonlySet<Fact>): Fact[] | undefined {
  let pending: Fact[] | undefined;
  for (const fact of facts) if (fact.startsWith('pending#')) (pending ??= []).push(fact);
  return pending;
}

function hasReleased(facts: ReadonlySet<Fact>): boolean {
  for (const fact of facts) if (fact.startsWith('released#')) return true;
  return false;
}

/** Removes and returns the smallest index of a binary min-heap. */
function popSmallest(heap: number[]): number {
  const smallest = heap[0] ?? -1;
  const last = heap.pop();
  if (last === undefined || heap.length === 0) return smallest;
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    const right = left + 1;
    let child = left;
    if (right < heap.length && (heap[right] ?? Infinity) < (heap[left] ?? Infinity)) child = right;
    if (child >= heap.length || (heap[child] ?? Infinity) >= last) break;
    heap[at] = heap[child] ?? last;
    at = child;
  }
  heap[at] = last;
  return smallest;
}

/** Adds an index to a binary min-heap. */
function pushIndex(heap: number[], value: number): void {
  let at = heap.length;
  heap.push(value);
  while (at > 0) {
    const parent = (at - 1) >> 1;
    const above = heap[parent] ?? -Infinity;
    if (above <= value) break;
    heap[at] = above;
    at = parent;
  }
  heap[at] = value;
}

/** `await x;`, `const v = await x;` or `v = await x;` as a statement: the function suspends there, every time. */
function isAwaitStatement(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const expression = skipTypeWrappers(statement.expression);
    if (expression.type === AST_NODE_TYPES.AwaitExpression) return true;
    return expression.type === AST_NODE_TYPES.AssignmentExpression && skipTypeWrappers(expression.right).type === AST_NODE_TYPES.AwaitExpression;
  }
  return (
    statement.type === AST_NODE_TYPES.VariableDeclaration &&
    statement.declarations.some((declarator) => declarator.init !== null && skipTypeWrappers(declarator.init).type === AST_NODE_TYPES.AwaitExpression)
  );
}
