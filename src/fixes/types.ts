import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { isIntrinsicVoidType, isTypeFlagSet, ts, unionConstituents } from '../commonjs.js';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

function typeServices(context: AnyContext) {
  const services = context.sourceCode.parserServices;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  return { checker: services.program.getTypeChecker(), map: services.esTreeNodeToTSNodeMap };
}

/**
 * Whether whoever calls the arrow function ignores what it returns: its annotated or contextual
 * return type is `void` (an event listener, a timer callback). Unknown callers keep the result.
 */
export function resultIsIgnored(context: AnyContext, arrow: TSESTree.ArrowFunctionExpression): boolean {
  if (arrow.returnType) return arrow.returnType.typeAnnotation.type === AST_NODE_TYPES.TSVoidKeyword;
  const services = typeServices(context);
  if (!services) return false;
  const tsArrow = services.map.get(arrow);
  const contextual = services.checker.getContextualType(tsArrow);
  if (!contextual) return false;
  const signatures = services.checker.getSignaturesOfType(contextual, ts.SignatureKind.Call);
  return (
    signatures.length > 0 &&
    signatures.every((signature) => {
      const result = services.checker.getReturnTypeOfSignature(signature);
      return isIntrinsicVoidType(result) || isTypeFlagSet(result, ts.TypeFlags.Undefined);
    })
  );
}

/** The declared (not narrowed) type of the field that `left` names. */
function declaredType(context: AnyContext, left: TSESTree.MemberExpression) {
  const services = typeServices(context);
  if (!services) return undefined;
  const tsLeft = services.map.get(left);
  const symbol = services.checker.getSymbolAtLocation(
    ts.isPropertyAccessExpression(tsLeft) ? tsLeft.name : tsLeft,
  );
  if (!symbol) return undefined;
  return { type: services.checker.getTypeOfSymbol(symbol), at: tsLeft, checker: services.checker };
}

/** The declared type of the field `left` names, printed for a type annotation. */
export function declaredTypeText(context: AnyContext, left: TSESTree.MemberExpression): string | undefined {
  const declared = declaredType(context, left);
  return declared && declared.checker.typeToString(declared.type, declared.at, ts.TypeFormatFlags.NoTruncation);
}

/** Whether the field's declared type lets it hold null/undefined (unknown types: assume so). */
export function declaredTypeAdmitsEmpty(context: AnyContext, left: TSESTree.MemberExpression): boolean {
  const declared = declaredType(context, left);
  if (!declared) return true;
  const emptyFlags = [
    ts.TypeFlags.Null,
    ts.TypeFlags.Undefined,
    ts.TypeFlags.Void,
    ts.TypeFlags.Any,
    ts.TypeFlags.Unknown,
  ];
  return unionConstituents(declared.type).some((member) =>
    emptyFlags.some((flag) => isTypeFlagSet(member, flag)),
  );
}

/** The runtime's release helper returns a promise for values that only dispose asynchronously. */
const knownPromiseReturning = new Set(['eslint-plugin-resource-leak/runtime#releaseResource']);

/**
 * Whether calling the release function `name` (plain or dotted) may return a promise, judged from
 * its declared type when it is in scope, else from what is known of the runtime's helpers.
 */
export function releaseFunctionMayReturnPromise(
  context: AnyContext,
  scope: TSESLint.Scope.Scope,
  name: string,
  from: string | undefined,
): boolean {
  const [root = name, ...members] = name.split('.');
  let variable: TSESLint.Scope.Variable | undefined;
  for (let outer: TSESLint.Scope.Scope | null = scope; outer && !variable; outer = outer.upper) {
    variable = outer.set.get(root);
  }
  const services = typeServices(context);
  const identifier = variable?.defs[0]?.name;
  if (!services || !identifier) return knownPromiseReturning.has(`${from ?? ''}#${name}`);
  const checker = services.checker;
  let type: TS.Type | undefined = checker.getTypeAtLocation(services.map.get(identifier));
  for (const member of members) {
    const property: TS.Symbol | undefined = type.getProperty(member);
    type = property && checker.getTypeOfSymbol(property);
    if (!type) return false;
  }
  return checker
    .getSignaturesOfType(type, ts.SignatureKind.Call)
    .some((signature) => mayBeThenable(checker.getReturnTypeOfSignature(signature)));
}

/** Whether `type` is a promise or may be one (a union with a thenable part). */
function mayBeThenable(type: TS.Type): boolean {
  return unionConstituents(type).some((part) => part.getProperty('then') !== undefined);
}

/**
 * Whether the release method `name` of the field that `left` names may return a promise
 * (`close(): Promise<void>`, `destroy: () => Promise<void>`), on any member of the field's type.
 */
export function releaseMethodMayReturnPromise(context: AnyContext, left: TSESTree.MemberExpression, name: string): boolean {
  const declared = declaredType(context, left);
  if (!declared) return false;
  const { checker, at } = declared;
  return unionConstituents(declared.type.getNonNullableType()).some((member) => {
    const method = checker.getPropertyOfType(checker.getApparentType(member), name);
    if (!method) return false;
    const methodType = checker.getTypeOfSymbolAtLocation(method, at).getNonNullableType();
    return checker
      .getSignaturesOfType(methodType, ts.SignatureKind.Call)
      .some((signature) => mayBeThenable(checker.getReturnTypeOfSignature(signature)));
  });
}
