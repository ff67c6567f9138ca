import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { skipTypeWrappers, staticMemberName, thisMemberName } from './field-target.js';
import { childNodesOf, enclosingFunction, isFunctionNode } from './syntax-walk.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** The calls that add an event listener, Node's and the DOM's. */
const listenerAdders = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);

/**
 * Events that releasing an object may emit (a socket's `close`, a stream's `end`/`finish`, a child
 * process's `exit`, a `destroy(err)`'s `error`, …). A listener for another event (`ready`,
 * `data`) does not run because the old value was released; an event named by an expression may.
 */
const releaseEvents = new Set([
  'abort', 'aborted', 'close', 'closed', 'destroy', 'destroyed', 'disconnect', 'disconnected', 'dispose',
  'disposed', 'end', 'error', 'exit', 'finish', 'release', 'released', 'shutdown', 'terminate', 'terminated',
]);

const byClass = new WeakMap<ClassNode, ReadonlySet<string>>();

/**
 * Whether the class registers, on a value it stores into the field `name`, a listener for an event
 * that releasing may emit (`close`, `end`, `exit`, …), which stores into that same field: `this.conn = new Conn(); this.conn.on('close', () => { this.conn =
 * undefined; })` (also through a local stored into the field, or chained onto the stored call).
 * Releasing the old value then runs the old value's listener, which empties (or refills) the
 * field that by then holds the new value: a release after the store would make the class drop its
 * new, live value (grpc-js's transport, a client socket's 'close' handler). Syntax only, one walk
 * of the class when first asked; asked only of findings.
 */
export function listenerOnValueStoresInto(classNode: ClassNode, name: string): boolean {
  let names = byClass.get(classNode);
  if (!names) {
    names = fieldsStoredByListenersOnTheirValues(classNode);
    byClass.set(classNode, names);
  }
  return names.has(name);
}

function fieldsStoredByListenersOnTheirValues(classNode: ClassNode): Set<string> {
  const found = new Set<string>();
  const pending: TSESTree.Node[] = [classNode.body];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    const registration = node.type === AST_NODE_TYPES.CallExpression ? listenerOf(node) : undefined;
    if (registration) {
      for (const field of fieldsHoldingReceiver(registration.call, registration.receiver)) {
        if (storesIntoThisField(registration.handler, field)) found.add(field);
      }
    }
    childNodesOf(node, pending);
  }
  return found;
}

interface ListenerRegistration {
  call: TSESTree.CallExpression;
  /** The object the listener is added to. */
  receiver: TSESTree.Node;
  /** The listener: an arrow, whose `this` is the class's. */
  handler: TSESTree.ArrowFunctionExpression;
}

/** `x.on(event, () => …)` and the like, with an arrow as the listener, for an event a release may emit. */
function listenerOf(call: TSESTree.CallExpression): ListenerRegistration | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = staticMemberName(callee);
  if (method === undefined || !listenerAdders.has(method)) return undefined;
  const [event, handler] = call.arguments;
  if (handler?.type !== AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  if (event?.type === AST_NODE_TYPES.Literal && (typeof event.value !== 'string' || !releaseEvents.has(event.value))) return undefined;
  return { call, receiver: skipTypeWrappers(callee.object), handler };
}

/**
 * The fields of `this` that may hold the object a listener call registers on: `this.f.on(…)`;
 * `x.on(…)` where the same function stores `x` into `this.f`; `this.f = make().on(…)` (the adders
 * return their receiver).
 */
function fieldsHoldingReceiver(call: TSESTree.CallExpression, receiver: TSESTree.Node): string[] {
  const fields: string[] = [];
  const direct = thisMemberName(receiver);
  if (direct !== undefined) fields.push(direct);
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const fn = enclosingFunction(call);
    if (fn) fields.push(...fieldsStoredFrom(fn.body, receiver.name));
  }
  // `this.f = make().on('close', …)`, also `this.f = make().on(…).on(…)`.
  let outer: TSESTree.Node = call;
  while (
    outer.parent.type === AST_NODE_TYPES.MemberExpression &&
    outer.parent.object === outer &&
    outer.parent.parent.type === AST_NODE_TYPES.CallExpression
  ) {
    outer = outer.parent.parent;
  }
  const store = outer.parent;
  if (store.type === AST_NODE_TYPES.AssignmentExpression && store.right === outer) {
    const stored = thisMemberName(store.left);
    if (stored !== undefined) fields.push(stored);
  }
  return fields;
}

/** The fields of `this` that code in `body` (outside nested functions) stores the local `local` into. */
function fieldsStoredFrom(body: TSESTree.Node, local: string): string[] {
  const fields: string[] = [];
  const pending: TSESTree.Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') {
      const right = skipTypeWrappers(node.right);
      const field = thisMemberName(node.left);
      if (field !== undefined && right.type === AST_NODE_TYPES.Identifier && right.name === local) fields.push(field);
    }
    if (node !== body && (isFunctionNode(node) || isClass(node))) continue;
    childNodesOf(node, pending);
  }
  return fields;
}

/** Whether the arrow (or an arrow in it) stores anything into `this.<field>`. */
function storesIntoThisField(handler: TSESTree.ArrowFunctionExpression, field: string): boolean {
  const pending: TSESTree.Node[] = [handler.body];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && thisMemberName(node.left) === field) return true;
    // A `function` or class has its own `this`.
    if ((isFunctionNode(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression) || isClass(node)) continue;
    childNodesOf(node, pending);
  }
  return false;
}

function isClass(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression;
}
