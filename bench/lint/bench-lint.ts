// `npm run bench:lint`: what no-unreleased-overwrite costs on top of typed linting.
//   1. Overhead: the corpus linted three ways (A, B, C; see eslint.corpus.config.js), interleaved
//      A,B,C,A,B,C… for --rounds rounds, each run in a fresh process; medians, spreads, pairwise
//      B/A and C/A, and the per-rule times from ESLint's stats (what TIMING prints).
//   2. Scaling: generated files with 10…10,000 assignments; the rule's time per assignment and the
//      fitted exponent.
//   3. Scale-out: the ESLint CLI with --concurrency 2, and with --cache run twice.
//   4. Start-up: what importing the plugin adds to loading typescript-eslint, in fresh processes.
// Results go to docs/performance.md (between its bench:lint markers) and bench/results/bench-lint.json.
// Options: --rounds N (default 12), --packages a,b (default all), --whole (lint every package in
//          every round instead of one package per round, in turn), --skip overhead,scaling,scaleout,startup,
//          --no-write (print only).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { benchDir, corpusPackage, corpusPackages, ensureCorpusCopy, installedVersion, repoRoot, sourceFiles } from './corpus.js';
import { expectedFindings, writeScalingProject, type ScalingSeries } from './scaling-corpus.js';

const ourRule = 'resource-leak/no-unreleased-overwrite';
const floatingRule = '@typescript-eslint/no-floating-promises';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '12' },
    whole: { type: 'boolean', default: false },
    packages: { type: 'string' },
    skip: { type: 'string', default: '' },
    'no-write': { type: 'boolean', default: false },
  },
});
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new Error('--rounds must be an integer from 1 to 50');
const packages = args.packages ? args.packages.split(',').map(corpusPackage) : corpusPackages;
const skip = new Set(args.skip.split(',').filter(Boolean));

interface LintRun {
  wallMs: number;
  cpuMs: number;
  files: number;
  parseMs: number;
  rules: Record<string, number>;
  messages: number;
  fatal: number;
  findings: number;
}

