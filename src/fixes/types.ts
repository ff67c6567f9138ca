import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isIntrinsicVoidType, isTypeFlagSet } from 'ts-api-utils';
import ts from 'typescript';

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

/** The declared type of the field `left` names, printed for a type annotation. */
export function declaredTypeText(context: AnyContext, left: TSESTree.MemberExpression): string | undefined {
  const services = typeServices(context);
  if (!services) return undefined;
  const tsLeft = services.map.get(left);
  const symbol = services.checker.getSymbolAtLocation(
    ts.isPropertyAccessExpression(tsLeft) ? tsLeft.name : tsLeft,
  );
  if (!symbol) return undefined;
  const type = services.checker.getTypeOfSymbolAtLocation(symbol, tsLeft);
  return services.checker.typeToString(type, tsLeft, ts.TypeFormatFlags.NoTruncation);
}
