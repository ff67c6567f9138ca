/**
 * The value of `compute` for `owner` and `key`, computed once while `owner` lives (a node, a class,
 * a source file or a program, with a name or a set of options as the key).
 */
export function cachedPerKey<Owner extends object, Key, Value>(
  cache: WeakMap<Owner, Map<Key, Value>>,
  owner: Owner,
  key: Key,
  compute: () => Value,
): Value {
  let byKey = cache.get(owner);
  if (!byKey) {
    byKey = new Map();
    cache.set(owner, byKey);
  }
  if (byKey.has(key)) return byKey.get(key) as Value;
  const value = compute();
  byKey.set(key, value);
  return value;
}