/** One lint in a fresh Node process; bounded to 10 minutes. */
function lintOnce(variant: string, targets: string[]): LintRun {
  const child = spawnSync(process.execPath, [join(benchDir, 'lint', 'lint-once.js'), ...targets], {
    cwd: benchDir,
    env: { ...process.env, RESOURCE_LEAK_BENCH_VARIANT: variant },
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) {
    throw new Error(`lint-once ${variant} failed (${String(child.status ?? child.signal)}):\n${child.stderr}`);
  }
  const lastLine = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(lastLine) as LintRun;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};
const fmtS = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const fmtMs = (ms: number): string => `${ms.toFixed(1)} ms`;
const fmtRatio = (r: number): string => r.toFixed(3);
const fmtPercent = (r: number): string => `${(r * 100).toFixed(1)}%`;
const spread = (xs: number[], fmt: (n: number) => string): string => `${fmt(Math.min(...xs))} – ${fmt(Math.max(...xs))}`;

const report: string[] = [];
const raw: Record<string, unknown> = {};
const say = (line = ''): void => {
  console.log(line);
  report.push(line);
};

// ---------------------------------------------------------------------------------------------
// Every run loads the same build: others may rebuild dist/ while the bench runs for minutes.
const snapshotDir = join(benchDir, '.cache', 'plugin-snapshot');
rmSync(snapshotDir, { recursive: true, force: true });
mkdirSync(snapshotDir, { recursive: true });
cpSync(join(repoRoot, 'dist'), join(snapshotDir, 'dist'), { recursive: true });
cpSync(join(repoRoot, 'package.json'), join(snapshotDir, 'package.json'));
process.env.RESOURCE_LEAK_PLUGIN_ENTRY = join(snapshotDir, 'dist', 'index.js');
const ruleVersion = describeBuild();

const corpusDirs = packages.map((p) => ensureCorpusCopy(p));
const corpusFileCount = corpusDirs.reduce((n, d) => n + sourceFiles(d).length, 0);
const benchStarted = Date.now();

if (!skip.has('overhead')) {
  type Variant = 'A' | 'B' | 'C';
  interface Round {
    corpus: string;
    runs: Record<Variant, LintRun>;
  }
  const roundResults: Round[] = [];
  for (let round = 0; round < rounds; round++) {
    // One package per round, in turn (a subset keeps the whole bench in minutes), or all of them.
    const inTurn = packages[round % packages.length];
    const chosen = args.whole || !inTurn ? packages : [inTurn];
    const targets = chosen.map((p) => join(ensureCorpusCopy(p), 'src'));
    const corpus = args.whole ? 'all' : chosen.map((p) => p.name).join(',');
    const runs = {} as Record<Variant, LintRun>;
    // The order turns from one visit of a package to the next (A B C, B C A, C A B): a run's place in
    // a round shifts its time by a few per cent on this machine (three A runs in a row: the second
    // and third took 1.6-4% more CPU than the first, median of 4 rounds), which would otherwise
    // always count against B and C.
    const visit = Math.floor(round / (args.whole ? 1 : packages.length));
    const order: Variant[] = ['A', 'B', 'C'];
    for (let turn = 0; turn < visit % order.length; turn++) order.push(order.shift() ?? 'A');
    for (const variant of order) {
      const run = lintOnce(variant, targets);
      runs[variant] = run;
      console.log(
        `  round ${String(round + 1)} ${corpus} ${variant}: ${fmtS(run.wallMs)} wall, ${fmtS(run.cpuMs)} CPU (${String(run.files)} files, ` +
          `${floatingRule} ${fmtMs(run.rules[floatingRule] ?? 0)}, ours ${fmtMs(run.rules[ourRule] ?? 0)}, findings ${String(run.findings)})`,
      );
    }
    roundResults.push({ corpus, runs });
  }
  const all = (v: Variant, pick: (r: LintRun) => number): number[] => roundResults.map((r) => pick(r.runs[v]));
  const pairwise = (v: 'B' | 'C', pick: (r: LintRun) => number): number[] => roundResults.map((r) => pick(r.runs[v]) / pick(r.runs.A));
  const wall = (r: LintRun): number => r.wallMs;
  const cpu = (r: LintRun): number => r.cpuMs;
  const ours = (r: LintRun): number => r.rules[ourRule] ?? 0;
  const floating = (r: LintRun): number => r.rules[floatingRule] ?? 0;
  const ruleShare = (v: 'B' | 'C'): number[] => roundResults.map((r) => ours(r.runs[v]) / floating(r.runs[v]));
  // The rule's own time against A's whole lint, in the same round: what B/A would show if two runs
  // of the same variant took the same time (on this machine they differ by several percent).
  const ownShareOfA = (v: 'B' | 'C'): number[] => roundResults.map((r) => ours(r.runs[v]) / wall(r.runs.A));
  say('### 1. Overhead on typed linting');
  say();
  say(
    `Corpus: ${packages.map((p) => `${p.name}@${installedVersion(p.name)}`).join(', ')} (${String(corpusFileCount)} files). ` +
      (args.whole
        ? 'Every round lints all of it. '
        : `Each round lints one package, in turn (${packages.map((p) => p.name).join(' → ')}), so every package is linted ${rounds % packages.length === 0 ? String(rounds / packages.length) : `${String(Math.floor(rounds / packages.length))}–${String(Math.ceil(rounds / packages.length))}`} times per variant. `) +
      `${String(rounds)} rounds, A, B, C interleaved within each round, their order turning from one visit of a package to the next (A B C, B C A, C A B) so that no variant always runs first; each run is a fresh \`node\` process timing \`ESLint#lintFiles\` with \`stats: true\`. ` +
      'Wall time is what a user waits; CPU time (user + system, all threads of the process) is less disturbed by other load on this shared machine.',
  );
  say();
  say('| variant | wall, median (min – max) | CPU, median (min – max) | our rule, median | no-floating-promises, median | findings, total |');
  say('|---|---|---|---|---|---|');
  for (const v of ['A', 'B', 'C'] as const) {
    say(
      `| ${v} | ${fmtS(median(all(v, wall)))} (${spread(all(v, wall), fmtS)}) | ${fmtS(median(all(v, cpu)))} (${spread(all(v, cpu), fmtS)}) | ` +
        `${v === 'A' ? '–' : fmtMs(median(all(v, ours)))} | ${fmtMs(median(all(v, floating)))} | ${v === 'A' ? '–' : String(all(v, (r) => r.findings).reduce((a, b) => a + b, 0))} |`,
    );
  }
  say();
  say(`- **B/A**, pair by pair within a round: wall median ${fmtRatio(median(pairwise('B', wall)))} (min – max ${spread(pairwise('B', wall), fmtRatio)}); CPU median ${fmtRatio(median(pairwise('B', cpu)))} (${spread(pairwise('B', cpu), fmtRatio)}). Goal ≤ 1.03.`);
  say(`- **C/A**, pair by pair: wall median ${fmtRatio(median(pairwise('C', wall)))} (${spread(pairwise('C', wall), fmtRatio)}); CPU median ${fmtRatio(median(pairwise('C', cpu)))} (${spread(pairwise('C', cpu), fmtRatio)}).`);
  say(`- **Our rule's time / no-floating-promises' time** (ESLint stats, same run, median over rounds): B ${fmtRatio(median(ruleShare('B')))}, C ${fmtRatio(median(ruleShare('C')))}. Goal ≤ 0.5.`);
  say(`- **Our rule's own time / A's wall time** (ESLint stats of the B or C run, A of the same round, median over rounds): B ${fmtPercent(median(ownShareOfA('B')))}, C ${fmtPercent(median(ownShareOfA('C')))}: the overhead B/A measures, without the run-to-run spread of whole lint runs.`);
  say();
  if (!args.whole) {
    say('| package | B/A CPU, median | C/A CPU, median | ours/nfp B, median | ours/nfp C, median | ours B / A wall, median |');
    say('|---|---|---|---|---|---|');
    for (const p of packages) {
      const mine = roundResults.filter((r) => r.corpus === p.name);
      const m = (f: (r: Round) => number): string => fmtRatio(median(mine.map(f)));
      say(
        `| ${p.name} | ${m((r) => r.runs.B.cpuMs / r.runs.A.cpuMs)} | ${m((r) => r.runs.C.cpuMs / r.runs.A.cpuMs)} | ` +
          `${m((r) => ours(r.runs.B) / floating(r.runs.B))} | ${m((r) => ours(r.runs.C) / floating(r.runs.C))} | ` +
          `${fmtPercent(median(mine.map((r) => ours(r.runs.B) / wall(r.runs.A))))} |`,
      );
    }
    say();
  }
  say('| round | package | A wall | B/A wall | C/A wall | B/A CPU | C/A CPU | ours/nfp B | ours/nfp C |');
  say('|---|---|---|---|---|---|---|---|---|');
  roundResults.forEach((r, i) => {
    say(
      `| ${String(i + 1)} | ${r.corpus} | ${fmtS(r.runs.A.wallMs)} | ${fmtRatio(r.runs.B.wallMs / r.runs.A.wallMs)} | ${fmtRatio(r.runs.C.wallMs / r.runs.A.wallMs)} | ` +
        `${fmtRatio(r.runs.B.cpuMs / r.runs.A.cpuMs)} | ${fmtRatio(r.runs.C.cpuMs / r.runs.A.cpuMs)} | ${fmtRatio(ours(r.runs.B) / floating(r.runs.B))} | ${fmtRatio(ours(r.runs.C) / floating(r.runs.C))} |`,
    );
  });
  say();
  raw.overhead = { rounds, whole: args.whole, packages: packages.map((p) => p.name), roundResults };
}

// ---------------------------------------------------------------------------------------------
function fitExponent(points: { n: number; ms: number }[]): number {
  const xs = points.map((p) => Math.log(p.n));
  const ys = points.map((p) => Math.log(Math.max(p.ms, 1e-6)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? 0) - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

if (!skip.has('scaling')) {
  const sizes = [10, 100, 1000, 10_000];
  const repeats = 3;
  say('### 2. Scaling with the number of assignments');
  say();
  say(
    `Each size is one generated file, linted with variant B in a fresh process, ${String(repeats)} times; each rule's own time ` +
      '(ESLint stats) is the median. no-floating-promises, which also visits every statement and asks the checker, is the control: ' +
      'growth that both rules show comes from the checker or the garbage collector on one huge file, not from our analysis. ' +
      '*classes*: N classes, each assigning its field once (leak, release-first, save-old, guarded shapes in turn). ' +
      '*function*: one method with N assignments in a row and branches between them.',
  );
  say();
  say('| series | assignments | file lines | our rule | per assignment | no-floating-promises | findings (expected) |');
  say('|---|---|---|---|---|---|---|');
  const scaling: Record<string, { n: number; ms: number; controlMs: number; findings: number }[]> = {};
  for (const series of ['classes', 'function'] as ScalingSeries[]) {
    const points: { n: number; ms: number; controlMs: number; findings: number }[] = [];
    scaling[series] = points;
    for (const n of sizes) {
      const file = writeScalingProject(series, n);
      const lines = readFileSync(file, 'utf8').split('\n').length;
      const samples = Array.from({ length: repeats }, () => lintOnce('B', [file]));
      const ms = median(samples.map((s) => s.rules[ourRule] ?? 0));
      const controlMs = median(samples.map((s) => s.rules[floatingRule] ?? 0));
      const findings = samples[0]?.findings ?? 0;
      points.push({ n, ms, controlMs, findings });
      say(
        `| ${series} | ${n.toLocaleString('en')} | ${lines.toLocaleString('en')} | ${fmtMs(ms)} | ${((ms * 1000) / n).toFixed(2)} µs | ` +
          `${fmtMs(controlMs)} | ${String(findings)} (${String(expectedFindings(series, n))}) |`,
      );
    }
  }
  say();
  const slope = (points: { n: number; ms: number }[], from: number): string =>
    fitExponent(points.filter((p) => p.n >= from)).toFixed(3);
  for (const [series, points] of Object.entries(scaling)) {
    const control = points.map((p) => ({ n: p.n, ms: p.controlMs }));
    say(
      `- **${series}**: our rule's fitted exponent ${slope(points, 10)} over 10 – 10,000, ${slope(points, 100)} over 100 – 10,000, ` +
        `${slope(points, 1000)} from 1,000 to 10,000 (goal ≤ 1.1); no-floating-promises on the same files: ${slope(control, 10)}, ${slope(control, 100)}, ${slope(control, 1000)}.`,
    );
  }
  say();
  raw.scaling = scaling;
}

// ---------------------------------------------------------------------------------------------
interface CliRun {
  ms: number;
  status: number | null;
  problems: number;
}
function eslintCli(extra: string[], targets: string[]): CliRun {
  const out = join(benchDir, '.cache', 'cli-results.json');
  rmSync(out, { force: true });
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-c', 'eslint.corpus.config.js', '-f', 'json', '-o', out, ...extra, ...targets],
    { cwd: benchDir, env: { ...process.env, RESOURCE_LEAK_BENCH_VARIANT: 'B' }, encoding: 'utf8', timeout: 900_000 },
  );
  const ms = performance.now() - started;
  // Exit 1 means "problems found", which is expected here; 2 means ESLint itself failed.
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`eslint ${extra.join(' ')} exited ${String(child.status ?? child.signal)}:\n${child.stderr}`);
  }
  const results = JSON.parse(readFileSync(out, 'utf8')) as { messages: unknown[] }[];
  return { ms, status: child.status, problems: results.reduce((n, r) => n + r.messages.length, 0) };
}

