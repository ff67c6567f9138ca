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

/**
 * Every name that a `const` declared in `scope` could clash with or hide: names declared in the
 * scope, in the scopes around it and in the scopes inside it, and names its code reads from outside
 * (globals included). Asking ESLint's scope analysis rather than scanning the text.
 */
export function takenNames(scope: TSESLint.Scope.Scope): Set<string> {
  const taken = new Set<string>();
  for (let outer: TSESLint.Scope.Scope | null = scope; outer; outer = outer.upper) {
    for (const name of outer.set.keys()) taken.add(name);
  }
  for (const reference of scope.through) taken.add(reference.identifier.name);
  const inner = [...scope.childScopes];
  for (let next = inner.pop(); next; next = inner.pop()) {
    for (const name of next.set.keys()) taken.add(name);
    inner.push(...next.childScopes);
  }
  return taken;
}

/** `base`, else `base2`, `base3`, …: the first that is not taken; records it as taken. */
export function claimFreeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}${String(suffix)}`;
  taken.add(name);
  return name;
}
