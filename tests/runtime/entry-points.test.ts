import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const runtimeDirectory = fileURLToPath(new URL('../../src/runtime/', import.meta.url));

/** Every module specifier imported (statically, dynamically or re-exported) by `file`. */
function specifiersOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) {
    if (match[1] !== undefined) found.push(match[1]);
  }
  return found;
}

/** The modules reachable from `entry` through relative imports, and the bare specifiers they use. */
function closureOf(entry: string): { modules: string[]; external: string[] } {
  const modules = new Set<string>();
  const external = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (modules.has(file)) continue;
    modules.add(file);
    for (const specifier of specifiersOf(file)) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else external.add(specifier);
    }
  }
  return { modules: [...modules].map((file) => file.slice(runtimeDirectory.length)).sort(), external: [...external].sort() };
}

describe('runtime entry points', () => {
  it('./runtime is platform-neutral: no node:*, no eslint, no typescript, no dependency at all', () => {
    const closure = closureOf(join(runtimeDirectory, 'index.ts'));
    expect(closure.modules).toEqual(['index.ts', 'leak-detector.ts', 'owned-slot.ts', 'reference-counted.ts', 'release.ts']);
    expect(closure.external).toEqual([]);
  });

  it('./runtime/tls imports only Node built-ins', () => {
    const closure = closureOf(join(runtimeDirectory, 'tls.ts'));
    expect(closure.external.every((specifier) => specifier.startsWith('node:'))).toBe(true);
    expect(closure.modules).toContain('tls-server-default.ts');
  });

  it('the package exports resolve to the built runtime', async () => {
    const runtime = await import('eslint-plugin-resource-leak/runtime');
    expect(typeof runtime.releaseResource).toBe('function');
    expect(runtime.ReferenceCountUtil.releaseResource).toBe(runtime.releaseResource);
    expect(typeof runtime.ReferenceCountUtil.release).toBe('function');
    const tls = await import('eslint-plugin-resource-leak/runtime/tls');
    expect(typeof tls.ReloadableSecureContext.fromFiles).toBe('function');
  });
});