if (!skip.has('scaleout')) {
  mkdirSync(join(benchDir, '.cache'), { recursive: true });
  const targets = corpusDirs.map((d) => relative(benchDir, join(d, 'src')));
  const cacheFile = join(benchDir, '.cache', 'eslintcache-bench');
  rmSync(cacheFile, { force: true });
  const single = eslintCli(['--concurrency', 'off'], targets);
  const two = eslintCli(['--concurrency', '2'], targets);
  const cold = eslintCli(['--cache', '--cache-location', cacheFile], targets);
  const warm = eslintCli(['--cache', '--cache-location', cacheFile], targets);
  say('### 3. Scale-out: the ESLint CLI, variant B');
  say();
  say(`${packages.map((p) => p.name).join(', ')} in one run each; wall time of \`eslint -c bench/eslint.corpus.config.js\` including Node start-up.`);
  say();
  say('| run | time | problems reported |');
  say('|---|---|---|');
  say(`| \`--concurrency off\` | ${fmtS(single.ms)} | ${String(single.problems)} |`);
  say(`| \`--concurrency 2\` | ${fmtS(two.ms)} | ${String(two.problems)} |`);
  say(`| \`--cache\`, first run (empty cache) | ${fmtS(cold.ms)} | ${String(cold.problems)} |`);
  say(`| \`--cache\`, second run | ${fmtS(warm.ms)} | ${String(warm.problems)} |`);
  say();
  say(
    `- \`--concurrency 2\` / single thread: ${fmtRatio(two.ms / single.ms)}; second \`--cache\` run / first: ${fmtRatio(warm.ms / cold.ms)}. ` +
      'Both report the same problems as the single-threaded run: ' +
      (two.problems === single.problems && warm.problems === single.problems ? 'yes.' : '**no**.'),
  );
  say();
  raw.scaleOut = { single, two, cold, warm };
}

