import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import path from 'node:path';
import plugin from '../../src/index.js';
import type { RuleOptions } from '../../src/rules/options.js';

/** The typed fixture project every fix test lints through (tsconfig with types: ["node"]). */
export const fixturesDir = path.resolve(import.meta.dirname, '../fixtures');
export const fixtureFile = path.join(fixturesDir, 'file.ts');

function configFor(options: Partial<RuleOptions>): Linter.Config[] {
  return [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tsParser,
        parserOptions: { projectService: true, tsconfigRootDir: fixturesDir },
      },
      plugins: { 'resource-leak': plugin },
      rules: { 'resource-leak/no-unreleased-overwrite': ['error', options] },
    },
  ];
}

export interface Repaired {
  output: string;
  /** How many autofixes and suggestions were applied. */
  fixesApplied: number;
  suggestionsApplied: number;
  /** The rule's reports left in the repaired code. */
  remaining: Linter.LintMessage[];
}

const linter = new Linter({ configType: 'flat', cwd: fixturesDir });

/** The rule's reports (fatal parse errors included) for `code`. */
export function lint(code: string, options: Partial<RuleOptions> = {}): Linter.LintMessage[] {
  return linter.verify(code, configFor(options), { filename: fixtureFile });
}

/**
 * Applies the rule's autofixes through ESLint's Linter (multipass, as `eslint --fix` does), then,
 * one at a time and re-linting in between, the first suggestion of each report that has no fix.
 */
export function repair(code: string, options: Partial<RuleOptions> = {}): Repaired {
  let output = code;
  let fixesApplied = 0;
  let suggestionsApplied = 0;
  for (let round = 0; round < 20; round += 1) {
    const fixed = linter.verifyAndFix(output, configFor(options), { filename: fixtureFile });
    if (fixed.fixed) {
      fixesApplied += countFixes(output, fixed.output);
      output = fixed.output;
    }
    const withSuggestion = fixed.messages.find((message) => message.suggestions?.length);
    const suggestion = withSuggestion?.suggestions?.[0];
    if (!suggestion) {
      return { output, fixesApplied, suggestionsApplied, remaining: fixed.messages };
    }
    output =
      output.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + output.slice(suggestion.fix.range[1]);
    suggestionsApplied += 1;
  }
  throw new Error(`repair did not settle after 20 rounds:\n${output}`);
}

/** Each applied fix declares one `const old…`; counting them counts the fixes. */
function countFixes(before: string, after: string): number {
  const olds = (text: string): number => text.match(/const old\w*/gu)?.length ?? 0;
  return Math.max(1, olds(after) - olds(before));
}
