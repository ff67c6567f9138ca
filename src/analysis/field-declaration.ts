import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { isObjectFlagSet, isObjectType, isStrictCompilerOptionEnabled, ts, unionConstituents } from '../commonjs.js';

/** What the program declares about the field a member expression stores into. */
export interface FieldDeclaration {
  /** The field's declared type (for the stored-into object, e.g. `Holder<Foo>['v']` is `Foo`). */
  type: TS.Type;
  /** The property or parameter property that declares it, when there is one. */
  declaration: TS.Declaration | undefined;
  /** The class that declares it (possibly a base class in another file). */
  declaringClass: TS.ClassLikeDeclaration | undefined;
  /** `f?: T`, `f!: T`, or no initializer without strictPropertyInitialization. */
  mayBeUnset: boolean;
}

/**
 * The declaration behind `X.f`, or undefined when `f` is not a data property (an accessor, a
 * method) or the checker cannot resolve it (an `any` receiver).
 */
export function fieldDeclarationOf(
  left: TSESTree.MemberExpression,
  services: ParserServicesWithTypeInformation,
): FieldDeclaration | undefined {
  const checker = services.program.getTypeChecker();
  const access = services.esTreeNodeToTSNodeMap.get(left);
  let symbol: TS.Symbol | undefined;
  if (ts.isPropertyAccessExpression(access) && ts.isIdentifier(access.name)) {
    // The member of the receiver's declared type: cheaper than checking the access expression,
    // which would narrow the receiver through the flow graph. Fall back to that when it fails.
    // (Without the member, only the checker's narrowing at the store can say: `instanceof` or a type
    // predicate may narrow the receiver to a type outside its declared union, or past an index signature.)
    const receiver = declaredTypeOf(access.expression, checker);
    symbol = receiver && checker.getPropertyOfType(nonNullable(receiver, checker), access.name.text);
    symbol ??= checker.getSymbolAtLocation(access.name);
  } else if (ts.isPropertyAccessExpression(access)) {
    symbol = checker.getSymbolAtLocation(access.name);
  } else if (ts.isElementAccessExpression(access)) {
    symbol = checker.getSymbolAtLocation(access.argumentExpression);
    if (!symbol && ts.isStringLiteralLike(access.argumentExpression)) {
      symbol = checker.getPropertyOfType(checker.getTypeAtLocation(access.expression), access.argumentExpression.text);
    }
  }
  if (!symbol) return undefined;
  if ((symbol.flags & ts.SymbolFlags.Accessor) !== 0 || (symbol.flags & ts.SymbolFlags.Property) === 0) {
    return undefined;
  }
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  if (declaration && ts.isAccessor(declaration)) return undefined;
  const declaringClass =
    declaration && ts.isClassLike(declaration.parent)
      ? declaration.parent
      : declaration && ts.isParameter(declaration) && ts.isConstructorDeclaration(declaration.parent)
        ? declaration.parent.parent
        : undefined;
  return {
    type: checker.getTypeOfSymbol(symbol),
    declaration,
    declaringClass,
    mayBeUnset: declaration !== undefined && mayBeUnset(declaration, services.program),
  };
}

/** `T | null | undefined` without its empty members; a type that has none is returned as it is. */
function nonNullable(type: TS.Type, checker: TS.TypeChecker): TS.Type {
  return type.isUnion() ? checker.getNonNullableType(type) : type;
}

/**
 * The type of `this` in a member of a named class, read from the class's symbol. Asking the
 * checker for the type of the `this` expression narrows it through the function's flow graph:
 * that costs time proportional to the code before the store (quadratic over a long method), and
 * past TypeScript's flow-depth limit (about 2,000 flow nodes) the answer is the error type, which
 * made every store of a long method unresolvable. Undefined when `this` is not a class's own
 * (a `function`, an object literal method, an explicit `this` parameter, an unnamed class).
 */
function classThisTypeOf(thisKeyword: TS.Node, checker: TS.TypeChecker): TS.Type | undefined {
  let container: TS.Node = thisKeyword.parent;
  while (!ts.isSourceFile(container)) {
    if (ts.isArrowFunction(container) || !(ts.isFunctionLike(container) || ts.isClassStaticBlockDeclaration(container) || ts.isPropertyDeclaration(container))) {
      container = container.parent;
      continue;
    }
    if (!ts.isClassLike(container.parent) || container.parent.name === undefined) return undefined;
    if (ts.isFunctionLike(container) && container.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === 'this')) {
      return undefined;
    }
    const classSymbol = checker.getSymbolAtLocation(container.parent.name);
    if (!classSymbol) return undefined;
    const isStatic =
      ts.isClassStaticBlockDeclaration(container) ||
      (ts.canHaveModifiers(container) && (ts.getModifiers(container) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword));
    return isStatic ? checker.getTypeOfSymbol(classSymbol) : checker.getDeclaredTypeOfSymbol(classSymbol);
  }
  return undefined;
}