// ---------------------------------------------------------------------------------------------
interface StartUp {
  toolMs: number;
  pluginMs: number;
  esmTypeScriptMs: number;
}
if (!skip.has('startup')) {
  const runs: StartUp[] = [];
  for (let i = 0; i < 9; i++) {
    const child = spawnSync(process.execPath, [join(benchDir, 'lint', 'start-up-once.js')], { cwd: benchDir, encoding: 'utf8', timeout: 120_000 });
    if (child.status !== 0) throw new Error(`start-up-once failed (${String(child.status ?? child.signal)}):\n${child.stderr}`);
    runs.push(JSON.parse(child.stdout.trim()) as StartUp);
  }
  const tool = median(runs.map((r) => r.toolMs));
  const plugin = median(runs.map((r) => r.pluginMs));
  const esmTypeScript = median(runs.map((r) => r.esmTypeScriptMs));
  say('### 4. Start-up: loading the plugin');
  say();
  say(
    `Medians of 9 fresh processes (\`bench/lint/start-up-once.js\`). Each process require()s typescript-eslint, its parser (which brings TypeScript) and the utilities ` +
      'its first typed rule loads, as a config and that rule do, then imports the plugin, then imports TypeScript as an ES module.',
  );
  say();
  say('| load | time | spread |');
  say('|---|---|---|');
  say(`| typescript-eslint, its parser and TypeScript, its rule utilities (require) | ${fmtMs(tool)} | ${spread(runs.map((r) => r.toolMs), fmtMs)} |`);
  say(`| then the plugin | ${fmtMs(plugin)} | ${spread(runs.map((r) => r.pluginMs), fmtMs)} |`);
  say(`| then TypeScript again, as an ES module | ${fmtMs(esmTypeScript)} | ${spread(runs.map((r) => r.esmTypeScriptMs), fmtMs)} |`);
  say();
  say(
    `- The plugin adds ${fmtRatio(plugin / tool)} of typescript-eslint's own load time, once per ESLint process or worker thread. ` +
      `An ES import of TypeScript would add ${fmtRatio(esmTypeScript / tool)} more: the plugin require()s TypeScript and ts-api-utils instead (src/commonjs.ts).`,
  );
  say();
  raw.startUp = runs;
}

