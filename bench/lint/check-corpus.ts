// `npm run check:corpus [package…]`: the rule on code nobody here wrote.
//   - lints every corpus file with no-unreleased-overwrite (default options): zero exceptions;
//   - applies --fix to a copy of each package: every fixed file parses, the rule reports nothing
//     there that it could fix, and `tsc --noEmit` on the copy has no error the original lacks;
//   - lists every finding, with the judgement recorded in bench/lint/corpus-judgements.json, in
//     docs/corpus-findings.md (only when every package ran, so a CI run on one package does not
//     shrink the document).
// Exits 1 when any of the checks fails. Options: --no-write (print only); --expensive (the rule
// with bench variant C's options instead of the defaults; implies --no-write, and its fixes import
// eslint-plugin-resource-leak/runtime, which the corpus does not install, so tsc reports that).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ESLint } from 'eslint';
import ts from 'typescript';
import {
  benchDir,
  corpusDir,
  corpusPackage,
  corpusPackages,
  installedVersion,
  percent,
  prepareCorpusCopy,
  repoRoot,
  sourceFiles,
  typecheckCorpus,
  type CorpusPackage,
} from './corpus.js';

const ourRule = 'resource-leak/no-unreleased-overwrite';
const { values: args, positionals } = parseArgs({
  options: { 'no-write': { type: 'boolean', default: false }, expensive: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const packages = positionals.length > 0 ? positionals.map(corpusPackage) : corpusPackages;
process.env.RESOURCE_LEAK_BENCH_VARIANT = args.expensive ? 'rule-expensive' : 'rule';
if (args.expensive) args['no-write'] = true;

interface AnalysisCounters {
  overwritesSeen: number;
  fieldsTyped: number;
  unownedStores: number;
  releasableFields: number;
  reports: number;
}
// The rule's own counters (src/analysis/stats.ts) prove it looked at typed code; absent while stubbed.
const statsModule = join(repoRoot, 'dist', 'analysis', 'stats.js');
const counters: { analysisStats: AnalysisCounters; resetAnalysisStats: () => void } | undefined = existsSync(statsModule)
  ? ((await import(statsModule)) as { analysisStats: AnalysisCounters; resetAnalysisStats: () => void })
  : undefined;

export interface CorpusFinding {
  package: string;
  file: string;
  line: number;
  column: number;
  target: string;
  type: string;
  message: string;
  /** The report's message id: `overwrite`, `releasedTooEarly` or `releaseBeforeAssign`. */
  kind: string;
  fixable: boolean;
  suggestions: number;
}

interface Judgement {
  verdict: 'real leak' | 'false positive' | 'unclear';
  why: string;
  /** For a false positive the rule no longer reports: what in the rule changed, and its tests. */
  fixedBy?: string;
}

const reportNames: Record<string, string> = {
  overwrite: 'overwrite',
  releasedTooEarly: 'released too early',
  releaseBeforeAssign: 'release before assign',
};

function eslintFor(fix: boolean): ESLint {
  return new ESLint({ cwd: benchDir, overrideConfigFile: join(benchDir, 'eslint.corpus.config.js'), fix, cache: false });
}

/** Lints file by file so that one exception names its file and does not hide the others. */
async function lintEach(eslint: ESLint, files: string[]): Promise<{ results: ESLint.LintResult[]; exceptions: string[] }> {
  const results: ESLint.LintResult[] = [];
  const exceptions: string[] = [];
  for (const file of files) {
    try {
      results.push(...(await eslint.lintFiles([file])));
    } catch (error) {
      exceptions.push(`${relative(benchDir, file)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return { results, exceptions };
}

const messagePattern = /^`([^`]+)` \((.*?)\) is /s;

function findingsOf(pkg: CorpusPackage, dir: string, results: ESLint.LintResult[]): CorpusFinding[] {
  const out: CorpusFinding[] = [];
  for (const result of results) {
    for (const m of result.messages) {
      if (m.ruleId !== ourRule) continue;
      const parsed = messagePattern.exec(m.message);
      out.push({
        package: pkg.name,
        file: relative(dir, result.filePath),
        line: m.line,
        column: m.column,
        target: parsed?.[1] ?? '?',
        type: parsed?.[2] ?? '?',
        message: m.message,
        kind: m.messageId ?? '?',
        fixable: m.fix !== undefined,
        suggestions: m.suggestions?.length ?? 0,
      });
    }
  }
  return out;
}

function fatalMessages(dir: string, results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) =>
    r.messages.filter((m) => m.fatal).map((m) => `${relative(dir, r.filePath)}:${String(m.line)}: ${m.message}`),
  );
}

function parseErrors(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => `${String(sf.getLineAndCharacterOfPosition(d.start ?? 0).line + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

/** Multiset difference: entries of `after` beyond their count in `before`. */
function added(before: string[], after: string[]): string[] {
  const left = new Map<string, number>();
  for (const d of before) left.set(d, (left.get(d) ?? 0) + 1);
  const out: string[] = [];
  for (const d of after) {
    const n = left.get(d) ?? 0;
    if (n > 0) left.set(d, n - 1);
    else out.push(d);
  }
  return out;
}

interface PackageReport {
  name: string;
  version: string;
  files: number;
  resolvedFiles: number;
  cleanFiles: number;
  counters?: AnalysisCounters;
  exceptions: string[];
  originalFatal: string[];
  findings: CorpusFinding[];
  fixedFiles: number;
  fixExceptions: string[];
  unparsableFixes: string[];
  residualFixable: string[];
  residualReports: number;
  tscBefore: number;
  tscAfter: number;
  newTscErrors: string[];
  seconds: number;
}

const reports: PackageReport[] = [];
for (const pkg of packages) {
  const started = performance.now();
  const original = prepareCorpusCopy(pkg);
  const files = sourceFiles(original);
  counters?.resetAnalysisStats();

  // 1. The rule on every file: zero exceptions.
  const linted = await lintEach(eslintFor(false), files);
  const analysed = counters ? { ...counters.analysisStats } : undefined;
  const findings = findingsOf(pkg, original, linted.results);

  // 2. --fix on a copy.
  const fixedDir = join(corpusDir, `${pkg.name}-fixed`);
  rmSync(fixedDir, { recursive: true, force: true });
  cpSync(original, fixedDir, { recursive: true });
  const fixedFiles = sourceFiles(fixedDir);
  const fixing = await lintEach(eslintFor(true), fixedFiles);
  await ESLint.outputFixes(fixing.results);
  const changed = fixing.results.filter((r) => r.output !== undefined).map((r) => r.filePath);
  const unparsableFixes = [
    ...fatalMessages(fixedDir, fixing.results),
    ...changed.flatMap((f) => parseErrors(f).map((e) => `${relative(fixedDir, f)}:${e}`)),
  ];

  // 3. The rule on the fixed copy: only findings that had no autofix may remain.
  const relinted = await lintEach(eslintFor(false), fixedFiles);
  const residual = findingsOf(pkg, fixedDir, relinted.results);
  const residualFixable = added(
    findings.filter((f) => !f.fixable).map((f) => `${f.file}|${f.message}`),
    residual.map((f) => `${f.file}|${f.message}`),
  ).map((k) => {
    const f = residual.find((r) => `${r.file}|${r.message}` === k);
    return f ? `${f.file}:${String(f.line)}: ${f.message}` : k;
  });

  // 4. tsc --noEmit on both copies.
  const before = typecheckCorpus(original);
  const after = typecheckCorpus(fixedDir);
  const newTscErrors = added(before.diagnostics, after.diagnostics);

  const report: PackageReport = {
    name: pkg.name,
    version: installedVersion(pkg.name),
    files: files.length,
    resolvedFiles: before.resolvedFiles,
    cleanFiles: before.cleanFiles,
    ...(analysed ? { counters: analysed } : {}),
    exceptions: linted.exceptions,
    originalFatal: fatalMessages(original, linted.results),
    findings,
    fixedFiles: changed.length,
    fixExceptions: [...fixing.exceptions, ...relinted.exceptions],
    unparsableFixes,
    residualFixable,
    residualReports: residual.length,
    tscBefore: before.errors,
    tscAfter: after.errors,
    newTscErrors,
    seconds: (performance.now() - started) / 1000,
  };
  reports.push(report);
  printReport(report);
}

function printReport(r: PackageReport): void {
  const fixable = r.findings.filter((f) => f.fixable).length;
  console.log(`\n${r.name}@${r.version}: ${String(r.files)} files (${percent(r.resolvedFiles, r.files)} with no unresolved import), ${r.seconds.toFixed(1)} s`);
  if (r.counters) {
    console.log(
      `  analysed: ${String(r.counters.overwritesSeen)} field stores, ${String(r.counters.unownedStores)} settled unowned ` +
        `(a value not made there, into a field no class releases), ${String(r.counters.fieldsTyped)} typed, ` +
        `${String(r.counters.releasableFields)} release-able`,
    );
  }
  console.log(`  exceptions: ${String(r.exceptions.length)}; parse errors in the original: ${String(r.originalFatal.length)}`);
  console.log(`  findings: ${String(r.findings.length)} (${String(fixable)} with an autofix, ${String(r.findings.length - fixable)} suggestion-only or neither)`);
  for (const f of r.findings) console.log(`    ${f.file}:${String(f.line)}  ${f.target}  (${f.type})${f.fixable ? '  [fix]' : ''}`);
  console.log(`  fixed files: ${String(r.fixedFiles)}; exceptions while fixing: ${String(r.fixExceptions.length)}; unparsable fixes: ${String(r.unparsableFixes.length)}`);
  console.log(`  reports on the fixed copy: ${String(r.residualReports)}, of which not explained by a suggestion-only finding: ${String(r.residualFixable.length)}`);
  console.log(`  tsc --noEmit: ${String(r.tscBefore)} errors before, ${String(r.tscAfter)} after, ${String(r.newTscErrors.length)} new`);
  for (const line of [...r.exceptions, ...r.fixExceptions, ...r.unparsableFixes, ...r.residualFixable, ...r.newTscErrors].slice(0, 40)) {
    console.log(`  ! ${line.split('\n').slice(0, 6).join('\n    ')}`);
  }
}

const failed = reports.some(
  (r) => r.exceptions.length + r.fixExceptions.length + r.unparsableFixes.length + r.residualFixable.length + r.newTscErrors.length > 0,
);

if (!args['no-write']) {
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  const all = packages.length === corpusPackages.length;
  writeFileSync(join(benchDir, 'results', `check-corpus${all ? '' : `-${packages.map((p) => p.name).join('-')}`}.json`), `${JSON.stringify(reports, null, 2)}\n`);
  if (all) writeFindingsDoc(reports);
}

function writeFindingsDoc(all: PackageReport[]): void {
  const judgementsPath = join(benchDir, 'lint', 'corpus-judgements.json');
  const judgements = existsSync(judgementsPath)
    ? (JSON.parse(readFileSync(judgementsPath, 'utf8')) as Record<string, Judgement>)
    : {};
  const keyOf = (f: CorpusFinding): string => `${f.package}/${f.file}:${String(f.line)} ${f.target}`;
  const findings = all.flatMap((r) => r.findings);
  const verdicts = new Map<string, number>();
  for (const f of findings) {
    const v = judgements[keyOf(f)]?.verdict ?? 'not yet judged';
    verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
  }
  const lines = [
    '# Corpus findings',
    '',
    '<!-- Generated by `npm run check:corpus` (bench/lint/check-corpus.ts); judgements live in bench/lint/corpus-judgements.json. -->',
    '',
    `Latest run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, rule \`${ourRule}\` with its default options, built from commit ${gitHead()}.`,
    '',
    '## Robustness',
    '',
    '| package | files | no unresolved import | field stores analysed / settled unowned / typed / release-able | exceptions | findings (autofix) | fixed files | unparsable fixes | reports left on fixed copy (unexplained) | tsc errors before → after (new) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...all.map(
      (r) =>
        `| ${r.name}@${r.version} | ${String(r.files)} | ${percent(r.resolvedFiles, r.files)} | ` +
        `${r.counters ? `${String(r.counters.overwritesSeen)} / ${String(r.counters.unownedStores)} / ${String(r.counters.fieldsTyped)} / ${String(r.counters.releasableFields)}` : 'n/a'} | ` +
        `${String(r.exceptions.length + r.fixExceptions.length)} | ${String(r.findings.length)} (${String(r.findings.filter((f) => f.fixable).length)}) | ` +
        `${String(r.fixedFiles)} | ${String(r.unparsableFixes.length)} | ${String(r.residualReports)} (${String(r.residualFixable.length)}) | ` +
        `${String(r.tscBefore)} → ${String(r.tscAfter)} (${String(r.newTscErrors.length)}) |`,
    ),
    '',
    `Findings by judgement: ${findings.length === 0 ? 'none' : [...verdicts].map(([v, n]) => `${v} ${String(n)}`).join(', ')}.`,
    '',
    '## Every finding',
    '',
  ];
  if (findings.length === 0) lines.push('The rule reported nothing on the corpus.');
  else {
    lines.push('| finding | field | type | report | fix | judgement | why |', '|---|---|---|---|---|---|---|');
    for (const f of findings) {
      const j = judgements[keyOf(f)];
      lines.push(
        `| ${f.package}/${f.file}:${String(f.line)} | \`${f.target}\` | \`${f.type.replaceAll('|', '\\|')}\` | ${reportNames[f.kind] ?? f.kind} | ` +
          `${f.fixable ? 'autofix' : f.suggestions > 0 ? 'suggestion' : 'none'} | ${j?.verdict ?? 'not yet judged'} | ${j?.why ?? ''} |`,
      );
    }
  }
  // Judged on an earlier run and no longer reported: the false positives that became rule changes.
  const current = new Set(findings.map(keyOf));
  const gone = Object.entries(judgements).filter(([key]) => !current.has(key));
  if (gone.length > 0) {
    lines.push(
      '',
      '## Judged earlier, no longer reported',
      '',
      'Findings of earlier runs (the same pinned sources) that the rule no longer reports, each with its',
      'judgement and the change that removed it. Each change came with test cases of the same shape.',
      '',
      '| finding | judgement | why | fixed by |',
      '|---|---|---|---|',
      ...gone.map(([key, j]) => {
        const [where = key, target = ''] = key.split(' ');
        return `| ${where} \`${target}\` | ${j.verdict} | ${j.why} | ${j.fixedBy ?? ''} |`;
      }),
    );
  }
  const newErrors = all.flatMap((r) => r.newTscErrors.map((e) => `- ${r.name}: ${e}`));
  if (newErrors.length > 0) lines.push('', '## New tsc errors in the fixed copies', '', ...newErrors);
  lines.push('');
  writeFileSync(join(repoRoot, 'docs', 'corpus-findings.md'), lines.join('\n'));
  console.log('\nwrote docs/corpus-findings.md and bench/results/check-corpus.json');
}

function gitHead(): string {
  const child = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  return child.stdout.trim() || 'unknown';
}

console.log(failed ? '\ncheck:corpus FAILED' : '\ncheck:corpus passed');
process.exitCode = failed ? 1 : 0;
