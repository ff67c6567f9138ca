import { AST_NODE_TYPES, AST_TOKEN_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isEmptyValue, skipTypeWrappers, storedMemberOf } from '../analysis/field-target.js';
import type { Finding, ReleaseCall } from '../analysis/finding.js';
import type { RuleOptions } from '../rules/options.js';
import { findHost, parenthesizedRange, statementPlacement, type Host } from './host.js';
import { arrowBodyBlock, besideStatement, newBlock } from './placement.js';
import { importEdit } from './imports.js';
import { indentAt, spliceEdits, statementRemovalRange, type Edit } from './layout.js';
import type { FixMessageIds } from './messages.js';
import { claimFreeName, fieldWord, takenNames } from './names.js';
import { oldValueReadThroughLocal } from './saved-old-value.js';
import { releaseCallText, releaseStatementText } from './release-text.js';
import {
  buildsNewFromOld,
  containsYield,
  hasSideEffects,
  isFreshlyConstructed,
  sameAccessRanges,
  suspends,
} from './syntax.js';
import { enclosingFunction } from '../analysis/syntax-walk.js';
import {
  declaredTypeAdmitsEmpty,
  declaredTypeText,
  releaseFunctionMayReturnPromise,
  releaseMethodMayReturnPromise,
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
  | 'unawaitedRelease'
  | 'logicalAssignment'
  | 'newBuiltFromOld';

const messageFor: Record<SuggestOnly, FixMessageIds> = {
  secureContextShared: 'suggestCloseSecureContext',
  moveRelease: 'suggestMoveRelease',
  arrowBody: 'suggestBlockBody',
  hoistObject: 'suggestHoistObject',
  valueUsed: 'suggestKeepValue',
  unawaitedRelease: 'suggestUnawaitedAsyncDispose',
  logicalAssignment: 'suggestReleaseAfterAssign',
  newBuiltFromOld: 'suggestReleaseAfterAssign',
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
  // The old value's own listener would empty the field that then holds the new value.
  if (finding.releaseRunsFieldListener) return {};
  // The value an own call just stored, emptied: the release would undo that call's work.
  if (finding.emptiesAfterOwnRefill) return {};
  // The old value may be one the class shares (another field's, a module-wide default): releasing
  // it blindly would free it under its other holder.
  if (finding.oldValueMayBeBorrowed === true) return {};
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
  // `close(): Promise<void>`: released asynchronously, like `[Symbol.asyncDispose]`.
  const methodMayReturnPromise =
    release.kind === 'method' && releaseMethodMayReturnPromise(context, storedMemberOf(assignment), release.name);

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
  // Only asynchronously released (also through a releaseWith helper, or by a method that returns a
  // promise): nothing here can await it, and a rejection would go unhandled.
  if ((finding.release.kind === 'asyncDispose' || methodMayReturnPromise) && !inAsync && !early) {
    reasons.push('unawaitedRelease');
  }
  if (assignment.operator !== '=') reasons.push('logicalAssignment');
  // `this.body = this.body.pipe(out)`: the new value may still use the old one after the store.
  if (buildsNewFromOld(assignment.right, sourceCode.getText(storedMemberOf(assignment)), sourceCode)) {
    reasons.push('newBuiltFromOld');
  }

  const rewrite = buildRewrite(context, finding, host, { release, inAsync, objectHoisted, early, methodMayReturnPromise });
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
  /** The release is a method that may return a promise. */
  methodMayReturnPromise: boolean;
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
  // A store of null/undefined cannot be storing the old value again, so the release needs no
  // `!==` guard; and after the store TypeScript narrows the field to the empty type, so the guard
  // would narrow the old value to non-empty and make its `?.` an "unnecessary condition".
  const emptied = !logical && isEmptyValue(assignment.right);
  const movedCall = input.early ? movedReleaseCall(sourceCode, input.early, leftText, old) : undefined;
  const mayReturnPromise =
    input.methodMayReturnPromise ||
    (input.release.kind === 'function' &&
      releaseFunctionMayReturnPromise(context, scope, input.release.name, input.release.from));
  const releaseLine = releaseStatementText({
    release: input.release,
    mayReturnPromise,
    old,
    sameAs: fresh || emptied ? undefined : (next ?? target),
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
      mayReturnPromise,
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
 * without a return type); where a type query cannot name the field, the checker prints its type.
 */
function fieldTypeQuery(context: RuleContext, left: TSESTree.MemberExpression, target: string): string {
  return isTypeQueryPath(left, context.sourceCode) ? `typeof ${target}` : (declaredTypeText(context, left) ?? 'unknown');
}

/**
 * Whether `typeof <left>` is a type query TypeScript parses: a dotted path of plain names, with no
 * private name (`this.#config.doc`), `!`, cast, parentheses or computed key on the way (`this.config!.doc`).
 */
function isTypeQueryPath(left: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let node: TSESTree.Node = left;
  while (node.type === AST_NODE_TYPES.MemberExpression) {
    if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return false;
    node = node.object;
    if (ASTUtils.isParenthesized(node, sourceCode)) return false;
  }
  return node.type === AST_NODE_TYPES.ThisExpression || node.type === AST_NODE_TYPES.Identifier;
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
