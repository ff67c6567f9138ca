import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDemoArguments, type DemoSummary } from '../../scripts/demo.js';
import { repositoryRoot } from './example-copy.js';

const rotations = 30;

describe('npm run demo', () => {
  it(`finds, fixes and measures: with ${String(rotations)} rotations the fixed server ends with 1 live context, the original grows`, () => {
    const directory = mkdtempSync(join(tmpdir(), 'resource-leak-demo-test-'));
    try {
      const summaryFile = join(directory, 'summary.json');
      const demo = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/demo.ts', '--rotations', String(rotations), '--summary-json', summaryFile],
        { cwd: repositoryRoot, encoding: 'utf8', timeout: 170_000 },
      );
      expect(demo.stderr).toBe('');
      expect(demo.status).toBe(0);
      // The three parts, in order.
      const findings = demo.stdout.indexOf('1. Findings');
      const diff = demo.stdout.indexOf('+++ b/src/remoting-server.ts');
      const sideBySide = demo.stdout.indexOf('3. Both versions side by side');
      expect(findings).toBeGreaterThan(-1);
      expect(diff).toBeGreaterThan(findings);
      expect(sideBySide).toBeGreaterThan(diff);
      expect(demo.stdout).toMatch(/before the fix: \+\d+ MB, 0 failed handshakes; after: [+−]\d+ MB, 0 failed handshakes/);
      // The findings in stylish format, and progress while the rotations run (a line per quarter without a terminal).
      expect(demo.stdout).toContain('3 problems (3 errors, 0 warnings)');
      const progressLines = demo.stdout
        .slice(sideBySide)
        .split('\n')
        .filter((line) => /^ {2}before the fix: \d+\/30 \([+−]\d+ MB, \d+ live\) {2}\| {2}after the fix: \d+\/30 /.test(line));
      expect(progressLines.length).toBeGreaterThanOrEqual(3);
      expect(progressLines.at(-1)).toMatch(/before the fix: 30\/30 .*after the fix: 30\/30 \([+−]\d+ MB, 1 live\)$/);

      const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as DemoSummary;
      expect(summary.findings.map(({ file, line }) => `${file}:${String(line)}`)).toHaveLength(3);
      expect(summary.fixedFiles).toEqual(['src/remoting-server.ts', 'src/tls-negotiator.ts']);
      expect(summary.relintExitCode).toBe(0);
      expect(summary.fixedCopyTypeChecks).toBe(true);

      expect(summary.after.createdContexts).toBe(rotations + 1);
      expect(summary.after.liveContexts).toBe(1);
      expect(summary.after.closedContexts).toBe(rotations);
      expect(summary.after.failedHandshakes).toBe(0);
      expect(summary.after.handshakes).toBeGreaterThan(0);

      expect(summary.before.createdContexts).toBe(rotations + 1);
      expect(summary.before.closedContexts).toBe(0);
      // Nothing closes them; only a full GC would, and V8 sees ~1 KiB per context.
      expect(summary.before.liveContexts).toBeGreaterThan(rotations / 2);
      expect(summary.before.failedHandshakes).toBe(0);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('npm run demo arguments', () => {
  it('--rotations takes a whole number; the default is 500', () => {
    expect(parseDemoArguments([]).rotations).toBe(500);
    expect(parseDemoArguments(['--rotations', '100']).rotations).toBe(100);
    expect(parseDemoArguments(['--rotations=7']).rotations).toBe(7);
  });

  const mistakes: { args: string[]; message: string }[] = [
    { args: ['--rotations', '2.5'], message: "demo: --rotations must be a whole number from 1 to 100000, got '2.5'" },
    { args: ['--rotations', '10k'], message: "demo: --rotations must be a whole number from 1 to 100000, got '10k'" },
    { args: ['--rotations', '0'], message: "demo: --rotations must be a whole number from 1 to 100000, got '0'" },
    { args: ['--rotations'], message: "demo: Option '--rotations <value>' argument missing (see --help)" },
    { args: ['--rotaions', '5'], message: "demo: Unknown option '--rotaions' (see --help)" },
    { args: ['500'], message: "demo: Unexpected argument '500' (see --help)" },
  ];
  for (const { args, message } of mistakes) {
    it(`${args.join(' ')}: one line naming the problem, exit 2, before any work`, () => {
      const demo = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', ...args], {
        cwd: repositoryRoot,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(demo.stdout).toBe('');
      expect(demo.stderr).toBe(`${message}\n`);
      expect(demo.status).toBe(2);
    });
  }

  it('--help prints the usage and exits 0', () => {
    const demo = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--help'], {
      cwd: repositoryRoot,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(demo.status).toBe(0);
    expect(demo.stdout).toMatch(/^Usage: npm run demo \[-- --rotations N\] \[--keep\]\n/);
  });
});
