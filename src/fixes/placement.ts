import { AST_NODE_TYPES, AST_TOKEN_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Host } from './host.js';
import { endOfStatementLine, indentAt, indentUnit, lineBreak, reindent, type Edit } from './layout.js';

// Where the rewritten statements go, laid out like the code around them.

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `() => this.f = v` becomes `() => {` + lines + `}`, indented from the line of the `=>`. */
export function arrowBodyBlock(
  sourceCode: SourceCode,
  host: Extract<Host, { kind: 'arrowBody' }>,
  lines: readonly string[],
  originalIndent: string,
): Edit | undefined {
  const arrowToken = sourceCode.getTokenBefore(
    host.arrow.body,
    (token) => token.type === AST_TOKEN_TYPES.Punctuator && token.value === '=>',
  );
  if (!arrowToken) return undefined;
  const eol = lineBreak(sourceCode);
  const indent = indentAt(sourceCode, arrowToken.range[0]);
  const inner = indent + indentUnit(sourceCode);
  const body = lines.map((line) => inner + reindent(line, originalIndent, inner));
  return { range: [arrowToken.range[1], host.outer[1]], text: ` {${eol}${body.join(eol)}${eol}${indent}}` };
}

export interface Rewritten {
  /** Statements before the (edited) statement, and after it. */
  pre: readonly string[];
  main: string;
  post: readonly string[];
}

/**
 * New statements beside one in a statement list, at its indentation. A trailing `// comment` on
 * its line stays with it; a statement that shares its line (`{ this.f = v; }`) gets lines of its own.
 */
export function besideStatement(
  sourceCode: SourceCode,
  statement: TSESTree.Node,
  container: TSESTree.Node,
  { pre, main, post }: Rewritten,
): Edit {
  const eol = lineBreak(sourceCode);
  const before = sourceCode.getTokenBefore(statement, { includeComments: true });
  const end = endOfStatementLine(sourceCode, statement);
  const after = sourceCode.getTokenAfter({ range: [end, end] } as TSESTree.Node, { includeComments: true });
  const startsLine = !before || before.loc.end.line < statement.loc.start.line;
  const endsLine = !after || after.loc.start.line > statement.loc.end.line;
  const lineIndent = indentAt(sourceCode, statement.range[0]);
  const opensBlockOnLine =
    container.type !== AST_NODE_TYPES.Program && container.loc.start.line === statement.loc.start.line;
  const indent = startsLine ? lineIndent : lineIndent + (opensBlockOnLine ? indentUnit(sourceCode) : '');
  const closesBlockOnLine = !endsLine && after.range[1] === container.range[1];
  const trailingComments = sourceCode.text.slice(statement.range[1], end);
  const directives = startsLine ? directiveCommentsAbove(sourceCode, statement) : undefined;
  const start = directives ?? (startsLine ? statement.range[0] : before.range[1]);
  return {
    range: [start, endsLine ? end : after.range[0]],
    text:
      (startsLine ? '' : `${eol}${indent}`) +
      pre.map((line) => `${line}${eol}${indent}`).join('') +
      (directives === undefined ? '' : sourceCode.text.slice(directives, statement.range[0])) +
      reindent(main, lineIndent, indent) +
      trailingComments +
      post.map((line) => `${eol}${indent}${line}`).join('') +
      (endsLine ? '' : `${eol}${closesBlockOnLine ? lineIndent : indent}`),
  };
}

/** Comments that govern the next line only: they must stay right above the statement they target. */
const nextLineDirective = /^\s*(@ts-expect-error|@ts-ignore|eslint-disable-next-line|prettier-ignore)\b/u;

/**
 * Where the own-line comments directly above `statement` start, when one of them is a next-line
 * directive (`// @ts-expect-error`): new statements go above them, so the directive still applies
 * to the statement it was written for rather than to the inserted `const old… = …`.
 */
function directiveCommentsAbove(sourceCode: SourceCode, statement: TSESTree.Node): number | undefined {
  const comments = sourceCode.getCommentsBefore(statement);
  let start: number | undefined;
  let hasDirective = false;
  let below: { loc: TSESTree.SourceLocation } = statement;
  for (let index = comments.length - 1; index >= 0; index--) {
    const comment = comments[index];
    if (!comment || comment.loc.end.line !== below.loc.start.line - 1) break;
    const previous = sourceCode.getTokenBefore(comment, { includeComments: true });
    if (previous && previous.loc.end.line === comment.loc.start.line) break;
    hasDirective ||= nextLineDirective.test(comment.value);
    start = comment.range[0];
    below = comment;
  }
  return hasDirective ? start : undefined;
}

/**
 * A braceless body (`if (c) this.f = v;`, a loop's, an `else`'s) gets a block holding the new
 * statements, opened after the token before it; so does a statement in a `case` clause, whose
 * declarations the whole switch shares. Comments between that token and the body move inside.
 */
export function newBlock(
  sourceCode: SourceCode,
  statement: TSESTree.Node,
  inCase: boolean,
  lines: readonly string[],
  originalIndent: string,
): Edit {
  const eol = lineBreak(sourceCode);
  const opener = inCase ? undefined : sourceCode.getTokenBefore(statement);
  const start = opener ? opener.range[1] : statement.range[0];
  const indent = indentAt(sourceCode, opener ? opener.range[0] : statement.range[0]);
  const inner = indent + indentUnit(sourceCode);
  const comments = sourceCode.text.slice(start, statement.range[0]).trim();
  const body = [...(comments === '' ? [] : [comments]), ...lines].map(
    (line) => inner + reindent(line, originalIndent, inner),
  );
  return { range: [start, statement.range[1]], text: `${opener ? ' ' : ''}{${eol}${body.join(eol)}${eol}${indent}}` };
}
