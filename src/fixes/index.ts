import { AST_NODE_TYPES, AST_TOKEN_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { outermostTypeWrapper, skipTypeWrappers, staticMemberName, storedMemberOf } from '../analysis/field-target.js';
import type { Finding, ReleaseCall } from '../analysis/finding.js';
import type { RuleOptions } from '../rules/options.js';
import { findHost, parenthesizedRange, statementPlacement, type Host } from './host.js';
import { arrowBodyBlock, besideStatement, newBlock } from './placement.js';
import { importEdit } from './imports.js';
import { indentAt, spliceEdits, statementRemovalRange, type Edit } from './layout.js';
import type { FixMessageIds } from './messages.js';
import { claimFreeName, fieldWord, takenNames } from './names.js';
import { releaseCallText, releaseStatementText } from './release-text.js';
import {
  containsYield,
  hasSideEffects,
  isFreshlyConstructed,
  sameAccessRanges,
  suspends,
} from './syntax.js';
import { enclosingFunction, isFunctionNode, isLoop } from '../analysis/syntax-walk.js';
import {
  declaredTypeAdmitsEmpty,
  declaredTypeText,
  releaseFunctionMayReturnPromise,
  resultIsIgnored,
} from './types.js';

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly [RuleOptions]>>;

export interface Repair {
  fix?: TSESLint.ReportFixFunction;
  suggest?: TSESLint.SuggestionReportDescriptor<FixMessageIds>[];
}

/** Why a repair is offered only as a suggestion; the first that applies names the suggestion. */
type SuggestOnly =
  | 'secureContextShared'
  | 'moveRelease'
  | 'arrowBody'
  | 'hoistObject'
  | 'valueUsed'
  | 'unawaitedAsyncDispose'
  | 'logicalAssignment';

const messageFor: Record<SuggestOnly, FixMessageIds> = {
  secureContextShared: 'suggestCloseSecureContext',
  moveRelease: 'suggestMoveRelease',
  arrowBody: 'suggestBlockBody',
  hoistObject: 'suggestHoistObject',
  valueUsed: 'suggestKeepValue',
  unawaitedAsyncDispose: 'suggestUnawaitedAsyncDispose',
  logicalAssignment: 'suggestReleaseAfterAssign',
};

/**
 * The save-old / assign / release rewrite for one finding: an autofix where behaviour cannot
 * change, a suggestion where it could, nothing where no rewrite is safe to propose.
 */
export function planRepair(context: RuleContext, finding: Finding): Repair {
  const sourceCode = context.sourceCode;
  const assignment = finding.assignment;
  const host = findHost(assignment, sourceCode);
  if (!host) return {};
  // A release-first finding is repaired by moving that release; without one to move, offer nothing.
  const moving = finding.kind !== 'overwrite';
  const early = moving ? finding.earlyRelease : undefined;
  if (moving && (!early || early.parent !== hostStatement(host).parent)) return {};

  const options = (context.options as readonly (Partial<RuleOptions> | undefined)[])[0];
  // Released or handed off on some paths already: a release after the assignment would repeat it.
  if (finding.oldValueHandledOnSomePath) return {};
  // Still read through a local after the store (`const old = this.f; this.f = v; log(old)`): a
  // release right after the store would come before that read. Where it may go is the author's call.
  if (oldValueReadThroughLocal(sourceCode, assignment)) return {};
  const releaseWith = options?.releaseWith;
  const release: ReleaseCall = releaseWith
    ? { kind: 'function', name: releaseWith.function, ...(releaseWith.from === undefined ? {} : { from: releaseWith.from }) }
    : finding.release;
  // The rewritten arrow body runs in the arrow itself; a statement, in its nearest function.
  const inAsync = host.kind === 'arrowBody' ? host.arrow.async : (enclosingFunction(host.statement)?.async ?? false);
  const objectHoisted = hasSideEffects(storedMemberOf(assignment).object);

  const reasons: SuggestOnly[] = [];
  if (finding.release.kind === 'secureContext' && finding.perConnectionSource !== true) {
    reasons.push('secureContextShared');
  }
  if (moving && !(finding.kind === 'releaseBeforeAssign' && early && safeToMove(sourceCode, host, early))) {
    reasons.push('moveRelease');
  }
  if (host.kind === 'arrowBody') reasons.push('arrowBody');
  if (objectHoisted) reasons.push('hoistObject');
  if (host.kind === 'embedded') reasons.push('valueUsed');
  // Only asynchronously released (also through a releaseWith helper): nothing here can await it.
  if (finding.release.kind === 'asyncDispose' && !inAsync && !early) reasons.push('unawaitedAsyncDispose');
  if (assignment.operator !== '=') reasons.push('logicalAssignment');

  const rewrite = buildRewrite(context, finding, host, { release, inAsync, objectHoisted, early });
  if (!rewrite) return {};
  const fix: TSESLint.ReportFixFunction = (fixer) => {
    const range: TSESTree.Range = [
      Math.min(...rewrite.edits.map((edit) => edit.range[0])),
      Math.max(...rewrite.edits.map((edit) => edit.range[1])),
    ];
    if (rewrite.widenTo) {
      range[0] = Math.min(range[0], rewrite.widenTo[0]);
      range[1] = Math.max(range[1], rewrite.widenTo[1]);
    }
    return fixer.replaceTextRange(range, spliceEdits(sourceCode, range, rewrite.edits));
  };
  const [reason] = reasons;
  if (reason === undefined) return { fix };
  return { suggest: [{ messageId: messageFor[reason], data: rewrite.data, fix }] };
}

/**
 * Whether a local of the store's function that saved the old value before the store
 * (`const old = this.f`, `old = this.f ?? null`, or through a getter of this class that returns the
 * field) may be used after it: a use that comes later in the text, any use in a loop around the
 * store when the local is declared outside that loop (the next turn uses it after this store), or a
 * use inside a closure (it may run once the store is done: `setTimeout(() => old.release())`). A
 * use operates on the value (see `operatesOn`); printing, comparing or asserting it does not. A
 * `using` local is disposed at the end of its block, after the release the fix would add.
 */
function oldValueReadThroughLocal(sourceCode: Readonly<TSESLint.SourceCode>, assignment: Finding['assignment']): boolean {
  const name = staticMemberName(storedMemberOf(assignment));
  if (name === undefined) return false;
  const loop = enclosingLoop(assignment);
  const getters = gettersReturningField(assignment, name);
  // Read from a field of that name on any object (`this.f`, `self.f`, `const { f } = this`): the
  // fix cannot tell which object it was, so it assumes the stored one.
  const savesOld = (reference: TSESLint.Scope.Reference): boolean => {
    if (!reference.isWrite() || reference.identifier.range[1] > assignment.range[0]) return false;
    let value = reference.writeExpr && skipTypeWrappers(reference.writeExpr as TSESTree.Expression);
    // `this.f ?? null` is the old value whenever there is one.
    if (value?.type === AST_NODE_TYPES.LogicalExpression && value.operator === '??') value = skipTypeWrappers(value.left);
    if (value?.type === AST_NODE_TYPES.MemberExpression) {
      const read = staticMemberName(value);
      return read === name || (value.object.type === AST_NODE_TYPES.ThisExpression && read !== undefined && getters.has(read));
    }
    return destructuresField(reference.identifier, name);
  };
  const disposedAtBlockEnd = (variable: TSESLint.Scope.Variable): boolean =>
    variable.defs.some(
      (def) => def.parent?.type === AST_NODE_TYPES.VariableDeclaration && (def.parent.kind === 'using' || def.parent.kind === 'await using'),
    );
  const readAfter = (variable: TSESLint.Scope.Variable) => (reference: TSESLint.Scope.Reference): boolean => {
    if (!reference.isRead() || reference.identifier.type !== AST_NODE_TYPES.Identifier) return false;
    // A closure may run after the store, and one that passes the value on may hand it off there
    // (`setTimeout(() => pool.recycle(old))`): the fix cannot tell that from a print.
    const inClosure = reference.from.variableScope !== variable.scope.variableScope;
    if (inClosure) return operatesOn(reference.identifier) || passedOn(reference.identifier);
    if (!operatesOn(reference.identifier)) return false;
    const at = reference.identifier.range[0];
    if (at >= assignment.range[1]) return true;
    const declaredOutsideLoop = loop !== undefined && variable.defs.every((def) => !within(def.name.range, loop.range));
    return declaredOutsideLoop && within(reference.identifier.range, loop.range);
  };
  const { ScopeType } = TSESLint.Scope;
  const outermost = new Set<string>([ScopeType.function, ScopeType.global, ScopeType.module]);
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(assignment);
  while (scope) {
    if (
      scope.variables.some(
        (variable) => variable.references.some(savesOld) && (disposedAtBlockEnd(variable) || variable.references.some(readAfter(variable))),
      )
    ) {
      return true;
    }
    scope = outermost.has(scope.type) ? null : scope.upper;
  }
  return false;
}

/** The names of the getters of the store's class whose body returns `this.<name>` (`get buf() { return this._buf }`). */
function gettersReturningField(assignment: TSESTree.Node, name: string): ReadonlySet<string> {
  let classBody: TSESTree.Node | undefined = assignment.parent;
  while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
  const names = new Set<string>();
  if (classBody?.type !== AST_NODE_TYPES.ClassBody) return names;
  for (const member of classBody.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'get' || member.computed || member.static) continue;
    const getterName = member.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.key.name}` : member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : undefined;
    const returnsField = member.value.body?.body.some((statement) => {
      if (statement.type !== AST_NODE_TYPES.ReturnStatement || !statement.argument) return false;
      const returned = skipTypeWrappers(statement.argument);
      return returned.type === AST_NODE_TYPES.MemberExpression && returned.object.type === AST_NODE_TYPES.ThisExpression && staticMemberName(returned) === name;
    });
    if (getterName !== undefined && returnsField === true) names.add(getterName);
  }
  return names;
}

/** Whether a read is an argument of a call or `new`. */
function passedOn(read: TSESTree.Identifier): boolean {
  const value = outermostTypeWrapper(read);
  const parent = value.parent;
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(value as TSESTree.CallExpressionArgument)
  );
}

/** Whether `identifier` is bound by `{ name }` or `{ name: identifier }` (with or without a default) in an object pattern. */
function destructuresField(identifier: TSESTree.Node, name: string): boolean {
  const inPattern = identifier.parent?.type === AST_NODE_TYPES.AssignmentPattern ? identifier.parent : identifier;
  const property = inPattern.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== inPattern) return false;
  if (property.parent.type !== AST_NODE_TYPES.ObjectPattern) return false;
  const key = property.key;
  return property.computed
    ? key.type === AST_NODE_TYPES.Literal && key.value === name
    : key.type === AST_NODE_TYPES.Identifier
      ? key.name === name
      : key.type === AST_NODE_TYPES.Literal && key.value === name;
}

/**
 * Whether a read operates on the value itself, which a released resource may refuse: a member of
 * it (`old.refCnt()`, `old?.size`), a call or `new` of it, iterating or awaiting it, a tag; or
 * copies it into another place that may (`const again = old`). Passing it on, comparing it,
 * testing it or turning it into text does not (a hand-off after the store would have settled the
 * finding before any fix).
 */
function operatesOn(read: TSESTree.Identifier): boolean {
  const value = outermostTypeWrapper(read);
  const parent = value.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === value;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === value;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === value;
    case AST_NODE_TYPES.ForOfStatement:
      return parent.right === value;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === value;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === value;
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.AwaitExpression:
      return true;
    case AST_NODE_TYPES.YieldExpression:
      return parent.delegate;
    default:
      return false;
  }
}

const within = (inner: TSESTree.Range, outer: TSESTree.Range): boolean => inner[0] >= outer[0] && inner[1] <= outer[1];

/** The innermost loop of the store's function around it. */
function enclosingLoop(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current && !isFunctionNode(current); current = current.parent) {
    if (isLoop(current)) return current;
  }
  return undefined;
}

const hostStatement = (host: Host): TSESTree.Node =>
  host.kind === 'arrowBody' ? host.arrow : host.statement;

/**
 * A release directly before the assignment statement can move after it without changing what the
 * new value's construction sees: nothing runs between them, and the right-hand side neither reads
 * the field nor suspends.
 */
function safeToMove(
  sourceCode: Readonly<TSESLint.SourceCode>,
  host: Host,
  early: TSESTree.ExpressionStatement,
): boolean {
  if (host.kind !== 'statement') return false;
  const assignment = host.statement.expression as Finding['assignment'];
  const member = storedMemberOf(assignment);
  if (assignment.operator !== '=' || hasSideEffects(member.object)) {
    return false;
  }
  const list = statementPlacement(host.statement).list;
  if (!list) return false;
  const index = list.indexOf(host.statement);
  if (index < 1 || list[index - 1] !== early) return false;
  const target = sourceCode.getText(member);
  return (
    sameAccessRanges(assignment.right, target, sourceCode).length === 0 &&
    !suspends(assignment.right, sourceCode.visitorKeys)
  );
}

interface Rewrite {
  edits: Edit[];
  /** Other fixes in the same scope would pick the same names: make them wait for the next pass. */
  widenTo?: TSESTree.Range;
  data: Record<string, string>;
}

interface RewriteInput {
  release: ReleaseCall;
  inAsync: boolean;
  objectHoisted: boolean;
  early: TSESTree.ExpressionStatement | undefined;
}

function buildRewrite(
  context: RuleContext,
  finding: Finding,
  host: Host,
  input: RewriteInput,
): Rewrite | undefined {
  const sourceCode = context.sourceCode;
  const assignment = finding.assignment;
  // `this.f`, also when the store is written `(this.f as T) = v`: the old value is read plainly, and
  // the store keeps the user's wrapper.
  const left = storedMemberOf(assignment);
  const scope = sourceCode.getScope(host.kind === 'arrowBody' ? host.arrow.body : host.statement);
  const taken = takenNames(scope);
  const word = fieldWord(finding.fieldName);

  // Names: the hoisted object (if any), the old value, and the new value when it is built first.
  const owner = input.objectHoisted ? claimFreeName(`${lowerFirst(word)}Owner`, taken) : undefined;
  const old = claimFreeName(`old${word}`, taken);
  const logical = assignment.operator !== '=';
  // An arrow body whose result nobody reads is rewritten like a statement.
  const keepsResult = host.kind === 'arrowBody' && !resultIsIgnored(context, host.arrow);
  const statementLike = host.kind === 'statement' || (host.kind === 'arrowBody' && host.whole && !keepsResult);
  const buildFirst = !logical && (!statementLike || suspends(assignment.right, sourceCode.visitorKeys));
  const next = buildFirst ? claimFreeName(`next${word}`, taken) : undefined;

  const leftText = sourceCode.getText(left);
  const memberSuffix = left.computed
    ? `[${sourceCode.getText(left.property)}]`
    : `.${sourceCode.getText(left.property)}`;
  const target = owner === undefined ? leftText : `${owner}${memberSuffix}`;
  // The store's left side as written (with its wrapper and the parentheses around it), naming `target`.
  const storeRange = parenthesizedRange(assignment.left, sourceCode, assignment.range);
  const storeText = spliceEdits(sourceCode, storeRange, [{ range: left.range, text: target }]);
  const operatorToken = sourceCode.getTokenAfter(
    assignment.left,
    (token) => token.type === AST_TOKEN_TYPES.Punctuator && token.value === assignment.operator,
  );
  const rhsStartToken = operatorToken && sourceCode.getTokenAfter(operatorToken);
  if (!rhsStartToken) return undefined;
  const rhsRange: TSESTree.Range = [rhsStartToken.range[0], assignment.range[1]];
  const rhsText = sourceCode.text.slice(...rhsRange);

  const fresh = !logical && isFreshlyConstructed(assignment.right);
  const movedCall = input.early ? movedReleaseCall(sourceCode, input.early, leftText, old) : undefined;
  const functionMayReturnPromise =
    input.release.kind === 'function' &&
    releaseFunctionMayReturnPromise(context, scope, input.release.name, input.release.from);
  const releaseLine = releaseStatementText({
    release: input.release,
    functionMayReturnPromise,
    old,
    sameAs: fresh ? undefined : (next ?? target),
    mayBeEmpty: finding.mayBeEmpty,
    inAsync: input.inAsync,
    ...(movedCall === undefined ? {} : { movedCall }),
  });

  // Where the new text sits, and the indentation its lines were written at.
  const anchor = host.kind === 'arrowBody' ? host.arrow.body : host.statement;
  const originalIndent = indentAt(sourceCode, anchor.range[0]);

  // May be unassigned although its type says otherwise: say so in the local's type, so that the
  // `?.` that guards the release is not an "unnecessary condition" to the type checker.
  // (An annotation would not do: TypeScript narrows a declared union by its initial value.)
  const widenOld =
    finding.mayBeEmpty && !declaredTypeAdmitsEmpty(context, left)
      ? ` as ${fieldTypeQuery(context, left, target)} | undefined`
      : '';
  const readOld = `const ${old} = ${target}${widenOld};`;

  const pre: string[] = [];
  if (owner !== undefined) pre.push(`const ${owner} = ${hoistedObjectText(sourceCode, left)};`);
  const post: string[] = [];
  const hostEdits: Edit[] = [];
  // The assignment stays where it is only when its value is not used; elsewhere it is replaced whole.
  if (owner !== undefined && statementLike) hostEdits.push({ range: left.range, text: target });

  if (next === undefined) {
    // Read the old value, leave the assignment as written, release after it.
    pre.push(readOld);
    post.push(releaseLine);
  } else {
    const annotation = containsYield(assignment.right, sourceCode.visitorKeys)
      ? `: ${fieldTypeQuery(context, left, target)}`
      : '';
    pre.push(`const ${next}${annotation} = ${rhsText};`, readOld);
    if (statementLike) {
      hostEdits.push({ range: rhsRange, text: next });
      post.push(releaseLine);
    } else {
      pre.push(`${storeText} = ${next};`, releaseLine);
      hostEdits.push({ range: host.replaced, text: next });
    }
  }

  const edits: Edit[] = [];
  let widenTo: TSESTree.Range | undefined;
  if (host.kind === 'arrowBody') {
    const bodyText = spliceEdits(sourceCode, host.arrow.body.range, hostEdits);
    const lines = [...pre, `${keepsResult ? 'return ' : ''}${bodyText};`, ...post];
    const edit = arrowBodyBlock(sourceCode, host, lines, originalIndent);
    if (!edit) return undefined;
    edits.push(edit);
  } else {
    const statement = host.statement;
    const main = spliceEdits(sourceCode, statement.range, hostEdits);
    const placement = statementPlacement(statement);
    if (placement.list) {
      edits.push(besideStatement(sourceCode, statement, placement.container, { pre, main, post }));
      if (sharesNames(placement.list, statement, word, sourceCode)) widenTo = placement.container.range;
    } else {
      edits.push(newBlock(sourceCode, statement, placement.inCase, [...pre, main, ...post], originalIndent));
    }
  }

  if (input.early) edits.push({ range: statementRemovalRange(sourceCode, input.early), text: '' });
  if (input.release.kind === 'function' && input.release.from !== undefined) {
    const addImport = importEdit(sourceCode, scope, input.release.name, input.release.from);
    if (addImport) edits.push(addImport);
  }

  const releaseShown =
    movedCall ??
    releaseCallText({
      release: input.release,
      old,
      mayBeEmpty: finding.mayBeEmpty,
      inAsync: input.inAsync,
      functionMayReturnPromise,
    });
  const data: Record<string, string> = {
    target: leftText,
    old,
    next: next ?? old,
    owner: owner ?? '',
    object: sourceCode.getText(left.object),
    release: releaseShown,
  };
  return widenTo ? { edits, widenTo, data } : { edits, data };
}

/** The hoisted object's text: inside its parentheses, so that comments written there are kept. */
function hoistedObjectText(sourceCode: Readonly<TSESLint.SourceCode>, left: TSESTree.MemberExpression): string {
  const outer = parenthesizedRange(left.object, sourceCode, left.range);
  if (outer[0] === left.object.range[0]) return sourceCode.getText(left.object);
  return sourceCode.text.slice(outer[0] + 1, outer[1] - 1).trim();
}

const lowerFirst = (word: string): string => word.charAt(0).toLowerCase() + word.slice(1);

/** The user's own release call, with the field access replaced by the saved old value. */
function movedReleaseCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  early: TSESTree.ExpressionStatement,
  target: string,
  old: string,
): string | undefined {
  const ranges = sameAccessRanges(early.expression, target, sourceCode);
  if (ranges.length === 0) return undefined;
  return spliceEdits(
    sourceCode,
    early.expression.range,
    ranges.map((range) => ({ range, text: old })),
  );
}

/**
 * The field's type for a local's annotation: `typeof this.f` (a `yield` is `any` in a generator
 * without a return type); a private name cannot appear in a type query, so the checker prints it.
 */
function fieldTypeQuery(context: RuleContext, left: TSESTree.MemberExpression, target: string): string {
  if (left.property.type === AST_NODE_TYPES.PrivateIdentifier || ASTUtils.isParenthesized(left.object, context.sourceCode)) {
    return declaredTypeText(context, left) ?? 'unknown';
  }
  return `typeof ${target}`;
}

/**
 * Whether another assignment in the same statement list would name its locals after the same
 * word: both fixes in one pass would declare the same `const`.
 */
function sharesNames(
  list: readonly TSESTree.Node[],
  statement: TSESTree.Node,
  word: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  return list.some(
    (sibling) =>
      sibling !== statement &&
      sameWordAssignments(sibling, word, sourceCode),
  );
}

/** `X.w = …` (also under a type wrapper) for a field named after `word`. */
function storesIntoWord(left: TSESTree.Node, word: string): boolean {
  return (
    left.type === AST_NODE_TYPES.MemberExpression &&
    !left.computed &&
    fieldWord(left.property.name) === word
  );
}

function sameWordAssignments(
  node: TSESTree.Node,
  word: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const pending: TSESTree.Node[] = [node];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (
      next.type === AST_NODE_TYPES.AssignmentExpression &&
      storesIntoWord(skipTypeWrappers(next.left), word)
    ) {
      return true;
    }
    for (const key of sourceCode.visitorKeys[next.type] ?? []) {
      const value = (next as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
        if (typeof item === 'object' && item !== null && 'type' in item) {
          const child = item as TSESTree.Node;
          if (
            child.type !== AST_NODE_TYPES.FunctionExpression &&
            child.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
            child.type !== AST_NODE_TYPES.FunctionDeclaration
          ) {
            pending.push(child);
          }
        }
      }
    }
  }
  return false;
}
