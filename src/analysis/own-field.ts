import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isEmptyValue, isPrimitiveValue, skipTypeWrappers, staticMemberName } from './field-target.js';
import { declaredKeyName } from './syntax-walk.js';
import { fieldWritesIn } from './timer-chain.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A field declared in a class body: a property definition, or a constructor's parameter property. */
type OwnFieldDeclaration = TSESTree.PropertyDefinition | TSESTree.TSParameterProperty;

/**
 * By class body, its own field declarations by name (static ones under `static ` + name). Built
 * once per class, on the first store into one of its fields.
 */
const ownFieldsByClass = new WeakMap<TSESTree.ClassBody, ReadonlyMap<string, OwnFieldDeclaration>>();

/**
 * Whether `this.<name> = v` stores into a field that the class around it declares, in its own
 * body, with a type that holds only primitives. Such a field never holds a release-able value,
 * so the store needs neither the paths nor the type checker, which is the costly part of the
 * rule on code that keeps counters and flags in fields (a demuxer's `pos`, `length`, `done`).
 * Syntax only: a field declared in a base class, or with a named type, is left to the checker.
 */
export function storesIntoPrimitiveField(left: TSESTree.MemberExpression): boolean {
  const declaration = ownFieldDeclarationOf(left);
  if (!declaration) return false;
  if (declaration.type === AST_NODE_TYPES.PropertyDefinition) {
    return isPrimitiveDeclaration(declaration.typeAnnotation, declaration.value);
  }
  const { binding, value } = parameterPropertyParts(declaration);
  return isPrimitiveDeclaration(binding.typeAnnotation, value);
}

/**
 * Whether `this.<name>` holds nothing when the constructor of the class around the store starts,
 * answered from the class's own body: a property declared without an initializer or with
 * `= null`/`= undefined`/`= void 0` does; one with another initializer, or a parameter property,
 * does not. Undefined when the class does not declare the field itself (a base class may), so
 * the checker must answer. A constructor's first stores are most of a class's stores: this
 * spares the checker a question for each.
 */
export function ownFieldStartsEmpty(left: TSESTree.MemberExpression): boolean | undefined {
  const declaration = ownFieldDeclarationOf(left);
  if (!declaration) return undefined;
  if (declaration.type === AST_NODE_TYPES.TSParameterProperty || declaration.static) return false;
  return declaration.value === null || isEmptyValue(declaration.value);
}

/**
 * Whether `this.g.<key>` may hold nothing although its type says it is always there: the class
 * gives `g` an object literal (under any cast) that leaves `key` out or sets it empty, e.g.
 * `document: undefined` under `@ts-expect-error`, or `{ name: '' } as Config`; as `g`'s
 * initializer (static or not) or in a store of its own (`this.g = { … } as Config` in the
 * constructor or a reset method); also through nested literals (`this.state.config.doc`,
 * `state = { config: {} as Config }`). A fix must then guard the old value's release: the first
 * store after that literal finds nothing to release.
 */
export function ownLiteralKeyMayBeEmpty(left: TSESTree.MemberExpression): boolean {
  // The keys from the field `g` down to the stored one: `this.g.b.c` gives [b, c].
  const keys: string[] = [];
  let member = left;
  for (;;) {
    const key = staticMemberName(member);
    const holder = skipTypeWrappers(member.object);
    if (key === undefined || holder.type !== AST_NODE_TYPES.MemberExpression) return false;
    keys.unshift(key);
    member = holder;
    if (skipTypeWrappers(holder.object).type === AST_NODE_TYPES.ThisExpression) break;
  }
  const field = staticMemberName(member);
  const owner = thisOwnerOf(member);
  if (field === undefined || !owner) return false;
  const declaration = ownFieldDeclarationOf(member);
  const given = valuesGivenTo(owner.classNode, field, owner.isStatic);
  const values = declaration?.type === AST_NODE_TYPES.PropertyDefinition && declaration.value ? [declaration.value, ...given] : given;
  return values.some((value) => literalLeavesEmpty(value, keys));
}

