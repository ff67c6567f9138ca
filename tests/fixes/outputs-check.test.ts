import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { fixCases, repairedOutputs } from './fix-cases.js';
import { fixtureFile, fixturesDir } from './lint-harness.js';
import { typeErrorsOf } from './type-check.js';

// The fixed code must parse and type-check under `strict` with no error the original did not
// have, and typescript-eslint's strictTypeChecked must find nothing new in it (the native
// SecureContext close is typed `any`; `?.` only where the value may be empty).

/** What `after` reports that `before` did not (as a multiset of messages). */
function newMessages(before: readonly string[], after: readonly string[]): string[] {
  const remaining = [...before];
  return after.filter((message) => {
    const index = remaining.indexOf(message);
    if (index === -1) return true;
    remaining.splice(index, 1);
    return false;
  });
}

const pairs = fixCases.flatMap((testCase, caseIndex) =>
  repairedOutputs(testCase).map((output, outputIndex) => ({
    name: `${testCase.name ?? ''} (output ${String(outputIndex + 1)})`,
    input: testCase.code,
    output,
    inputFile: path.join(fixturesDir, `case-${String(caseIndex)}.ts`),
    outputFile: path.join(fixturesDir, `case-${String(caseIndex)}-fixed-${String(outputIndex)}.ts`),
  })),
);

describe('every fixed or suggested output', () => {
  it('covers at least 60 fix and suggestion outputs', () => {
    const repairedCases = fixCases.filter((testCase) => repairedOutputs(testCase).length > 0);
    expect(repairedCases.length).toBeGreaterThanOrEqual(60);
    expect(pairs.length).toBeGreaterThanOrEqual(repairedCases.length);
  });

  it('type-checks under strict with no new errors', () => {
    const programs = new Map<string, string>();
    for (const pair of pairs) {
      programs.set(pair.inputFile, `${pair.input}\nexport {};\n`);
      programs.set(pair.outputFile, `${pair.output}\nexport {};\n`);
    }
    const errors = typeErrorsOf(programs);
    const introduced = pairs.flatMap((pair) =>
      newMessages(errors.get(pair.inputFile) ?? [], errors.get(pair.outputFile) ?? []).map(
        (message) => `${pair.name}: ${message}`,
      ),
    );
    expect(introduced).toEqual([]);
  });

  it("adds nothing that typescript-eslint's strictTypeChecked reports", () => {
    const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
    const config: Linter.Config[] = [
      ...(tseslint.configs.strictTypeChecked as Linter.Config[]),
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: fixturesDir } },
      },
    ];
    const reported = (code: string): string[] =>
      linter.verify(code, config, { filename: fixtureFile }).map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`);
    const introduced = pairs.flatMap((pair) =>
      newMessages(reported(pair.input), reported(pair.output)).map((message) => `${pair.name}: ${message}`),
    );
    expect(introduced).toEqual([]);
  }, 300_000);
});
