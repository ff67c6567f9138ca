// Never-throws fuzz test for no-unreleased-overwrite and its fixer: a few hundred programs drawn
// from tests/fuzz/program-generator.ts (seeded, so every failure names a reproducible seed) are
// linted with real type information under two option sets. The rule and its fixer must not
// throw; every autofix result and every suggestion must parse; and where the original program
// runs cleanly against the tracking resource, the fixed one must too (no double release, no use
// after release). Reproduce one program with FUZZ_SEED=<seed>.
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import type { RuleOptions } from '../../src/rules/options.js';
import { generateProgram, type GeneratedProgram } from './program-generator.js';

const projectDir = path.resolve(import.meta.dirname, 'project');
const projectFile = path.join(projectDir, 'file.ts');
const ruleId = 'resource-leak/no-unreleased-overwrite';

const programCount = 300;
/** Stop drawing new programs after this long (a noisy 2-core machine); at least `minimumPrograms` must run. */
const timeBudgetMs = 150_000;
const minimumPrograms = 120;
const firstSeed = 20_261_127;

const optionSets: { name: string; options: Partial<RuleOptions> }[] = [
  { name: 'default', options: {} },
  { name: 'strict order', options: { order: 'release-after-assign' } },
];

function configFor(options: Partial<RuleOptions>): Linter.Config[] {
  return [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: projectDir } },
      plugins: { 'resource-leak': plugin },
      rules: { [ruleId]: ['error', options] },
    },
  ];
}

const linter = new Linter({ configType: 'flat', cwd: projectDir });

