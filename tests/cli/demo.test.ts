import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../scripts/demo.js';
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
