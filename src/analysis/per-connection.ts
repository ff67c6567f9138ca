import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { cachedPerKey } from './per-key-cache.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What the class does with each read of the field. */
interface FieldReads {
  /** Reads that happen afresh for each handshake. */
  perConnection: number;
  /** Reads that hand the value to something that may keep it (a server's options, another field). */
  handedOut: number;
}

const cache = new WeakMap<ClassNode, Map<string, boolean>>();

/**
 * Whether a class reads `field` afresh for every TLS handshake (inside an SNICallback, or passed
 * to each new TLSSocket or `connect()`), and hands it nowhere else, so that closing the old native
 * context right after the swap cannot pull it from under a server that still hands it out. A read
 * that passes the value on outside those places (`createServer({ secureContext: this.ctx })`,
 * `server.addContext(name, this.ctx)`, `return this.ctx`) may make it some server's default
 * context, which Node aborts on once closed.
 */
export function isPerConnectionSource(classNode: ClassNode | undefined, fieldName: string): boolean {
  if (!classNode) return false;
  return cachedPerKey(cache, classNode, fieldName, () => {
    const reads = fieldReads(classNode, fieldName);
    return reads.perConnection > 0 && reads.handedOut === 0;
  });
}

function fieldReads(classNode: ClassNode, fieldName: string): FieldReads {
  const isPrivate = fieldName.startsWith('#');
  const name = fieldName.replace(/^#/u, '');
  const className = classNode.id?.name;
  const reads: FieldReads = { perConnection: 0, handedOut: 0 };
  const handshakeMethods = methodsCalledPerHandshake(classNode);

  const readsField = (node: TSESTree.Node): node is TSESTree.MemberExpression => {
    if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
    const object = node.object;
    const onClass =
      object.type === AST_NODE_TYPES.ThisExpression ||
      (object.type === AST_NODE_TYPES.Identifier && object.name === className);
    if (!onClass) return false;
    const property = node.property;
    if (isPrivate) return property.type === AST_NODE_TYPES.PrivateIdentifier && property.name === name;
    if (!node.computed) return property.type === AST_NODE_TYPES.Identifier && property.name === name;
    return property.type === AST_NODE_TYPES.Literal && property.value === name;
  };

  const visit = (node: TSESTree.Node, perHandshake: boolean): void => {
    if (readsField(node)) {
      if (perHandshake || insideTlsSocketArguments(node, classNode)) reads.perConnection += 1;
      else if (handsOut(node)) reads.handedOut += 1;
      return;
    }
    for (const child of childrenOf(node)) {
      visit(child, perHandshake || runsPerHandshake(child, handshakeMethods));
    }
  };
  visit(classNode.body, false);
  return reads;
}

/** The nodes directly below `node`. */
function childrenOf(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string') {
        children.push(item as TSESTree.Node);
      }
    }
  }
  return children;
}

const isFunction = (node: TSESTree.Node): boolean =>
  node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
  node.type === AST_NODE_TYPES.FunctionExpression ||
  node.type === AST_NODE_TYPES.FunctionDeclaration;

const keyName = (key: TSESTree.Node): string | undefined => {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return undefined;
};

/** A function that Node calls for each handshake: an `SNICallback` (property, member or method). */
function isSniCallbackSlot(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === node) return keyName(parent.key) === 'SNICallback';
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) &&
    parent.value === node
  ) {
    return keyName(parent.key) === 'SNICallback';
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
    return (
      parent.left.type === AST_NODE_TYPES.MemberExpression &&
      !parent.left.computed &&
      keyName(parent.left.property) === 'SNICallback'
    );
  }
  return false;
}

/** Whether `node` starts code that runs once per handshake: an SNICallback, or a method one calls. */
function runsPerHandshake(node: TSESTree.Node, handshakeMethods: ReadonlySet<string>): boolean {
  if (isSniCallbackSlot(node)) return true;
  if (!isFunction(node)) return false;
  const parent = node.parent;
  return (
    parent?.type === AST_NODE_TYPES.MethodDefinition &&
    parent.value === node &&
    handshakeMethods.has(keyName(parent.key) ?? '')
  );
}

/**
 * Methods of the class that an SNICallback reaches through `this.name` (`SNICallback: (n, cb) =>
 * this.pick(n, cb)`, `SNICallback: this.pick.bind(this)`): one level deep.
 */
function methodsCalledPerHandshake(classNode: ClassNode): Set<string> {
  const names = new Set<string>();
  const collect = (node: TSESTree.Node, inSni: boolean): void => {
    const nowInSni = inSni || isSniCallbackSlot(node);
    if (
      nowInSni &&
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.object.type === AST_NODE_TYPES.ThisExpression &&
      !node.computed &&
      node.property.type === AST_NODE_TYPES.Identifier
    ) {
      names.add(node.property.name);
    }
    for (const child of childrenOf(node)) collect(child, nowInSni);
  };
  collect(classNode.body, false);
  return names;
}

/** Inside the arguments of `new TLSSocket(...)` or a `connect(...)` call: a context per connection. */
function insideTlsSocketArguments(read: TSESTree.Node, classNode: ClassNode): boolean {
  for (let node: TSESTree.Node = read; node.parent && node !== classNode; node = node.parent) {
    const parent = node.parent;
    if (isFunction(parent)) return false;
    if (parent.type === AST_NODE_TYPES.NewExpression && parent.callee !== node) {
      if (calleeName(parent.callee) === 'TLSSocket') return true;
    }
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== node) {
      if (calleeName(parent.callee) === 'connect') return true;
    }
  }
  return false;
}

function calleeName(callee: TSESTree.Node): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) return keyName(callee.property);
  return undefined;
}

/**
 * Whether a read passes the value somewhere that may keep it: a call or constructor argument, an
 * object or array literal, another variable's or field's value, a return. Reading a member of
 * it, comparing it, testing it or saving it to a local (the fix's own `const old = this.f`) does not.
 */
function handsOut(read: TSESTree.MemberExpression): boolean {
  const parent = read.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object !== read;
    case AST_NODE_TYPES.LogicalExpression:
      // `this.ctx && …` tests it; `this.ctx ?? other` passes it on.
      return !(parent.operator === '&&' && parent.left === read);
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== read;
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.ExpressionStatement:
      return false;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === read;
    default:
      return true;
  }
}
