import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { skipTypeWrappers, staticMemberName } from './field-target.js';
import { thisOwnerOf } from './own-field.js';
import { childNodesOf, declaredKeyName, isFunctionNode } from './syntax-walk.js';

/** By method: the field whose value it hands out, or null; found once per method. */
const keptFieldByMethod = new WeakMap<TSESTree.FunctionExpression, string | null>();

/**
 * `this.getClient(…)` where the method hands out what the class keeps in one of its own fields (a
 * memoizing getter: `let c = this.client; if (c == null) { c = new Client(); this.client = c; }
 * return c;`). The value stays owned by that field; storing it in another place borrows it, so
 * the call is not a fresh value. Syntax only, in the class around the call.
 */
export function isValueKeptInOwnField(call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || skipTypeWrappers(callee.object).type !== AST_NODE_TYPES.ThisExpression) {
    return false;
  }
  const name = staticMemberName(callee);
  const owner = thisOwnerOf(callee);
  if (name === undefined || !owner) return false;
  const method = owner.classNode.body.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.kind === 'method' &&
      member.static === owner.isStatic &&
      declaredKeyName(member) === name,
  );
  return method?.value.type === AST_NODE_TYPES.FunctionExpression && fieldKeptBy(method.value) !== null;
}

function fieldKeptBy(method: TSESTree.FunctionExpression): string | null {
  const known = keptFieldByMethod.get(method);
  if (known !== undefined) return known;
  const returns: TSESTree.ReturnStatement[] = [];
  const stores: { field: string; value: TSESTree.Node; at: number }[] = [];
  const writes = new Map<string, { value: TSESTree.Node | null; at: number }[]>();
  const noteWrite = (name: string, value: TSESTree.Node | null, at: number): void => {
    const list = writes.get(name);
    if (list) list.push({ value, at });
    else writes.set(name, [{ value, at }]);
  };
  const visit = (node: TSESTree.Node): void => {
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
        returns.push(node);
        break;
      case AST_NODE_TYPES.VariableDeclarator:
        if (node.id.type === AST_NODE_TYPES.Identifier) noteWrite(node.id.name, node.init, node.range[0]);
        break;
      case AST_NODE_TYPES.AssignmentExpression: {
        const left = skipTypeWrappers(node.left);
        if (left.type === AST_NODE_TYPES.Identifier) {
          noteWrite(left.name, node.operator === '=' ? node.right : null, node.range[0]);
        } else if (left.type === AST_NODE_TYPES.MemberExpression && skipTypeWrappers(left.object).type === AST_NODE_TYPES.ThisExpression) {
          const field = staticMemberName(left);
          if (field !== undefined && node.operator === '=') stores.push({ field, value: skipTypeWrappers(node.right), at: node.range[0] });
        }
        break;
      }
      case AST_NODE_TYPES.UpdateExpression:
        if (node.argument.type === AST_NODE_TYPES.Identifier) noteWrite(node.argument.name, null, node.range[0]);
        break;
      default:
        break;
    }
    // A nested function's returns are its own, and its `this` may be another object.
    for (const child of childNodesOf(node)) if (!isFunctionNode(child)) visit(child);
  };
  visit(method.body);

  const fieldOfReturn = (statement: TSESTree.ReturnStatement): string | null => {
    const value = statement.argument && skipTypeWrappers(statement.argument);
    if (!value) return null;
    const read = thisFieldRead(value);
    if (read !== undefined) return read;
    if (value.type !== AST_NODE_TYPES.Identifier) return null;
    // A local that holds the field's value: each write reads the field, or comes before a store
    // of the local into the field.
    const local = value.name;
    const localWrites = writes.get(local) ?? [];
    const keptIn = stores.find((store) => store.value.type === AST_NODE_TYPES.Identifier && store.value.name === local)?.field;
    if (keptIn === undefined || localWrites.length === 0) return null;
    const storeAt = Math.max(...stores.filter((store) => store.field === keptIn && isLocal(store.value, local)).map((store) => store.at));
    const allKept = localWrites.every(
      (write) => (write.value !== null && thisFieldRead(skipTypeWrappers(write.value)) === keptIn) || write.at < storeAt,
    );
    return allKept ? keptIn : null;
  };
  const fields = new Set(returns.map(fieldOfReturn));
  const [only] = fields;
  const kept = fields.size === 1 && only !== undefined ? only : null;
  keptFieldByMethod.set(method, kept);
  return kept;
}

/** `this.f` (also `this.f!`): the field's name. */
function thisFieldRead(value: TSESTree.Node): string | undefined {
  if (value.type !== AST_NODE_TYPES.MemberExpression || skipTypeWrappers(value.object).type !== AST_NODE_TYPES.ThisExpression) {
    return undefined;
  }
  return staticMemberName(value);
}

function isLocal(value: TSESTree.Node, name: string): boolean {
  return value.type === AST_NODE_TYPES.Identifier && value.name === name;
}
