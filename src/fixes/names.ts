import type { TSESLint } from '@typescript-eslint/utils';

/**
 * The readable part of a field's name for `old<Field>`/`next<Field>`: `sslContext` gives
 * `SslContext`, `_ctx` and `#ctx` give `Ctx`, `this['tls-context']` gives `TlsContext`.
 */
export function fieldWord(fieldName: string): string {
  const parts = fieldName
    .replace(/^#/u, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => part.length > 0);
  if (parts.length === 0) return 'Value';
  return parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** The names a fix may not take: asked one candidate at a time, plus the ones it has claimed. */
export interface TakenNames {
  has(name: string): boolean;
  add(name: string): unknown;
}

/**
 * The names that a `const` declared in `scope` could clash with or hide: names declared in the
 * scope, in the scopes around it and in the scopes inside it, and names its code reads from outside
 * (globals included). Asking ESLint's scope analysis rather than scanning the text, and only for
 * the candidates a fix tries: collecting every name up front costs O(module size) per fix, which a
 * file with thousands of classes turns quadratic.
 */
export function takenNames(scope: TSESLint.Scope.Scope): TakenNames {
  const claimed = new Set<string>();
  return {
    has: (name) => claimed.has(name) || isNameUsedAround(scope, name),
    add: (name) => claimed.add(name),
  };
}

function isNameUsedAround(scope: TSESLint.Scope.Scope, name: string): boolean {
  for (let outer: TSESLint.Scope.Scope | null = scope; outer; outer = outer.upper) {
    if (outer.set.has(name)) return true;
  }
  return namesWithin(scope).has(name);
}

const namesWithinScope = new WeakMap<TSESLint.Scope.Scope, ReadonlySet<string>>();

/**
 * The names read through `scope` from outside and the names declared in the scopes inside it,
 * gathered once per scope: a long function with many fixes would otherwise walk its references and
 * its block scopes again for every candidate of every fix (quadratic in the function's size).
 */
function namesWithin(scope: TSESLint.Scope.Scope): ReadonlySet<string> {
  const known = namesWithinScope.get(scope);
  if (known) return known;
  const names = new Set<string>();
  for (const reference of scope.through) names.add(reference.identifier.name);
  const inner = [...scope.childScopes];
  for (let next = inner.pop(); next; next = inner.pop()) {
    for (const declared of next.set.keys()) names.add(declared);
    for (const child of next.childScopes) inner.push(child);
  }
  namesWithinScope.set(scope, names);
  return names;
}

/** `base`, else `base2`, `base3`, …: the first that is not taken; records it as taken. */
export function claimFreeName(base: string, taken: TakenNames): string {
  let name = base;
  for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}${String(suffix)}`;
  taken.add(name);
  return name;
}
