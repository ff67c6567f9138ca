// ESLint's own CLI with the plugin: --cache (needs the plugin's meta.name/version) and
// --concurrency 2 (worker threads import the config file again; the plugin must load there).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leakySource, linkedUserProject, readmeEslintConfig } from './user-project.js';

const ruleId = 'resource-leak/no-unreleased-overwrite';

// The leak again, but with its release-able type declared in another file.
const sharedTypes = `export interface SslContext {
  release(): boolean;
}
export declare function buildSslContext(): SslContext;
`;
const consumer = `import { buildSslContext, type SslContext } from './ssl-context.js';

export class Negotiator {
  private sslContext: SslContext | undefined;

  loadSslContext(): void {
    this.sslContext = buildSslContext();
  }
}
`;

// Records each thread that evaluates the config (and so loads the plugin).
const configWithLoadLog = `import { appendFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
${readmeEslintConfig().replace('// eslint.config.js\n', '')}
appendFileSync(new URL('./config-loads.log', import.meta.url), \`\${String(threadId)}\\n\`);
`;

interface Finding {
  file: string;
  line: number;
  ruleId: string | null;
}

describe('ESLint CLI with the plugin', () => {
  let project: ReturnType<typeof linkedUserProject>;
  beforeEach(() => {
    project = linkedUserProject({
      'src/remoting-server.ts': leakySource,
      'src/ssl-context.ts': sharedTypes,
      'src/negotiator.ts': consumer,
      'eslint.config.js': configWithLoadLog,
    });
  });
  afterEach(() => {
    project.dispose();
  });

  const eslint = (...args: string[]) => {
    const run = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '--format', 'json', ...args, 'src'], {
      cwd: project.directory,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const findings = (JSON.parse(run.stdout || '[]') as { filePath: string; messages: { line: number; ruleId: string | null }[] }[])
      .flatMap((result) =>
        result.messages.map((message) => ({
          file: result.filePath.slice(project.directory.length + 1),
          line: message.line,
          ruleId: message.ruleId,
        })),
      )
      .sort((a, b) => a.file.localeCompare(b.file));
    return { status: run.status, stderr: run.stderr, findings };
  };
  const bothLeaks: Finding[] = [
    { file: 'src/negotiator.ts', line: 7, ruleId },
    { file: 'src/remoting-server.ts', line: 11, ruleId },
  ];

  it('--cache serves stored results, and does not know when another file\'s types change (the documented limit)', () => {
    const first = eslint('--cache', '--cache-location', '.eslintcache');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1);
    expect(first.findings).toEqual(bothLeaks);
    const cache = readFileSync(join(project.directory, '.eslintcache'), 'utf8');
    expect(cache).toContain(ruleId);
    expect(cache).toContain('negotiator.ts');

    // SslContext stops being release-able; negotiator.ts itself is unchanged, so its entry is reused.
    writeFileSync(
      join(project.directory, 'src', 'ssl-context.ts'),
      sharedTypes.replace('release(): boolean;', 'fingerprint: string;'),
    );
    const cached = eslint('--cache', '--cache-location', '.eslintcache');
    expect(cached.status).toBe(1);
    expect(cached.findings).toEqual(bothLeaks);
    const fresh = eslint();
    expect(fresh.findings).toEqual([{ file: 'src/remoting-server.ts', line: 11, ruleId }]);
  });

  it('--concurrency 2 lints in worker threads that load the plugin from the config file', () => {
    const run = eslint('--concurrency', '2');
    expect(run.status).toBe(1);
    expect(run.findings).toEqual(bothLeaks);
    const threads = new Set(readFileSync(join(project.directory, 'config-loads.log'), 'utf8').trim().split('\n'));
    // The main thread (0) plus at least one worker thread evaluated the config.
    expect([...threads].filter((thread) => thread !== '0').length).toBeGreaterThanOrEqual(1);
  });
});
