import { writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { ts } from '../commonjs.js';
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

  const warning = coverage.warning(targets.baseDirectory, Number.parseInt(ts.versionMajorMinor, 10));
  const report = await formatReport(eslint, results, cliArguments, targets, warning);
  if (cliArguments.outputFile === undefined) io.stdout(report);
  else {
    try {
      writeFileSync(cliArguments.outputFile, report);
    } catch (error) {
      // Checked up front; this is a race or a permission problem. One line, and the report on stdout so nothing is lost.
      io.stderr(`resource-leak: could not write ${cliArguments.outputFile}: ${error instanceof Error ? error.message : String(error)}\n`);
      io.stdout(report);
      return exitCodes.usage;
    }
  }

  if (warning !== undefined) io.stderr(`${warning}\n`);

  if (results.length === 0) {
    // Nothing was checked: an exit 0 here would read as "no leaks".
    io.stderr(`resource-leak: no TypeScript files (.ts, .tsx, .mts, .cts) in ${describePaths(targets)}\n`);
    return exitCodes.usage;
  }
  const unchecked = results.filter((result) => result.fatalErrorCount > 0);
  if (unchecked.length > 0) io.stderr(`${uncheckedFilesLine(unchecked, targets)}\n`);
  const leaks = results.some((result) => result.messages.some((message) => message.ruleId !== null && message.severity === 2));
  if (leaks) return exitCodes.findings;
  // Files that could not be type-checked were not checked for leaks: that is not a clean result.
  return unchecked.length > 0 ? exitCodes.usage : exitCodes.clean;
}

function describePaths(targets: LintTargets): string {
  return targets.paths.map((path) => relative(targets.baseDirectory, path) || '.').join(', ');
}

/** One line: how many files could not be checked, the first of them, and why. */
function uncheckedFilesLine(unchecked: readonly ESLint.LintResult[], targets: LintTargets): string {
  const baseDirectory = targets.baseDirectory;
  const [first] = unchecked;
  const fatal = first?.messages.find((message) => message.fatal === true);
  const where = first === undefined ? '' : relative(baseDirectory, first.filePath) || first.filePath;
  const reason =
    fatal === undefined
      ? ''
      : /was not found by the project service|does not include this file|was not found in any of the provided project/.test(fatal.message)
        ? targets.project === undefined
          ? 'no tsconfig.json includes it; add it to one, or pass --project'
          : `${relative(baseDirectory, targets.project) || targets.project} does not include it`
        : (fatal.message.split('\n')[0] ?? '');
  const count = unchecked.length === 1 ? '1 file' : `${String(unchecked.length)} files`;
  return `resource-leak: ${count} could not be checked for leaks (${unchecked.length > 1 ? 'e.g. ' : ''}${where}: ${reason})`;
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
  typeCoverageWarning: string | undefined,
): Promise<string> {
  if (cliArguments.format === 'sarif') {
    const sarif = toSarif(
      results,
      eslint.getRulesMetaForResults(results),
      targets.baseDirectory,
      { name: 'resource-leak', version: plugin.meta.version, informationUri },
      typeCoverageWarning === undefined ? [] : [typeCoverageWarning.replace(/^resource-leak: warning: /, '')],
    );
    return `${JSON.stringify(sarif, null, 2)}\n`;
  }
  const formatter = await eslint.loadFormatter(cliArguments.format);
  const text = await formatter.format(results);
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
