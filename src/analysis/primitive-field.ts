import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isPrimitiveValue, skipTypeWrappers } from './field-target.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * By class body, the names of the fields it declares with a primitive type (`pos: number`,
 * `state: 'open' | 'closed'`, `done = false`); static fields under `static ` + name. Built once
 * per class, on the first store into one of its fields.
 */
const primitiveFieldsByClass = new WeakMap<TSESTree.ClassBody, ReadonlySet<string>>();

/**
 * Whether `this.<name> = v` stores into a field that the class around it declares, in its own
 * body, with a type that holds only primitives. Such a field never holds a release-able value,
 * so the store needs neither the paths nor the type checker, which is the costly part of the
 * rule on code that keeps counters and flags in fields (a demuxer's `pos`, `length`, `done`).
 * Syntax only: a field declared in a base class, or with a named type, is left to the checker.
 */
export function storesIntoPrimitiveField(left: TSESTree.MemberExpression): boolean {
  if (skipTypeWrappers(left.object).type !== AST_NODE_TYPES.ThisExpression) return false;
  const owner = thisOwnerOf(left);
  if (!owner) return false;
  const property = left.property;
  const name =
    property.type === AST_NODE_TYPES.PrivateIdentifier
      ? `#${property.name}`
      : !left.computed && property.type === AST_NODE_TYPES.Identifier
        ? property.name
        : undefined;
  if (name === undefined) return false;
  return primitiveFieldsOf(owner.classNode.body).has(owner.isStatic ? `static ${name}` : name);
}

/**
 * The class whose instance (or constructor, in a static member) `this` is at `node`: the
 * nearest enclosing method, field initializer or static block, looking out through arrow
 * functions. Undefined inside a `function`, whose `this` is its own.
 */
function thisOwnerOf(node: TSESTree.Node): { classNode: ClassNode; isStatic: boolean } | undefined {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.FunctionExpression: {
        const method = current.parent;
        return method.type === AST_NODE_TYPES.MethodDefinition && method.value === current
          ? { classNode: method.parent.parent, isStatic: method.static }
          : undefined;
      }
      case AST_NODE_TYPES.FunctionDeclaration:
        return undefined;
      case AST_NODE_TYPES.PropertyDefinition:
        return current.value === child ? { classNode: current.parent.parent, isStatic: current.static } : undefined;
      case AST_NODE_TYPES.StaticBlock:
        return { classNode: current.parent.parent, isStatic: true };
      case AST_NODE_TYPES.ClassBody:
        // A computed key or a decorator: `this` is the one outside the class.
        return undefined;
      default:
        break;
    }
  }
  return undefined;
}

function primitiveFieldsOf(body: TSESTree.ClassBody): ReadonlySet<string> {
  let names = primitiveFieldsByClass.get(body);
  if (names) return names;
  const found = new Set<string>();
  for (const member of body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed) {
      const key = member.key;
      const name = key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${key.name}` : key.type === AST_NODE_TYPES.Identifier ? key.name : undefined;
      if (name !== undefined && isPrimitiveDeclaration(member.typeAnnotation, member.value)) {
        found.add(member.static ? `static ${name}` : name);
      }
    } else if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const parameter of member.value.params) {
        if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) continue;
        const binding = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
        const value = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.right : null;
        if (isPrimitiveDeclaration(binding.typeAnnotation, value)) found.add(binding.name);
      }
    }
  }
  names = found;
  primitiveFieldsByClass.set(body, names);
  return names;
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
