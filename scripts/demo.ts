// `npm run demo [-- --rotations N]`: the whole story on examples/tls-reload.
//   1. the findings, as `resource-leak` prints them;
//   2. the autofix applied to a temporary copy, as a diff (then re-linted and type-checked);
//   3. both versions side by side, each in its own process, rotating the certificate N times while a
//      client keeps connecting: RSS growth, live native contexts and failed handshakes.
import { fork, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, styleText } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import { demoCertificates, trustedCaCount } from './demo-certificates.js';
import type { RotationProgress, RotationReport } from './demo-rotation.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const exampleDirectory = join(root, 'examples', 'tls-reload');
const cliBin = join(root, 'dist', 'cli', 'bin.js');
const certificateCache = join(root, 'node_modules', '.cache', 'resource-leak-demo');
const colors = process.stdout.isTTY;

type Style = Parameters<typeof styleText>[0];
const paint = (style: Style, text: string): string => (colors ? styleText(style, text) : text);
const heading = (text: string): void => {
  console.log(`\n${paint('bold', text)}`);
};
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const megabytes = (bytes: number): string => `${bytes >= 0 ? '+' : '−'}${String(Math.round(Math.abs(bytes) / 1e6))} MB`;

export interface DemoSummary {
  findings: { file: string; line: number; column: number; message: string }[];
  fixedFiles: string[];
  relintExitCode: number | null;
  fixedCopyTypeChecks: boolean;
  before: RotationReport;
  after: RotationReport;
}

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runResourceLeak(args: string[], cwd: string): CliRun {
  const result = spawnSync(process.execPath, [cliBin, ...args], {
    cwd,
    encoding: 'utf8',
    env: colors ? { ...process.env, FORCE_COLOR: '1' } : process.env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ensureBuilt(): void {
  if (existsSync(cliBin)) return;
  console.log('Building the plugin (dist/ is missing)…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

/** Step 1: the findings on the example, in ESLint's stylish format. */
function showFindings(): DemoSummary['findings'] {
  heading(`1. Findings: resource-leak ${relative(root, exampleDirectory)}`);
  const started = performance.now();
  const run = runResourceLeak([relative(root, exampleDirectory)], root);
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  if (run.status !== 1) throw new Error(`expected resource-leak to find the leaks (exit 1), got exit ${String(run.status)}`);
  console.log(paint('dim', `(typed linting of the example: ${seconds(started)})`));
  return findingsInStylish(run.stdout);
}

/** The findings listed in stylish output: a file path line, then one indented line per message. */
function findingsInStylish(stylish: string): DemoSummary['findings'] {
  const findings: DemoSummary['findings'] = [];
  let file = '';
  // Colour codes, if any, do not matter for the positions.
  for (const line of stylish.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const message = /^\s+(\d+):(\d+)\s+error\s+(.*?)\s+resource-leak\/\S+$/.exec(line);
    if (message === null) {
      if (line.startsWith('/')) file = relative(exampleDirectory, line.trim());
      continue;
    }
    findings.push({ file, line: Number(message[1]), column: Number(message[2]), message: message[3] ?? '' });
  }
  return findings;
}

/** Step 2: `resource-leak --fix` on a temporary copy, shown as a unified diff, then checked. */
function applyFixToCopy(workDirectory: string): {
  copy: string;
  fixedFiles: string[];
  relintExitCode: number | null;
  typeChecks: boolean;
} {
  heading('2. The autofix, applied to a temporary copy: resource-leak --fix');
  const started = performance.now();
  const copy = join(workDirectory, 'tls-reload');
  cpSync(exampleDirectory, copy, { recursive: true, filter: (source) => !source.includes('node_modules') });
  // The copy lives outside the repository: give it the module type and the installed @types/node.
  writeFileSync(join(copy, 'package.json'), `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`);
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');

  const fix = runResourceLeak(['--fix'], copy);
  process.stderr.write(fix.stderr);
  const fixedFiles: string[] = [];
  for (const name of readdirSync(join(exampleDirectory, 'src')).sort()) {
    const before = readFileSync(join(exampleDirectory, 'src', name), 'utf8');
    const after = readFileSync(join(copy, 'src', name), 'utf8');
    if (before === after) continue;
    fixedFiles.push(`src/${name}`);
    const patch = createTwoFilesPatch(`a/src/${name}`, `b/src/${name}`, before, after, undefined, undefined, {
      context: 3,
    });
    for (const line of patch.split('\n').slice(1)) {
      if (line.startsWith('+++') || line.startsWith('---')) console.log(paint('bold', line));
      else if (line.startsWith('+')) console.log(paint('green', line));
      else if (line.startsWith('-')) console.log(paint('red', line));
      else if (line.startsWith('@@')) console.log(paint('cyan', line));
      else console.log(line);
    }
  }
  if (fixedFiles.length === 0) console.log(paint('yellow', 'The autofix changed nothing.'));

  console.log(paint('dim', `(fixed in ${seconds(started)}; now linting the fixed copy again and type-checking it with tsc…)`));
  const relint = runResourceLeak([], copy);
  const typecheck = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', copy], {
    encoding: 'utf8',
  });
  const typeChecks = typecheck.status === 0;
  console.log(
    `Second run on the fixed copy: ${relint.status === 0 ? paint('green', 'no findings') : paint('red', `exit ${String(relint.status)}`)}; ` +
      `tsc: ${typeChecks ? paint('green', 'type-checks') : paint('red', 'type errors')}`,
  );
  if (!typeChecks) process.stdout.write(typecheck.stdout);
  if (relint.status !== 0) process.stdout.write(relint.stdout);
  return { copy, fixedFiles, relintExitCode: relint.status, typeChecks };
}

/** Step 3: both versions in their own processes, side by side. */
async function runSideBySide(fixedCopy: string, workDirectory: string, rotations: number): Promise<{
  before: RotationReport;
  after: RotationReport;
}> {
  heading(`3. Both versions side by side: ${String(rotations)} certificate rotations each, a client connecting throughout`);
  let started = performance.now();
  const certificatesCached = existsSync(certificateCache);
  if (!certificatesCached) process.stdout.write(`Generating ${String(trustedCaCount)} trusted CA certificates (cached for next time)… `);
  const certificates = await demoCertificates(certificateCache);
  if (!certificatesCached) console.log(seconds(started));
  console.log(
    paint('dim', `Each context trusts ${String(certificates.trustedCas.length)} CAs (one PEM file each), like a real trust store.`),
  );

  started = performance.now();
  const sides = [
    { label: 'before the fix', example: exampleDirectory },
    { label: 'after the fix', example: fixedCopy },
  ];
  const progress = sides.map(() => ({ rotations: 0, rssGrowthBytes: 0, liveContexts: 0 }));
  let lastPrinted = -1;
  const render = (final = false): void => {
    const line = sides
      .map((side, index) => {
        const state = progress[index] ?? { rotations: 0, rssGrowthBytes: 0, liveContexts: 0 };
        return `${side.label}: ${String(state.rotations)}/${String(rotations)} (${megabytes(state.rssGrowthBytes)}, ${String(state.liveContexts)} live)`;
      })
      .join('  |  ');
    if (colors) {
      process.stdout.write(`\r\x1b[2K  ${line}${final ? '\n' : ''}`);
      return;
    }
    // Without a terminal, print at every quarter.
    const quarter = Math.floor((4 * Math.min(...progress.map((state) => state.rotations))) / rotations);
    if (quarter > lastPrinted) {
      lastPrinted = quarter;
      console.log(`  ${line}`);
    }
  };

  const reports = await Promise.all(
    sides.map(
      (side, index) =>
        new Promise<RotationReport>((resolve, reject) => {
          const work = join(workDirectory, `run-${String(index)}`);
          mkdirSync(work);
          const child = fork(
            join(root, 'scripts', 'demo-rotation.ts'),
            ['--example', side.example, '--certificates', JSON.stringify(certificates), '--work', work, '--rotations', String(rotations)],
            { cwd: root, execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] },
          );
          let stderr = '';
          child.stderr?.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
          });
          let report: RotationReport | undefined;
          child.on('message', (message: RotationProgress | RotationReport) => {
            if (message.type === 'progress') {
              progress[index] = message;
              render();
            } else report = message;
          });
          child.on('exit', (code, signal) => {
            if (report !== undefined && code === 0) resolve(report);
            else reject(new Error(`${side.label}: the server process died (${signal ?? `exit ${String(code)}`})\n${stderr}`));
          });
        }),
    ),
  );
  render(true);
  const [before, after] = reports as [RotationReport, RotationReport];
  console.log(paint('dim', `(${seconds(started)})`));
  console.log('');
  const header = ['', 'RSS growth', 'live contexts', 'handshakes', 'failed'];
  const rows = [
    ['before the fix', megabytes(before.rssGrowthBytes), String(before.liveContexts), String(before.handshakes), String(before.failedHandshakes)],
    ['after the fix', megabytes(after.rssGrowthBytes), String(after.liveContexts), String(after.handshakes), String(after.failedHandshakes)],
  ];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  for (const row of [header, ...rows]) {
    console.log(
      `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('   ')}`,
    );
  }
  console.log('');
  console.log(
    paint(
      'bold',
      `before the fix: ${megabytes(before.rssGrowthBytes)}, ${String(before.failedHandshakes)} failed handshakes; ` +
        `after: ${megabytes(after.rssGrowthBytes)}, ${String(after.failedHandshakes)} failed handshakes`,
    ),
  );
  console.log(
    paint(
      'dim',
      `Node frees a context's native memory only when the GC collects its JavaScript object, and V8 counts ~1 KiB for it, ` +
        `so it rarely bothers: a forced full GC at the end brought the unfixed version from ${String(before.liveContexts)} to ` +
        `${String(before.liveContextsAfterGc)} live context${before.liveContextsAfterGc === 1 ? '' : 's'}. The fix closes each old context right after the swap.`,
    ),
  );
  for (const [label, report] of [['before the fix', before], ['after the fix', after]] as const) {
    if (report.firstFailure !== undefined) console.log(paint('red', `${label}: first failed handshake: ${report.firstFailure}`));
  }
  return { before, after };
}

