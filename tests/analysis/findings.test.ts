// The Finding each report hands to the fixer (src/analysis/finding.ts): the fields the fixer
// relies on beyond the message, read through the stats hook while ESLint runs the rule.
import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/analysis/finding.js';
import { findingObservers } from '../../src/analysis/stats.js';
import rule from '../../src/rules/no-unreleased-overwrite.js';
import type { RuleOptions } from '../../src/rules/options.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const linter = new Linter({ configType: 'flat', cwd: fixtures });
const bufDeclarations = 'declare class Buf { release(): boolean }\ndeclare function alloc(): Buf;\n';

let findings: Finding[] = [];
const observe = (finding: Finding): void => {
  findings.push(finding);
};
beforeEach(() => {
  findings = [];
  findingObservers.add(observe);
});
afterEach(() => {
  findingObservers.delete(observe);
});

function findingsOf(code: string, options: Partial<RuleOptions> = {}): Finding[] {
  linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: fixtures } },
        plugins: { 'resource-leak': { rules: { 'no-unreleased-overwrite': rule as never } } },
        rules: { 'resource-leak/no-unreleased-overwrite': ['error', options] },
      },
    ],
    path.join(fixtures, 'file.ts'),
  );
  return findings;
}

function onlyFinding(code: string, options: Partial<RuleOptions> = {}): Finding {
  const all = findingsOf(bufDeclarations + code, options);
  expect(all).toHaveLength(1);
  const [finding] = all;
  if (!finding) throw new Error('no finding');
  return finding;
}

describe('Finding.mayBeEmpty', () => {
  it('is false for a non-nullable field with an initializer', () => {
    expect(onlyFinding('class H { f = alloc(); m() { this.f = alloc(); } }').mayBeEmpty).toBe(false);
  });

  it('is false for a non-nullable field definitely assigned in the constructor', () => {
    expect(onlyFinding('class H { f: Buf; constructor() { this.f = alloc(); } m() { this.f = alloc(); } }').mayBeEmpty).toBe(false);
  });

  it('is true for a nullable declared type', () => {
    expect(onlyFinding('class H { f: Buf | undefined = alloc(); m() { this.f = alloc(); } }').mayBeEmpty).toBe(true);
  });

  it('is true for an optional field', () => {
    expect(onlyFinding('class H { f?: Buf; m() { this.f = alloc(); } }').mayBeEmpty).toBe(true);
  });

  it('is true for a field with a definite-assignment assertion', () => {
    expect(onlyFinding('class H { f!: Buf; m() { this.f = alloc(); } }').mayBeEmpty).toBe(true);
  });

  it('is true when a path reaches the store with the field still unassigned', () => {
    const finding = onlyFinding('class H { f: Buf; constructor(c: boolean) { if (c) this.f = alloc(); this.f = alloc(); } }');
    expect(finding.mayBeEmpty).toBe(true);
    expect(finding.assignment.loc.start.line).toBe(3);
  });
});

describe('Finding.earlyRelease', () => {
  it('is the release statement in the same statement list', () => {
    const finding = onlyFinding(
      'declare function later(): Promise<Buf>;\nclass H { f = alloc(); async m() {\n this.f.release();\n this.f = await later(); } }',
    );
    expect(finding.kind).toBe('releasedTooEarly');
    expect(finding.earlyRelease?.loc.start.line).toBe(5);
  });

  it('is the ?. release statement under release-after-assign', () => {
    const finding = onlyFinding('class H { f?: Buf; m() {\n this.f?.release();\n this.f = alloc(); } }', {
      order: 'release-after-assign',
    });
    expect(finding.kind).toBe('releaseBeforeAssign');
    expect(finding.earlyRelease?.loc.start.line).toBe(4);
  });

  it('is absent when the release is nested in another statement', () => {
    const finding = onlyFinding('class H { f?: Buf; m() {\n if (this.f) this.f.release();\n this.f = alloc(); } }', {
      order: 'release-after-assign',
    });
    expect(finding.kind).toBe('releaseBeforeAssign');
    expect(finding.earlyRelease).toBeUndefined();
  });

  it('is absent when a method released it', () => {
    const finding = onlyFinding('class H { f = alloc(); d() { this.f.release(); } m() {\n this.d();\n this.f = alloc(); } }', {
      order: 'release-after-assign',
    });
    expect(finding.kind).toBe('releaseBeforeAssign');
    expect(finding.earlyRelease).toBeUndefined();
  });

  it('is absent on a plain overwrite', () => {
    expect(onlyFinding('class H { f = alloc(); m() { this.f = alloc(); } }').earlyRelease).toBeUndefined();
  });
});

describe('Finding names and release', () => {
  it('names a private field without its #', () => {
    const finding = onlyFinding('class H { #f = alloc(); m() { this.#f = alloc(); } }');
    expect(finding).toMatchObject({ target: 'this.#f', fieldName: 'f', typeText: 'Buf', release: { kind: 'method', name: 'release' } });
  });

  it('gives a tls.SecureContext finding its per-connection answer', () => {
    const all = findingsOf(
      "import { createSecureContext } from 'node:tls';\nclass S { ctx = createSecureContext({}); reload() { this.ctx = createSecureContext({}); } }",
    );
    expect(all).toHaveLength(1);
    expect(all[0]?.release).toEqual({ kind: 'secureContext' });
    expect(typeof all[0]?.perConnectionSource).toBe('boolean');
  });

  it('takes the release from a types entry', () => {
    const finding = onlyFinding('class H { f = alloc(); m() { this.f = alloc(); } }', {
      types: [{ type: { from: 'file', name: 'Buf' }, release: { function: 'freeBuf', from: './pool.js' } }],
    });
    expect(finding.release).toEqual({ kind: 'function', name: 'freeBuf', from: './pool.js' });
  });
});

describe('Finding.oldValueHandledOnSomePath', () => {
  it.each([
    ['class H { f = alloc(); m(c: boolean) { if (c) this.f.release(); this.f = alloc(); } }', true],
    ['class H { f = alloc(); m(c: boolean, list: Buf[]) { if (c) list.push(this.f); this.f = alloc(); } }', true],
    ['class H { f = alloc(); d() { this.f.release(); } m(c: boolean) { if (c) this.d(); this.f = alloc(); } }', true],
    [
      'class H { f = alloc(); m(c: boolean) { let old: Buf | undefined; if (c) old = this.f; this.f = alloc(); old?.release(); } }',
      true,
    ],
    ['class H { f = alloc(); m() { this.f = alloc(); } }', false],
    ['class H { f?: Buf; m() { if (!this.f) console.log(1); this.f = alloc(); } }', false],
    ['class H { f = alloc(); m() { const old = this.f; this.f = alloc(); void old; } }', false],
  ])('%s: %s', (code, expected) => {
    expect(onlyFinding(code).oldValueHandledOnSomePath).toBe(expected);
  });

  it('is false on a released-too-early finding', () => {
    const finding = onlyFinding(
      'declare function later(): Promise<Buf>;\nclass H { f = alloc(); async m() { this.f.release(); this.f = await later(); } }',
    );
    expect(finding.kind).toBe('releasedTooEarly');
    expect(finding.oldValueHandledOnSomePath).toBe(false);
  });
});
