import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Finding } from '../analysis/finding.js';
import { defaultRuleOptions, type RuleOptions } from '../rules/options.js';
import { enclosingFunction } from './syntax.js';

const isFunction = (node: TSESTree.Node): boolean =>
  node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
  node.type === AST_NODE_TYPES.FunctionDeclaration ||
  node.type === AST_NODE_TYPES.FunctionExpression;

const spelled = (text: string): string => text.replace(/\s+/gu, '').replace(/\?\./gu, '.');

/**
 * Whether the old value may already be released or handed off on some path before the
 * assignment (`if (flag) this.f.release(); this.f = make();`). A release added after the
 * assignment would then release it twice on those paths, so no rewrite is offered. Judged from
 * the syntax of the enclosing function: a release call on the field, the field passed to a call,
 * or stored elsewhere, before the assignment and not on a branch that returns or throws first.
 * Tests (`if (!this.f)`) do not count. The finding's own early release, which the repair moves,
 * does not either.
 */
export function handledOnSomePathBefore(
  finding: Finding,
  sourceCode: Readonly<TSESLint.SourceCode>,
  options: Partial<RuleOptions> | undefined,
): boolean {
  const assignment = finding.assignment;
  const target = spelled(sourceCode.getText(assignment.left));
  const releaseMethods = new Set(options?.releaseMethods ?? defaultRuleOptions.releaseMethods);
  if (finding.release.kind === 'method') releaseMethods.add(finding.release.name);
  const body = enclosingFunction(assignment)?.body ?? sourceCode.ast;

  const pending: TSESTree.Node[] = [body];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.range[0] >= assignment.range[0] || node === finding.earlyRelease) continue;
    if (node.type === AST_NODE_TYPES.MemberExpression && spelled(sourceCode.getText(node)) === target) {
      if (node.range[1] <= assignment.range[0] && handsOverOldValue(node, releaseMethods) && !exitsBefore(node, assignment)) {
        return true;
      }
      continue;
    }
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
        if (typeof item === 'object' && item !== null && 'type' in item && !isFunction(item as TSESTree.Node)) {
          pending.push(item as TSESTree.Node);
        }
      }
    }
  }
  return false;
}

/** A read of the field that releases the value, passes it to a call, or stores it elsewhere. */
function handsOverOldValue(read: TSESTree.MemberExpression, releaseMethods: ReadonlySet<string>): boolean {
  const node: TSESTree.Node = read.parent.type === AST_NODE_TYPES.ChainExpression ? read.parent : read;
  const parent = node.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== node) return false;
      const call = parent.parent.type === AST_NODE_TYPES.CallExpression ? parent.parent : undefined;
      const name = memberName(parent);
      // this.f.release(), this.f[Symbol.dispose](), and a SecureContext's this.f.context.close()
      if (call?.callee === parent) return name !== undefined && releaseMethods.has(name);
      return (
        name === 'context' &&
        parent.parent.type === AST_NODE_TYPES.MemberExpression &&
        memberName(parent.parent) === 'close'
      );
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.arguments.some((argument) => argument === node);
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === node;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === node;
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.SpreadElement:
      return true;
    default:
      return false;
  }
}

function memberName(member: TSESTree.MemberExpression): string | undefined {
  const property = member.property;
  if (!member.computed && property.type === AST_NODE_TYPES.Identifier) return property.name;
  // [Symbol.dispose] / [Symbol.asyncDispose]
  if (
    property.type === AST_NODE_TYPES.MemberExpression &&
    property.object.type === AST_NODE_TYPES.Identifier &&
    property.object.name === 'Symbol' &&
    property.property.type === AST_NODE_TYPES.Identifier
  ) {
    return property.property.name === 'dispose' || property.property.name === 'asyncDispose' ? 'dispose' : undefined;
  }
  return undefined;
}

/**
 * Whether the code around `read` leaves the function (a `return` or `throw` later in one of its
 * blocks) before it can reach the assignment: `if (x) { this.f.release(); return; }`.
 */
function exitsBefore(read: TSESTree.Node, assignment: TSESTree.Node): boolean {
  for (let node: TSESTree.Node = read; node.parent; node = node.parent) {
    const parent = node.parent;
    if (parent.range[0] <= assignment.range[0] && parent.range[1] >= assignment.range[1]) return false;
    if (parent.type === AST_NODE_TYPES.ReturnStatement || parent.type === AST_NODE_TYPES.ThrowStatement) return true;
    const list =
      parent.type === AST_NODE_TYPES.BlockStatement
        ? parent.body
        : parent.type === AST_NODE_TYPES.SwitchCase
          ? parent.consequent
          : undefined;
    if (!list) continue;
    const later = list.slice(list.indexOf(node as TSESTree.Statement) + 1);
    if (later.some((statement) => statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement)) {
      return true;
    }
  }
  return false;
}