const demoUsage = `Usage: npm run demo [-- --rotations N] [--keep]

  --rotations N   certificate rotations for each version (default 500, at most 100000)
  --keep          keep the fixed copy and the certificate files, and print where
  -h, --help      show this help`;

/** A mistake in how the demo was called: one line and exit code 2, before anything runs. */
class DemoUsageError extends Error {}

interface DemoOptions {
  rotations: number;
  summaryJson: string | undefined;
  keep: boolean;
  help: boolean;
}

export function parseDemoArguments(argv: readonly string[]): DemoOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        rotations: { type: 'string', default: '500' },
        'summary-json': { type: 'string' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    // parseArgs explains at length; the first sentence names the problem.
    const message = error instanceof Error ? error.message : String(error);
    throw new DemoUsageError(`${message.split('. ')[0] ?? message} (see --help)`);
  }
  // A whole decimal number only: "2.5" or "10k" must not quietly become 2 or 10.
  if (!/^\d+$/.test(values.rotations) || Number(values.rotations) < 1 || Number(values.rotations) > 100_000) {
    throw new DemoUsageError(`--rotations must be a whole number from 1 to 100000, got '${values.rotations}'`);
  }
  return { rotations: Number(values.rotations), summaryJson: values['summary-json'], keep: values.keep, help: values.help };
}