/** Whether `value` is an object literal that leaves the key path out or empty (`{}` for [a], `{ a: {} }` for [a, b]). */
function literalLeavesEmpty(value: TSESTree.Node, keys: readonly string[]): boolean {
  let current = value;
  for (const key of keys) {
    const literal = skipTypeWrappers(current);
    if (literal.type !== AST_NODE_TYPES.ObjectExpression) return false;
    const given = literal.properties.findLast(
      (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && declaredKeyName(property) === key,
    );
    if (given === undefined || isEmptyValue(given.value)) return true;
    current = given.value;
  }
  return false;
}

/**
 * The values the class's own code stores into `this.<field>` (`this.config = { … } as Config`;
 * `isStatic` for a static field, stored through `this` in a static member), read from the file's
 * field writes.
 */
function valuesGivenTo(classNode: ClassNode, field: string, isStatic: boolean): TSESTree.Node[] {
  let root: TSESTree.Node = classNode;
  while (root.parent) root = root.parent;
  const values: TSESTree.Node[] = [];
  for (const { member, store } of fieldWritesIn(root, field)) {
    if (store?.operator !== '=' || skipTypeWrappers(member.object).type !== AST_NODE_TYPES.ThisExpression) continue;
    const owner = thisOwnerOf(member);
    if (owner?.classNode === classNode && owner.isStatic === isStatic) values.push(store.right);
  }
  return values;
}

/** Whether the class declares the instance field `name` in its own body: a property or a constructor's parameter property. */
export function declaresOwnInstanceField(classNode: ClassNode, name: string): boolean {
  return ownFieldsOf(classNode.body).has(name);
}

/** The declaration, in the class around `this`, of the field that `this.<name>` names. */
function ownFieldDeclarationOf(left: TSESTree.MemberExpression): OwnFieldDeclaration | undefined {
  if (skipTypeWrappers(left.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const owner = thisOwnerOf(left);
  if (!owner) return undefined;
  const property = left.property;
  const name =
    property.type === AST_NODE_TYPES.PrivateIdentifier
      ? `#${property.name}`
      : !left.computed && property.type === AST_NODE_TYPES.Identifier
        ? property.name
        : undefined;
  if (name === undefined) return undefined;
  return ownFieldsOf(owner.classNode.body).get(owner.isStatic ? `static ${name}` : name);
}

/**
 * The class member that gives `this` its meaning at `node`: a method, a field initializer or a
 * static block, looking out through arrow functions (which keep the `this` around them, also in a
 * field initializer of a class nested in a method). Undefined inside a `function`, whose `this` is
 * its own, and outside classes. Syntax only.
 */
export function thisMemberOf(
  node: TSESTree.Node,
): TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.StaticBlock | undefined {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (current.type === AST_NODE_TYPES.StaticBlock) return current;
    if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === current) return parent;
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      return parent?.type === AST_NODE_TYPES.MethodDefinition && parent.value === current ? parent : undefined;
    }
  }
  return undefined;
}

/** The class whose instance (or constructor, in a static member) `this` is at `node`. */
export function thisOwnerOf(node: TSESTree.Node): { classNode: ClassNode; isStatic: boolean } | undefined {
  const member = thisMemberOf(node);
  if (!member) return undefined;
  return { classNode: member.parent.parent, isStatic: member.type === AST_NODE_TYPES.StaticBlock || member.static };
}

function ownFieldsOf(body: TSESTree.ClassBody): ReadonlyMap<string, OwnFieldDeclaration> {
  let fields = ownFieldsByClass.get(body);
  if (fields) return fields;
  const found = new Map<string, OwnFieldDeclaration>();
  for (const member of body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed) {
      const name = declaredKeyName(member);
      if (name !== undefined) found.set(member.static ? `static ${name}` : name, member);
    } else if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const parameter of member.value.params) {
        if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        found.set(parameterPropertyParts(parameter).binding.name, parameter);
      }
    }
  }
  fields = found;
  ownFieldsByClass.set(body, fields);
  return fields;
}

function parameterPropertyParts(parameter: TSESTree.TSParameterProperty): {
  binding: TSESTree.Identifier;
  value: TSESTree.Expression | null;
} {
  // A parameter property binds one name, possibly with a default (`private x = 0`).
  const inner = parameter.parameter;
  if (inner.type === AST_NODE_TYPES.AssignmentPattern) return { binding: inner.left, value: inner.right };
  return { binding: inner, value: null };
}

/** `: number`, `: 'a' | 'b' | null`, or no annotation and a primitive initializer (`= 0`, `= ''`). */
function isPrimitiveDeclaration(annotation: TSESTree.TSTypeAnnotation | undefined, value: TSESTree.Expression | null): boolean {
  if (annotation) return isPrimitiveType(annotation.typeAnnotation);
  return value !== null && isPrimitiveValue(value);
}

function isPrimitiveType(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSNumberKeyword:
    case AST_NODE_TYPES.TSStringKeyword:
    case AST_NODE_TYPES.TSBooleanKeyword:
    case AST_NODE_TYPES.TSBigIntKeyword:
    case AST_NODE_TYPES.TSSymbolKeyword:
    case AST_NODE_TYPES.TSNullKeyword:
    case AST_NODE_TYPES.TSUndefinedKeyword:
    case AST_NODE_TYPES.TSVoidKeyword:
    case AST_NODE_TYPES.TSNeverKeyword:
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.TSTemplateLiteralType:
      return true;
    case AST_NODE_TYPES.TSUnionType:
      return type.types.every(isPrimitiveType);
    case AST_NODE_TYPES.TSArrayType:
      return isPrimitiveType(type.elementType);
    case AST_NODE_TYPES.TSTypeOperator:
      return type.operator === 'readonly' && type.typeAnnotation !== undefined && isPrimitiveType(type.typeAnnotation);
    default:
      return false;
  }
}
