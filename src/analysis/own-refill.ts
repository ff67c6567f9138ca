import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isEmptyValue, skipTypeWrappers, staticMemberName } from './field-target.js';
import { childNodesOf, enclosingFunction, isFunctionNode } from './syntax-walk.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** By class: for each member (a method, or a property holding a function), what its body does. */
interface MemberEffects {
  /** The fields of `this` the member stores a value (not an empty one) into. */
  fills: Set<string>;
  /** The members it calls as `this.m(…)`. */
  calls: Set<string>;
}

const effectsByClass = new WeakMap<ClassNode, Map<string, MemberEffects>>();

/**
 * Whether an emptying store (`this.f = undefined`) comes after a call, earlier in the same
 * function, of an own member that may store a new value into `this.f` (directly or through the
 * members it calls): `this.processTimeline(); this.timer = undefined;`, where processTimeline()
 * re-arms the timer. The store then drops what the call just stored, which is worth reporting,
 * but releasing that value would undo the call's work (a cancelled timer that was meant to fire):
 * the right repair is to empty the field before the call, which no fix can know. Syntax only;
 * asked of findings.
 */
export function emptiesAfterOwnRefill(store: TSESTree.AssignmentExpression, fieldName: string, classNode: ClassNode): boolean {
  if (!isEmptyValue(store.right)) return false;
  const fn = enclosingFunction(store);
  if (!fn) return false;
  const refilling = membersThatMayFill(classNode, fieldName);
  if (refilling.size === 0) return false;
  const pending: TSESTree.Node[] = [fn.body];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node || node.range[0] >= store.range[0]) continue;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const called = ownCallee(node);
      if (called !== undefined && refilling.has(called)) return true;
    }
    if (isFunctionNode(node)) continue;
    childNodesOf(node, pending);
  }
  return false;
}

/** The members of the class that may store a value into `this.<fieldName>`, directly or through own calls. */
function membersThatMayFill(classNode: ClassNode, fieldName: string): Set<string> {
  const effects = memberEffectsOf(classNode);
  const filling = new Set<string>();
  for (const [name, effect] of effects) if (effect.fills.has(fieldName)) filling.add(name);
  // A fixed point over the call graph: each round adds the callers of what is known to fill.
  for (let grew = filling.size > 0; grew; ) {
    grew = false;
    for (const [name, effect] of effects) {
      if (filling.has(name)) continue;
      for (const called of effect.calls) {
        if (filling.has(called)) {
          filling.add(name);
          grew = true;
          break;
        }
      }
    }
  }
  return filling;
}

function memberEffectsOf(classNode: ClassNode): Map<string, MemberEffects> {
  const known = effectsByClass.get(classNode);
  if (known) return known;
  const effects = new Map<string, MemberEffects>();
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (member.computed || member.static) continue;
    const name =
      member.key.type === AST_NODE_TYPES.PrivateIdentifier
        ? `#${member.key.name}`
        : member.key.type === AST_NODE_TYPES.Identifier
          ? member.key.name
          : undefined;
    const body = member.value && skipTypeWrappers(member.value);
    if (name === undefined || !body || !isFunctionNode(body)) continue;
    effects.set(name, effectsOfBody(body));
  }
  effectsByClass.set(classNode, effects);
  return effects;
}

/** Stores and own calls anywhere in the body, arrows included (they may run before the caller goes on). */
function effectsOfBody(body: TSESTree.Node): MemberEffects {
  const effect: MemberEffects = { fills: new Set(), calls: new Set() };
  const pending: TSESTree.Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!node) break;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && !isEmptyValue(node.right)) {
      const left = skipTypeWrappers(node.left);
      if (left.type === AST_NODE_TYPES.MemberExpression && skipTypeWrappers(left.object).type === AST_NODE_TYPES.ThisExpression) {
        const name = staticMemberName(left);
        if (name !== undefined) effect.fills.add(name);
      }
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const called = ownCallee(node);
      if (called !== undefined) effect.calls.add(called);
    }
    // A `function` or class inside has a `this` of its own.
    if (node !== body && (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration)) continue;
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) continue;
    childNodesOf(node, pending);
  }
  return effect;
}

/** `m` for a call `this.m(…)` (or `this.#m(…)`), else undefined. */
function ownCallee(call: TSESTree.CallExpression): string | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (skipTypeWrappers(callee.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  return staticMemberName(callee);
}
