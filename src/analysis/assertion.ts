import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { ts } from '../commonjs.js';
import { outermostTypeWrapper } from './field-target.js';
import { valueUseOf, type ReleaseNames } from './value-use.js';

/** An `asserts x` (or `asserts x is T`) predicate, and the declaration of the signature that has it. */
interface Assertion {
  predicate: TS.AssertsIdentifierTypePredicate;
  declaration: TS.SignatureDeclaration | TS.JSDocSignature | undefined;
}

/** The assertion of the signature a call resolves to, if it has one. */
function assertionOf(call: TSESTree.CallExpression, services: ParserServicesWithTypeInformation): Assertion | undefined {
  const checker = services.program.getTypeChecker();
  const tsCall = services.esTreeNodeToTSNodeMap.get(call);
  if (!mayAssert(checker.getTypeAtLocation(tsCall.expression).getCallSignatures())) return undefined;
  const signature = checker.getResolvedSignature(tsCall);
  if (!signature) return undefined;
  const predicate = checker.getTypePredicateOfSignature(signature);
  return predicate?.kind === ts.TypePredicateKind.AssertsIdentifier ? { predicate, declaration: signature.declaration } : undefined;
}

/**
 * Whether one of a callee's signatures may assert, read from their declarations: in TypeScript an
 * assertion is only ever written (`asserts x` as the return type), never inferred, while the
 * checker, asked for the predicate of a signature without a return type, infers one from the
 * function's body. Most calls that take a field's value are to such functions, and resolving the
 * call (its overloads, its arguments) costs more again. A signature the checker made up (no
 * declaration) or one declared in JavaScript (JSDoc) may assert.
 */
function mayAssert(signatures: readonly TS.Signature[]): boolean {
  if (signatures.length === 0) return true;
  return signatures.some((signature) => {
    const declaration = signature.getDeclaration() as TS.SignatureDeclaration | TS.JSDocSignature | undefined;
    if (!declaration || ts.isJSDocSignature(declaration) || (declaration.flags & ts.NodeFlags.JavaScriptFile) !== 0) return true;
    const returnType = declaration.type;
    return returnType !== undefined && ts.isTypePredicateNode(returnType) && returnType.assertsModifier !== undefined;
  });
}

/** `assert(x)` whose signature says `asserts x` of its first parameter: after it, `x` is truthy. */
export function assertsTruthy(call: TSESTree.CallExpression, services: ParserServicesWithTypeInformation): boolean {
  const predicate = assertionOf(call, services)?.predicate;
  return predicate?.parameterIndex === 0 && predicate.type === undefined;
}

/**
 * Whether a call only checks its argument at `index`: the signature asserts that parameter
 * (`assert(value)`, `assertIsBuf(value)`: `asserts value`, `asserts value is T`), and the function's
 * own body, when the linted file has it, does not keep or release it. Unlike other calls, such a
 * call takes nothing from the caller, so a field's value passed to it is still the field's.
 */
export function onlyChecksArgument(
  call: TSESTree.CallExpression,
  index: number,
  services: ParserServicesWithTypeInformation,
  sourceCode: Readonly<TSESLint.SourceCode>,
  names: ReleaseNames,
): boolean {
  const assertion = assertionOf(call, services);
  return assertion?.predicate.parameterIndex === index && !assertionBodyKeeps(assertion, services, sourceCode, names);
}

/**
 * Whether the assertion function's own body, when the linted file has it, keeps or releases the
 * asserted parameter (`adopt(value): asserts value is Buf { this.kept.push(value); }`): the
 * signature promises a check, not that the function keeps nothing. A use inside a `throw` only
 * describes the failure, and passing it on to another assertion is still a check. A body in
 * another file is not read: such a function counts as a check.
 */
function assertionBodyKeeps(
  { predicate: { parameterName }, declaration }: Assertion,
  services: ParserServicesWithTypeInformation,
  sourceCode: Readonly<TSESLint.SourceCode>,
  names: ReleaseNames,
): boolean {
  const checker = services.program.getTypeChecker();
  if (!declaration || declaration.getSourceFile() !== services.esTreeNodeToTSNodeMap.get(sourceCode.ast)) {
    return false;
  }
  // An overload's signature has no body: the implementation beside it has.
  const name = ts.getNameOfDeclaration(declaration);
  const siblings = (name && checker.getSymbolAtLocation(name)?.declarations) ?? [declaration];
  const implementation = [declaration, ...siblings].find(
    (node): node is TS.FunctionLikeDeclaration =>
      (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) &&
      node.body !== undefined,
  );
  const parameter = implementation?.parameters.find(
    (candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === parameterName,
  );
  const esNode = implementation && services.tsNodeToESTreeNodeMap.get(implementation);
  // A method maps to its definition; the parameters' scope is its function's.
  const esFunction = esNode?.type === AST_NODE_TYPES.MethodDefinition ? esNode.value : esNode;
  if (!parameter || !esFunction) return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(esFunction), parameterName);
  return (variable?.references ?? []).some((reference) => {
    if (!reference.isRead() || insideThrow(reference.identifier, esFunction)) return false;
    const use = valueUseOf(reference.identifier, names);
    if (use.kind !== 'release' && use.kind !== 'handoff' && use.kind !== 'save') return false;
    const value = outermostTypeWrapper(reference.identifier);
    const inner = value.parent;
    return !(
      inner?.type === AST_NODE_TYPES.CallExpression &&
      assertionOf(inner, services)?.predicate.parameterIndex === inner.arguments.indexOf(value as TSESTree.CallExpressionArgument)
    );
  });
}

/** Whether `node` is inside a `throw` statement of `fn` (the value only describes the failure there). */
function insideThrow(node: TSESTree.Node, fn: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ThrowStatement) return true;
  }
  return false;
}
