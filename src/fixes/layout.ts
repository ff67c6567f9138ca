import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** One text replacement; a fix is a set of them that do not overlap. */
export interface Edit {
  range: TSESTree.Range;
  text: string;
}

const unitCache = new WeakMap<object, string>();

/**
 * The file's indentation step: a tab if lines are tab-indented, else the smallest non-zero count of
 * leading spaces (2 when nothing is indented).
 */
export function indentUnit(sourceCode: Readonly<TSESLint.SourceCode>): string {
  const cached = unitCache.get(sourceCode);
  if (cached !== undefined) return cached;
  let smallest = Infinity;
  let tabs = false;
  for (const line of sourceCode.lines) {
    const leading = /^[ \t]*/u.exec(line)?.[0] ?? '';
    if (leading.length === 0 || leading.length === line.length) continue;
    if (leading.startsWith('\t')) {
      tabs = true;
      break;
    }
    // Continuation lines of JSDoc (` * text`) sit one space in; they say nothing about the step.
    if (line.slice(leading.length).startsWith('*')) continue;
    smallest = Math.min(smallest, leading.length);
  }
  const unit = tabs ? '\t' : ' '.repeat(Number.isFinite(smallest) ? smallest : 2);
  unitCache.set(sourceCode, unit);
  return unit;
}

/** The leading whitespace of the line that holds `offset`. */
export function indentAt(sourceCode: Readonly<TSESLint.SourceCode>, offset: number): string {
  const { line } = sourceCode.getLocFromIndex(offset);
  return /^[ \t]*/u.exec(sourceCode.lines[line - 1] ?? '')?.[0] ?? '';
}

export const lineBreak = (sourceCode: Readonly<TSESLint.SourceCode>): string =>
  sourceCode.text.includes('\r\n') ? '\r\n' : '\n';

/**
 * Moves the continuation lines of `text` from one indentation to another (its first line is placed
 * by the caller). Text with a multi-line template literal is left alone: its lines are content.
 */
export function reindent(text: string, from: string, to: string): string {
  if (from === to || !text.includes('\n') || text.includes('`')) return text;
  return text
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(from) ? to + line.slice(from.length) : line))
    .join('\n');
}

/** `text` of `range` with the edits (all inside it) applied. */
export function spliceEdits(
  sourceCode: Readonly<TSESLint.SourceCode>,
  range: TSESTree.Range,
  edits: readonly Edit[],
): string {
  let result = '';
  let position = range[0];
  for (const edit of [...edits].sort((a, b) => a.range[0] - b.range[0])) {
    result += sourceCode.text.slice(position, edit.range[0]) + edit.text;
    position = edit.range[1];
  }
  return result + sourceCode.text.slice(position, range[1]);
}

/**
 * The end of `node`'s line part: after the comments that follow it on the same line, so that a
 * `// why` comment stays with the statement it explains.
 */
export function endOfStatementLine(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): number {
  let end = node.range[1];
  const nextToken = sourceCode.getTokenAfter(node, { includeComments: false });
  for (const comment of sourceCode.getCommentsAfter(node)) {
    if (comment.loc.start.line !== node.loc.end.line) break;
    if (nextToken && nextToken.range[0] < comment.range[0]) break;
    if (comment.loc.end.line !== node.loc.end.line) break;
    end = comment.range[1];
  }
  return end;
}

/**
 * The range that removes a whole statement: its line(s) when nothing else is on them, else the
 * statement alone.
 */
export function statementRemovalRange(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
): TSESTree.Range {
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', node.range[0] - 1) + 1;
  const before = text.slice(lineStart, node.range[0]);
  const lineEndIndex = text.indexOf('\n', node.range[1]);
  const lineEnd = lineEndIndex === -1 ? text.length : lineEndIndex;
  const after = text.slice(node.range[1], lineEnd);
  if (/^[ \t]*$/u.test(before) && /^[ \t]*\r?$/u.test(after)) {
    return [lineStart, lineEndIndex === -1 ? lineEnd : lineEnd + 1];
  }
  return node.range;
}