async function main(values: DemoOptions): Promise<void> {
  const { rotations } = values;
  const started = performance.now();
  ensureBuilt();
  const workDirectory = mkdtempSync(join(tmpdir(), 'resource-leak-demo-'));
  try {
    const findings = showFindings();
    const fixed = applyFixToCopy(workDirectory);
    const { before, after } = await runSideBySide(fixed.copy, workDirectory, rotations);
    if (values.summaryJson !== undefined) {
      const summary: DemoSummary = {
        findings,
        fixedFiles: fixed.fixedFiles,
        relintExitCode: fixed.relintExitCode,
        fixedCopyTypeChecks: fixed.typeChecks,
        before,
        after,
      };
      writeFileSync(values.summaryJson, `${JSON.stringify(summary, null, 2)}\n`);
    }
    console.log(paint('dim', `\nDemo finished in ${seconds(started)}.`));
  } finally {
    if (values.keep) console.log(`Kept the fixed copy and the certificate files in ${workDirectory}`);
    else rmSync(workDirectory, { recursive: true, force: true });
  }
}

// Run only as a script (the tests import parseDemoArguments and the summary type).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const options = parseDemoArguments(process.argv.slice(2));
    if (options.help) console.log(demoUsage);
    else await main(options);
  } catch (error) {
    if (error instanceof DemoUsageError) {
      console.error(`demo: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(paint('red', `\nThe demo stopped: ${error instanceof Error ? error.message : String(error)}`));
      process.exitCode = 1;
    }
  }
}