// ---------------------------------------------------------------------------------------------
const cpuModel = cpus()[0]?.model ?? 'unknown';
const machine =
  `${String(cpus().length)} cores (nproc), ${cpuModel}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
  `ESLint ${versionOf('eslint')}, typescript-eslint ${versionOf('typescript-eslint')}, TypeScript ${versionOf('typescript')}`;
function versionOf(name: string): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}
const header = [
  `Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} on ${machine}; bench took ${((Date.now() - benchStarted) / 60_000).toFixed(1)} min.`,
  `Rule under test: ${ruleVersion}.`,
  '',
];
function describeBuild(): string {
  const git = (...gitArgs: string[]): string => spawnSync('git', gitArgs, { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  const dirty = git('status', '--porcelain', '--', 'src').length > 0;
  return `dist/ as built at commit ${git('rev-parse', '--short', 'HEAD') || 'unknown'}${dirty ? ' (src/ had uncommitted changes)' : ''}, copied once at the start`;
}
console.log(header.join('\n'));

if (!args['no-write']) {
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(join(benchDir, 'results', 'bench-lint.json'), `${JSON.stringify({ machine, date: new Date().toISOString(), ...raw }, null, 2)}\n`);
  const docPath = join(repoRoot, 'docs', 'performance.md');
  const start = '<!-- bench:lint:start -->';
  const end = '<!-- bench:lint:end -->';
  const section = `${start}\n${[...header, ...report].join('\n')}\n${end}`;
  const existing = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
  const at = existing.indexOf(start);
  const until = existing.indexOf(end);
  const next =
    at >= 0 && until > at
      ? existing.slice(0, at) + section + existing.slice(until + end.length)
      : `${existing.trimEnd() || '# Performance'}\n\n## Lint benchmark (\`npm run bench:lint\`)\n\n${section}\n`;
  writeFileSync(docPath, next);
  console.log(`wrote ${relative(repoRoot, docPath)} and bench/results/bench-lint.json`);
}