function parseErrors(code: string): string[] {
  const sf = ts.createSourceFile('fixed.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const diagnostics = (sf as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

function applySuggestion(code: string, fix: { range: readonly [number, number]; text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

type RunOutcome = { ok: true; live: number } | { ok: false; error: string };

/** Transpiles and runs a program's main() in this realm (Symbol.dispose exists here), bounded in time. */
async function runProgram(code: string): Promise<RunOutcome> {
  const js = ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
  }).outputText;
  const exports: { main?: () => Promise<{ live: number }> } = {};
  try {
    const load = vm.runInThisContext(`(function (exports) {\n${js}\n})`, { timeout: 2_000 }) as (e: object) => void;
    load(exports);
    if (!exports.main) return { ok: false, error: 'no main() exported' };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => { reject(new Error('main() did not settle within 3 s')); }, 3_000);
    });
    try {
      const result = await Promise.race([exports.main(), timeout]);
      return { ok: true, live: result.live };
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

interface Tally {
  programs: number;
  reports: number;
  autofixed: number;
  suggestions: number;
  executed: number;
  originalMisuse: number;
  leaksBefore: number;
  leaksAfter: number;
}

interface Failure {
  seed: number;
  options: string;
  what: string;
  shapes: GeneratedProgram['shapes'];
  code?: string;
}

async function fuzz(): Promise<{ failures: Failure[]; tally: Tally; only: number | undefined }> {
  const failures: Failure[] = [];
  const tally: Tally = { programs: 0, reports: 0, autofixed: 0, suggestions: 0, executed: 0, originalMisuse: 0, leaksBefore: 0, leaksAfter: 0 };
  const started = performance.now();
  const only = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  const seeds = only === undefined ? Array.from({ length: programCount }, (_, i) => firstSeed + i) : [only];
  for (const seed of seeds) {
    if (performance.now() - started > timeBudgetMs) break;
    const program = generateProgram(seed);
    tally.programs++;
    const originalRun = program.executable ? await runProgram(program.code) : undefined;
    if (originalRun && !originalRun.ok) tally.originalMisuse++;
    if (originalRun?.ok) tally.leaksBefore += originalRun.live;

    for (const { name, options } of optionSets) {
      const fail = (what: string, code?: string): void => {
        failures.push({ seed, options: name, what, shapes: program.shapes, ...(code === undefined ? {} : { code }) });
      };
      let messages: Linter.LintMessage[];
      let fixedOutput: string;
      try {
        messages = linter.verify(program.code, configFor(options), { filename: projectFile });
        const fixed = linter.verifyAndFix(program.code, configFor(options), { filename: projectFile });
        fixedOutput = fixed.output;
        for (const m of fixed.messages.filter((msg) => msg.fatal)) fail(`the autofixed program does not parse: ${m.message}`, fixedOutput);
      } catch (error) {
        fail(`the rule or its fixer threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        continue;
      }
      for (const m of messages.filter((msg) => msg.fatal)) fail(`the generated program does not parse: ${m.message}`);
      const ours = messages.filter((m) => m.ruleId === ruleId);
      tally.reports += ours.length;
      tally.autofixed += ours.filter((m) => m.fix).length;
      for (const m of ours) {
        for (const suggestion of m.suggestions ?? []) {
          tally.suggestions++;
          const suggested = applySuggestion(program.code, suggestion.fix);
          const errors = parseErrors(suggested);
          if (errors.length > 0) fail(`suggestion "${suggestion.desc}" does not parse: ${errors.join('; ')}`, suggested);
        }
      }
      const errors = parseErrors(fixedOutput);
      if (errors.length > 0) fail(`the autofixed program does not parse: ${errors.join('; ')}`, fixedOutput);

      // Run the fixed program where the original ran cleanly (a program that already misuses the
      // resource before any fix says nothing about the fix).
      if (originalRun?.ok && fixedOutput !== program.code && errors.length === 0) {
        const fixedRun = await runProgram(fixedOutput);
        tally.executed++;
        if (!fixedRun.ok) fail(`the autofixed program misuses the resource: ${fixedRun.error}`, fixedOutput);
        else if (name === 'default') tally.leaksAfter += fixedRun.live;
      } else if (originalRun?.ok && name === 'default') {
        tally.leaksAfter += originalRun.live;
      }
    }
  }

  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz: ${String(tally.programs)} programs in ${seconds.toFixed(1)} s; ${String(tally.reports)} reports, ` +
      `${String(tally.autofixed)} with an autofix, ${String(tally.suggestions)} suggestions; ${String(tally.executed)} fixed programs run; ` +
      `${String(tally.originalMisuse)} originals misuse the resource themselves; live objects at exit (default options): ` +
      `${String(tally.leaksBefore)} before fixes, ${String(tally.leaksAfter)} after`,
  );
  const kinds = new Map<string, number[]>();
  for (const f of failures) {
    const kind = `${f.what.replace(/#\d+.*/s, '').slice(0, 70)} [release: ${f.shapes.release}]`;
    kinds.set(kind, [...(kinds.get(kind) ?? []), f.seed]);
  }
  if (kinds.size > 0) console.log([...kinds].map(([k, s]) => `${String(s.length)}× ${k} (seeds ${s.slice(0, 4).join(', ')})`).join('\n'));
  return { failures, tally, only };
}

function describeFailures(failures: Failure[]): string {
  return failures
    .slice(0, 5)
    .map((f) =>
      [`seed ${String(f.seed)} (${f.options}; ${JSON.stringify(f.shapes)}): ${f.what}`, f.code ? f.code.slice(f.code.indexOf('let counter')) : ''].join('\n'),
    )
    .join('\n\n');
}

describe('no-unreleased-overwrite fuzz: never throws, fixes parse and run clean', () => {
  let outcome: Awaited<ReturnType<typeof fuzz>>;
  beforeAll(async () => {
    outcome = await fuzz();
  }, timeBudgetMs + 120_000);

  it(`survives ${String(programCount)} random programs under ${String(optionSets.length)} option sets`, () => {
    const { failures, tally, only } = outcome;
    expect(failures.length, `${String(failures.length)} failures; first ones:\n${describeFailures(failures)}`).toBe(0);
    if (only === undefined) {
      expect(tally.programs).toBeGreaterThanOrEqual(minimumPrograms);
      // A rule blinded by types (or a generator that never reaches it) would make this test vacuous.
      expect(tally.reports).toBeGreaterThan(tally.programs / 4);
      expect(tally.executed).toBeGreaterThan(tally.programs / 10);
    }
  });
});
