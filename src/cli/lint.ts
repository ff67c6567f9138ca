import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import ts from 'typescript';
import plugin from '../index.js';
import { typescriptFiles } from '../configs/recommended.js';
import { exitCodes, type CliArguments, type CliIo } from './arguments.js';
import type { LintTargets } from './project.js';
import { toSarif } from './sarif.js';
import { TypeCoverage } from './type-coverage.js';

const informationUri = 'https://github.com/eslint-plugin-resource-leak/eslint-plugin-resource-leak';

/** Lints the checked targets with the plugin's recommended setup and typed linting; resolves with the exit code. */
export async function lintAndReport(cliArguments: CliArguments, targets: LintTargets, io: CliIo): Promise<number> {
  const coverage = new TypeCoverage();
  const eslint = new ESLint({
    cwd: targets.baseDirectory,
    // The user's own ESLint config (if any) plays no part: this command brings its own.
    overrideConfigFile: true,
    overrideConfig: lintConfig(targets, coverage),
    fix: cliArguments.fix,
    errorOnUnmatchedPattern: false,
  });
  const linted = await eslint.lintFiles(targets.paths);
  if (cliArguments.fix) await ESLint.outputFixes(linted);
  const results = linted.map(ownFindings);

  const report = await formatReport(eslint, results, cliArguments, targets);
  if (cliArguments.outputFile === undefined) io.stdout(report);
  else writeFileSync(cliArguments.outputFile, report);

  const warning = coverage.warning(targets.baseDirectory, Number.parseInt(ts.versionMajorMinor, 10));
  if (warning !== undefined) io.stderr(`${warning}\n`);

  if (results.length === 0) io.stderr('resource-leak: warning: no TypeScript files matched the given paths.\n');
  return results.some((result) => result.errorCount > 0) ? exitCodes.findings : exitCodes.clean;
}

/**
 * Keeps this plugin's findings and fatal errors. The code's own `eslint-disable` comments name
 * rules of other plugins that this command does not load, and ESLint reports each of those as
 * "Definition for rule … was not found"; that is not the user's problem here.
 */
function ownFindings(result: ESLint.LintResult): ESLint.LintResult {
  const messages = result.messages.filter(
    (message) => message.ruleId === null || message.ruleId.startsWith(`${plugin.meta.namespace}/`),
  );
  if (messages.length === result.messages.length) return result;
  const count = (severity: number, fixable = false): number =>
    messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined)).length;
  return {
    ...result,
    messages,
    errorCount: count(2),
    warningCount: count(1),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    fatalErrorCount: messages.filter((message) => message.fatal === true).length,
  };
}

function lintConfig(targets: LintTargets, coverage: TypeCoverage): Linter.Config[] {
  const parserOptions =
    targets.project === undefined
      ? { projectService: true, tsconfigRootDir: targets.baseDirectory }
      : { project: targets.project, tsconfigRootDir: dirname(targets.project) };
  return [
    // Declarations have no assignments; JavaScript has no types for a typed rule to read.
    { ignores: ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts', '**/*.{js,mjs,cjs,jsx}'] },
    {
      name: 'resource-leak-cli/typed-linting',
      files: typescriptFiles,
      languageOptions: { parser: tsParser, parserOptions },
      // The code's disable comments mostly name rules this command does not load: none is "unused".
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { 'resource-leak-cli': { rules: { 'type-coverage': coverage.probeRule } } },
      rules: { 'resource-leak-cli/type-coverage': 'error' },
    },
    plugin.configs.recommended,
  ];
}

async function formatReport(
  eslint: ESLint,
  results: ESLint.LintResult[],
  cliArguments: CliArguments,
  targets: LintTargets,
): Promise<string> {
  if (cliArguments.format === 'sarif') {
    const sarif = toSarif(results, eslint.getRulesMetaForResults(results), targets.baseDirectory, {
      name: 'resource-leak',
      version: plugin.meta.version,
      informationUri,
    });
    return `${JSON.stringify(sarif, null, 2)}\n`;
  }
  const formatter = await eslint.loadFormatter(cliArguments.format);
  const text = await formatter.format(results);
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