/**
 * The declared (not flow-narrowed) type of a receiver made of `this`, identifiers and property
 * names, or undefined for anything else.
 */
function declaredTypeOf(expression: TS.Expression, checker: TS.TypeChecker, depth = 0): TS.Type | undefined {
  if (depth > 4) return undefined;
  if (expression.kind === ts.SyntaxKind.ThisKeyword) {
    return classThisTypeOf(expression, checker) ?? checker.getTypeAtLocation(expression);
  }
  if (ts.isParenthesizedExpression(expression)) return declaredTypeOf(expression.expression, checker, depth + 1);
  if (ts.isNonNullExpression(expression)) {
    const declared = declaredTypeOf(expression.expression, checker, depth + 1);
    return declared && checker.getNonNullableType(declared);
  }
  if (ts.isIdentifier(expression)) {
    let symbol = checker.getSymbolAtLocation(expression);
    if (symbol && (symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
    return symbol && checker.getTypeOfSymbol(symbol);
  }
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.name)) {
    const receiver = declaredTypeOf(expression.expression, checker, depth + 1);
    // `a?.b.f`, `a.b!.f`: the member of the value that is there when the store runs.
    const member = receiver && checker.getPropertyOfType(nonNullable(receiver, checker), expression.name.text);
    return member && checker.getTypeOfSymbol(member);
  }
  return undefined;
}

function mayBeUnset(declaration: TS.Declaration, program: TS.Program): boolean {
  if (!ts.isPropertyDeclaration(declaration) && !ts.isPropertySignature(declaration)) return false;
  if (declaration.questionToken) return true;
  if (!ts.isPropertyDeclaration(declaration)) return false;
  if (declaration.exclamationToken) return true;
  return declaration.initializer === undefined && !checksPropertyInitialization(program);
}

const propertyInitializationChecked = new WeakMap<TS.Program, boolean>();

/** Whether the program checks that properties are initialized: asked once per program. */
function checksPropertyInitialization(program: TS.Program): boolean {
  let checked = propertyInitializationChecked.get(program);
  if (checked === undefined) {
    checked = isStrictCompilerOptionEnabled(program.getCompilerOptions(), 'strictPropertyInitialization');
    propertyInitializationChecked.set(program, checked);
  }
  return checked;
}

/**
 * Whether `this.<name>` holds nothing yet when the assigning class's constructor body starts: an
 * instance property without initializer (or initialized to null/undefined), and, when declared in
 * a base class, not stored by the base class's own constructor.
 */
export function startsUnassigned(field: FieldDeclaration, assigningClass: TS.ClassLikeDeclaration | undefined): boolean {
  const declaration = field.declaration;
  if (!declaration || !ts.isPropertyDeclaration(declaration)) return false;
  // `f: T | null = null` holds nothing when the constructor body starts, like no initializer.
  if (declaration.initializer && !isEmptyInitializer(declaration.initializer)) return false;
  if (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Static) return false;
  const declaringClass = field.declaringClass;
  if (!declaringClass) return false;
  if (declaringClass === assigningClass) return true;
  const name = declaration.name.getText();
  const constructor = declaringClass.members.find(ts.isConstructorDeclaration);
  return constructor?.body === undefined || !storesThisField(constructor.body, name);
}

function isEmptyInitializer(initializer: TS.Expression): boolean {
  return (
    initializer.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(initializer) && initializer.text === 'undefined') ||
    ts.isVoidExpression(initializer)
  );
}

function storesThisField(body: TS.Node, name: string): boolean {
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
      node.left.name.getText() === name
    ) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/** Spreading a value of these types brings no named key. */
const keylessSpread =
  ts.TypeFlags.Null |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Void |
  ts.TypeFlags.Never |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.ESSymbolLike;

/** The type says nothing about which keys its values hold. */
const unknownKeys = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive | ts.TypeFlags.Instantiable;

/**
 * Whether spreading a value of `type` into an object literal (`{ ...value }`) may bring the key
 * `name`: some member of the type declares it (an optional one may hold a value too), or the type
 * cannot tell (`any`, a type parameter, an index signature, `object`, a declared `{}`). This trusts
 * the declared type, as the code spreading it does: a value may carry keys its type does not name.
 */
export function typeMayBringProperty(type: TS.Type, name: string, checker: TS.TypeChecker): boolean {
  return unionConstituents(type).some((part) => {
    if ((part.flags & keylessSpread) !== 0) return false;
    if ((part.flags & unknownKeys) !== 0) return true;
    if (part.isIntersection() && part.types.some((member) => (member.flags & unknownKeys) !== 0)) return true;
    if (checker.getPropertyOfType(part, name) !== undefined) return true;
    if (checker.getIndexInfosOfType(part).length > 0) return true;
    // `{}` written as a type admits any object; the type of a `{}` literal is exactly empty.
    return (
      checker.getPropertiesOfType(part).length === 0 &&
      !(isObjectType(part) && isObjectFlagSet(part, ts.ObjectFlags.ObjectLiteral))
    );
  });
}
