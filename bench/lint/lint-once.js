// One measured lint run, in a fresh process so that every run pays typed linting's full cost
// (the project service and its TypeScript programs are per process). Prints one JSON line:
// { wallMs, cpuMs, files, parseMs, rules: { ruleId: ms }, messages, fatal, findings }.
// Usage: RESOURCE_LEAK_BENCH_VARIANT=A node bench/lint/lint-once.js <file or dir>…
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const targets = process.argv.slice(2).map((t) => resolve(t));
if (targets.length === 0) throw new Error('lint-once: give the files or folders to lint');

const eslint = new ESLint({
  cwd: benchDir,
  overrideConfigFile: join(benchDir, 'eslint.corpus.config.js'),
  // Per-rule times cost a timer around every listener call: runs that time the lint leave them off.
  stats: process.env.RESOURCE_LEAK_BENCH_STATS !== '0',
  cache: false,
});
const started = performance.now();
const cpuStarted = process.cpuUsage();
const results = await eslint.lintFiles(targets);
const wallMs = performance.now() - started;
// CPU time of this process (all its threads): less disturbed than wall time by other load on a shared machine.
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;

const rules = {};
let parseMs = 0;
let messages = 0;
let fatal = 0;
let findings = 0;
for (const result of results) {
  messages += result.messages.length;
  for (const message of result.messages) {
    if (message.fatal) fatal++;
    if (message.ruleId === 'resource-leak/no-unreleased-overwrite') findings++;
  }
  for (const pass of result.stats?.times.passes ?? []) {
    parseMs += pass.parse.total;
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
      rules[ruleId] = (rules[ruleId] ?? 0) + time.total;
    }
  }
}
process.stdout.write(`${JSON.stringify({ wallMs, cpuMs, files: results.length, parseMs, rules, messages, fatal, findings })}\n`);
