import type * as TS from 'typescript';
import { ts } from '../commonjs.js';
import type { ReleaseNames } from './value-use.js';
import { skipTsWrappers } from './ownership.js';

/**
 * What one call of a method does to a field of `this`: released, or handed off/emptied, on every
 * path of its own; `partly` when only on some (a release after the call would repeat it there).
 */
export type MethodEffect = 'released' | 'handled' | 'partly' | undefined;

/** Summaries of base-class methods, per method declaration and per field and release names. */
const effectsByMethod = new WeakMap<TS.Node, Map<string, MethodEffect>>();

/**
 * What `this.<methodName>()` does to `this.<fieldName>` when the method is inherited: declared in a
 * base class, possibly in another file, and read through the TypeScript program. Its code paths
 * are not ESLint's to give, so the summary is syntactic and conservative: a statement of the
 * method's own body, reached before anything that could return or throw, releases the field
 * (`this.f.close()`, `this.f?.[Symbol.dispose]()`, `release(this.f)`) or empties it
 * (`this.f = undefined`, `delete this.f`). Computed once per method.
 */
export function inheritedMethodEffect(
  assigningClass: TS.ClassLikeDeclaration,
  methodName: string,
  fieldName: string,
  checker: TS.TypeChecker,
  names: ReleaseNames,
): MethodEffect {
  // Syntax first: without an `extends` clause nothing is inherited.
  if (!assigningClass.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)) {
    return undefined;
  }
  const instanceType = checker.getTypeAtLocation(assigningClass);
  const method = checker.getPropertyOfType(instanceType, methodName);
  const body = method?.declarations?.map(methodBodyOf).find((found) => found !== undefined);
  if (!body || body.parent.parent === assigningClass) return undefined;
  const cacheKey = `${fieldName}\u0000${[...names.methods].join(',')}\u0000${[...names.functions].join(',')}`;
  let effects = effectsByMethod.get(body);
  if (!effects) {
    effects = new Map();
    effectsByMethod.set(body, effects);
  }
  if (effects.has(cacheKey)) return effects.get(cacheKey);
  const effect = bodyEffect(body, fieldName, names);
  effects.set(cacheKey, effect);
  return effect;
}

/** The block a method (or an arrow-function property) runs. */
function methodBodyOf(declaration: TS.Declaration): TS.Block | undefined {
  if (ts.isMethodDeclaration(declaration)) return declaration.body;
  if (ts.isPropertyDeclaration(declaration) && declaration.initializer) {
    const initializer = declaration.initializer;
    if ((ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) && ts.isBlock(initializer.body)) {
      return initializer.body;
    }
  }
  return undefined;
}

function bodyEffect(body: TS.Block, fieldName: string, names: ReleaseNames): MethodEffect {
  for (const statement of body.statements) {
    if (ts.isExpressionStatement(statement)) {
      const expression = skipWrappers(statement.expression);
      if (releasesField(expression, fieldName, names)) return 'released';
      if (emptiesField(expression, fieldName)) return 'handled';
    }
    if (mayLeave(statement)) break;
  }
  return touchesField(body, fieldName, names) ? 'partly' : undefined;
}

/**
 * A release or emptying of the field anywhere in the method, nested callbacks included: such a
 * call may have released it, so a release added after the call could repeat it.
 */
function touchesField(node: TS.Node, fieldName: string, names: ReleaseNames): boolean {
  if (ts.isExpression(node) && (releasesField(node, fieldName, names) || emptiesField(node, fieldName))) return true;
  return ts.forEachChild(node, (child) => (touchesField(child, fieldName, names) ? true : undefined)) ?? false;
}

/** A `return` or `throw` outside nested functions: later statements may not run. */
function mayLeave(node: TS.Node): boolean {
  if (ts.isReturnStatement(node) || ts.isThrowStatement(node)) return true;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, (child) => (mayLeave(child) ? true : undefined)) ?? false;
}

const skipWrappers = (expression: TS.Expression): TS.Expression => skipTsWrappers(expression, true);

/** `this.f`, `this['f']` (through `!`, `as`, parentheses). */
function isThisField(expression: TS.Expression, fieldName: string): boolean {
  const field = skipWrappers(expression);
  if (!ts.isPropertyAccessExpression(field) && !ts.isElementAccessExpression(field)) return false;
  if (skipWrappers(field.expression).kind !== ts.SyntaxKind.ThisKeyword) return false;
  if (ts.isPropertyAccessExpression(field)) return field.name.text === fieldName;
  return ts.isStringLiteralLike(field.argumentExpression) && field.argumentExpression.text === fieldName;
}

function releasesField(expression: TS.Expression, fieldName: string, names: ReleaseNames): boolean {
  if (!ts.isCallExpression(expression)) return false;
  const callee = skipWrappers(expression.expression);
  const firstArgument = expression.arguments[0];
  if (firstArgument && isThisField(firstArgument, fieldName)) return names.functions.has(dottedName(callee));
  // A release method's arguments say how, not whether: `this.f.close(1000, 'bye')` releases too.
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    if (names.methods.has(method) && isThisField(callee.expression, fieldName)) return true;
    // `this.f.context.close()`: a tls.SecureContext's native context.
    const context = skipWrappers(callee.expression);
    return (
      method === 'close' &&
      ts.isPropertyAccessExpression(context) &&
      context.name.text === 'context' &&
      isThisField(context.expression, fieldName)
    );
  }
  if (ts.isElementAccessExpression(callee)) {
    const key = dottedName(skipWrappers(callee.argumentExpression));
    return (key === 'Symbol.dispose' || key === 'Symbol.asyncDispose') && isThisField(callee.expression, fieldName);
  }
  return false;
}

function emptiesField(expression: TS.Expression, fieldName: string): boolean {
  if (ts.isDeleteExpression(expression)) return isThisField(expression.expression, fieldName);
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const value = skipWrappers(expression.right);
  const empty =
    value.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(value) && value.text === 'undefined') ||
    ts.isVoidExpression(expression.right);
  return empty && isThisField(expression.left, fieldName);
}

function dottedName(expression: TS.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return `${dottedName(expression.expression)}.${expression.name.text}`;
  return '';
}
