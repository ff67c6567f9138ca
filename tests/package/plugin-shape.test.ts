import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { docsUrl } from '../../src/rules/create-rule.js';
import { repositoryRoot } from './user-project.js';

const packageJson = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

interface RuleMeta {
  docs?: { description?: string; url?: string; recommended?: boolean; requiresTypeChecking?: boolean };
  schema?: unknown;
  defaultOptions?: unknown[];
}

const ruleEntries = Object.entries(plugin.rules).map(([name, rule]) => ({ name, meta: (rule.meta ?? {}) as RuleMeta }));

describe('plugin object', () => {
  it('has meta, rules and named configs', () => {
    expect(plugin.meta.namespace).toBe('resource-leak');
    expect(Object.keys(plugin.rules)).toEqual(['no-unreleased-overwrite']);
    expect(plugin.configs.recommended.name).toBe('resource-leak/recommended');
    expect(plugin.configs.strict.name).toBe('resource-leak/strict');
    expect(plugin.configs.recommended.plugins?.['resource-leak']).toBe(plugin);
  });

  it('carries the package name and version in meta (ESLint\'s --cache needs them)', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'resource-leak' });
  });

  it('limits the configs to TypeScript files and turns every recommended rule on as an error', () => {
    expect(plugin.configs.recommended.files).toEqual(['**/*.{ts,tsx,mts,cts}']);
    expect(plugin.configs.strict.files).toEqual(['**/*.{ts,tsx,mts,cts}']);
    const recommended = ruleEntries.filter(({ meta }) => meta.docs?.recommended === true).map(({ name }) => name);
    expect(Object.keys(plugin.configs.recommended.rules ?? {})).toEqual(recommended.map((name) => `resource-leak/${name}`));
    for (const name of recommended) expect(plugin.configs.recommended.rules?.[`resource-leak/${name}`]).toBe('error');
    expect(plugin.configs.strict.rules?.['resource-leak/no-unreleased-overwrite']).toEqual([
      'error',
      { order: 'release-after-assign' },
    ]);
  });
});

describe.each(ruleEntries)('rule $name', ({ name, meta }) => {
  it('has a doc page whose header carries the description, and meta.docs.url points at it', () => {
    const doc = join(repositoryRoot, 'docs', 'rules', `${name}.md`);
    expect(existsSync(doc), `docs/rules/${name}.md`).toBe(true);
    expect(meta.docs?.url).toBe(docsUrl(name));
    expect(readFileSync(doc, 'utf8')).toContain(meta.docs?.description ?? 'no description in meta.docs');
  });

  it('has a RuleTester test file', () => {
    const test = join(repositoryRoot, 'tests', 'rules', `${name}.test.ts`);
    expect(existsSync(test), `tests/rules/${name}.test.ts`).toBe(true);
    expect(readFileSync(test, 'utf8')).toMatch(/\.run\(\s*['"]/);
  });

  it('has one strict options schema with defaults in meta.defaultOptions', () => {
    expect(meta.schema).toEqual([expect.objectContaining({ type: 'object', additionalProperties: false })]);
    expect(meta.defaultOptions).toHaveLength(1);
  });
});
