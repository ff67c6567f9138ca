import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unreleased-overwrite.js';
import { fixCases, optionsOf, repairedOutputs } from './fix-cases.js';
import { fixtureFile, fixturesDir } from './lint-harness.js';

// Every fix and suggestion through the real rule with real types. Each output is also linted again
// as a valid case: fixed code is not reported a second time.

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fixturesDir } },
});

ruleTester.run('no-unreleased-overwrite: fixes and suggestions', rule, {
  valid: fixCases.flatMap((testCase) =>
    repairedOutputs(testCase).map((code, index) => ({
      name: `repaired, not reported again (${String(index + 1)}): ${testCase.name ?? ''}`,
      code,
      filename: fixtureFile,
      options: optionsOf(testCase),
    })),
  ),
  invalid: fixCases.map((testCase) => ({
    ...testCase,
    filename: fixtureFile,
    options: optionsOf(testCase),
  })),
});
