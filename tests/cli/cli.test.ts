import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyExample,
  exampleDirectory,
  lineOf,
  repositoryRoot,
  resourceLeak,
  typecheck,
} from './example-copy.js';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; message: string; fix?: unknown }[];
}

const ruleId = 'resource-leak/no-unreleased-overwrite';

/** The three stores the RocketMQ port has: the inherited field, and the static one in both branches. */
function expectedSites(directory: string): { file: string; line: number; column: number }[] {
  const server = readFileSync(join(directory, 'src/remoting-server.ts'), 'utf8');
  const negotiator = readFileSync(join(directory, 'src/tls-negotiator.ts'), 'utf8');
  const serverLine = lineOf(server, 'this.sslContext = tls.createSecureContext');
  const testModeLine = lineOf(negotiator, 'TlsNegotiator.sslContext = tls.createSecureContext');
  const filesLine = lineOf(negotiator, 'TlsNegotiator.sslContext = tls.createSecureContext', testModeLine);
  const columnOf = (text: string, line: number, needle: string): number =>
    (text.split('\n')[line - 1] ?? '').indexOf(needle) + 1;
  return [
    { file: 'remoting-server.ts', line: serverLine, column: columnOf(server, serverLine, 'this.sslContext') },
    { file: 'tls-negotiator.ts', line: testModeLine, column: columnOf(negotiator, testModeLine, 'TlsNegotiator') },
    { file: 'tls-negotiator.ts', line: filesLine, column: columnOf(negotiator, filesLine, 'TlsNegotiator') },
  ];
}

function sites(results: JsonResult[]): { file: string; line: number; column: number; ruleId: string | null }[] {
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      file: result.filePath.split('/').at(-1) ?? result.filePath,
      line: message.line,
      column: message.column,
      ruleId: message.ruleId,
    })),
  );
}

describe('resource-leak on examples/tls-reload', () => {
  it('reports exactly the three sites, with their lines and columns, and exits 1', () => {
    const run = resourceLeak(['examples/tls-reload', '--format', 'json'], repositoryRoot);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const reported = sites(JSON.parse(run.stdout) as JsonResult[]);
    expect(reported).toEqual(expectedSites(exampleDirectory).map((site) => ({ ...site, ruleId })));
  });

  it('prints the findings in ESLint\'s stylish format by default', () => {
    const run = resourceLeak([], exampleDirectory);
    expect(run.status).toBe(1);
    for (const site of expectedSites(exampleDirectory)) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${String(site.line)}:${String(site.column)}\\s+error\\s+.*${ruleId}$`, 'm'));
    }
    expect(run.stdout).toContain(join(exampleDirectory, 'src', 'remoting-server.ts'));
    expect(run.stdout).toContain('3 problems (3 errors, 0 warnings)');
  });
});

describe('examples/tls-reload/eslint.config.js', () => {
  it('reports the same three sites through ESLint with the example\'s own config', async () => {
    const eslint = new ESLint({ cwd: exampleDirectory });
    const results = await eslint.lintFiles(['.']);
    // Every TypeScript file is linted (the config's own .js file gets ESLint's defaults).
    expect(results.map((result) => relative(exampleDirectory, result.filePath)).filter((path) => path.endsWith('.ts')).sort()).toEqual(
      readdirSync(join(exampleDirectory, 'src')).map((name) => join('src', name)).sort(),
    );
    expect(sites(results as JsonResult[])).toEqual(expectedSites(exampleDirectory).map((site) => ({ ...site, ruleId })));
  });
});

describe('resource-leak --fix on a copy of the example', () => {
  let copy: ReturnType<typeof copyExample>;
  beforeAll(() => {
    copy = copyExample();
  });
  afterAll(() => {
    copy.dispose();
  });

  const sources = (): Record<string, string> =>
    Object.fromEntries(
      readdirSync(join(copy.directory, 'src')).map((name) => [name, readFileSync(join(copy.directory, 'src', name), 'utf8')]),
    );

  it('changes nothing without --fix', () => {
    const before = sources();
    const run = resourceLeak(['--format', 'json'], copy.directory);
    expect(run.status).toBe(1);
    expect(sites(JSON.parse(run.stdout) as JsonResult[])).toHaveLength(3);
    expect(sources()).toEqual(before);
  });

  it('fixes all three sites into code that type-checks, and a second run is clean', () => {
    const before = sources();
    const fix = resourceLeak(['--fix'], copy.directory);
    expect(fix.stderr).toBe('');
    expect(fix.stdout).toBe('');
    expect(fix.status).toBe(0);
    const after = sources();
    expect(Object.keys(after).filter((name) => after[name] !== before[name]).sort()).toEqual([
      'remoting-server.ts',
      'tls-negotiator.ts',
    ]);
    // The fix saves the old context and releases it after the new one is in the field.
    const server = after['remoting-server.ts'] ?? '';
    const save = server.indexOf('const oldSslContext = this.sslContext;');
    const assign = server.indexOf('this.sslContext = tls.createSecureContext', save);
    expect(save).toBeGreaterThan(-1);
    expect(assign).toBeGreaterThan(save);
    expect(server.slice(assign)).toMatch(/oldSslContext[\s\S]*close\(\)/);

    const compiled = typecheck(copy.directory);
    expect(compiled.stdout).toBe('');
    expect(compiled.status).toBe(0);

    const second = resourceLeak(['--format', 'json'], copy.directory);
    expect(second.status).toBe(0);
    expect(sites(JSON.parse(second.stdout) as JsonResult[])).toEqual([]);
  });
});

describe('resource-leak usage errors exit 2 with one line naming the problem', () => {
  const cases: { name: string; args: string[]; cwd?: string; message: RegExp }[] = [
    { name: 'an unknown flag', args: ['--fixx'], message: /^resource-leak: unknown option --fixx/ },
    { name: 'a path that does not exist', args: ['no/such/dir'], message: /^resource-leak: path does not exist: no\/such\/dir$/ },
    {
      name: 'an unknown format',
      args: ['--format', 'xml'],
      message: /^resource-leak: unknown format 'xml' for --format \(expected stylish, json or sarif\)$/,
    },
    { name: 'a missing option value', args: ['--project'], message: /^resource-leak: option --project needs a value$/ },
    {
      name: 'a --project file that does not exist',
      args: ['--project', 'tsconfig.missing.json'],
      message: /^resource-leak: --project tsconfig\.missing\.json: no such file$/,
    },
    { name: 'no tsconfig.json anywhere above the path', args: ['/'], message: /^resource-leak: no tsconfig\.json found for \/ / },
    {
      name: 'an --output-file in a directory that does not exist (checked before linting)',
      args: ['--format', 'sarif', '--output-file', 'reports/resource-leak.sarif'],
      message: /^resource-leak: --output-file reports\/resource-leak\.sarif: directory reports does not exist$/,
    },
    { name: 'an --output-file that is a directory', args: ['-o', 'src'], message: /^resource-leak: --output-file src: is a directory$/ },
  ];
  for (const { name, args, message } of cases) {
    it(name, () => {
      const run = resourceLeak(args, exampleDirectory);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr.trimEnd()).toMatch(message);
    });
  }

  it('a file that is not TypeScript, named on the command line', () => {
    const run = resourceLeak(['tsconfig.json'], exampleDirectory);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'resource-leak: not a TypeScript file: tsconfig.json (resource-leak checks .ts, .tsx, .mts and .cts files)\n',
    );
  });

  it('a --project directory without a tsconfig.json', () => {
    const run = resourceLeak(['--project', 'src'], exampleDirectory);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('resource-leak: --project src: no such file (no tsconfig.json in that directory)\n');
  });

  it('--help prints the usage and exits 0', () => {
    const run = resourceLeak(['--help'], exampleDirectory);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: resource-leak [paths…] [--fix] [--format stylish|json|sarif] [--project tsconfig.json]');
  });
});

describe('resource-leak when nothing, or not everything, could be checked', () => {
  let copy: ReturnType<typeof copyExample>;
  beforeAll(() => {
    copy = copyExample();
    mkdirSync(join(copy.directory, 'scripts'));
    // Outside the tsconfig's "include": ["src"], so the project service has no program for it.
    writeFileSync(join(copy.directory, 'scripts', 'rotate.ts'), 'export const rotations: number = 1;\n');
    mkdirSync(join(copy.directory, 'plain-js'));
    writeFileSync(join(copy.directory, 'plain-js', 'index.js'), 'export const plain = 1;\n');
  });
  afterAll(() => {
    copy.dispose();
  });

  it('a directory with no TypeScript files exits 2 instead of reporting a clean result', () => {
    const run = resourceLeak(['plain-js'], copy.directory);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('resource-leak: no TypeScript files (.ts, .tsx, .mts, .cts) in plain-js\n');
    expect(run.status).toBe(2);
  });

  it('a file that no tsconfig.json includes was not checked: exit 2 and one line naming it and the cause', () => {
    const run = resourceLeak(['scripts'], copy.directory);
    expect(run.stderr).toBe(
      'resource-leak: 1 file could not be checked for leaks (scripts/rotate.ts: no tsconfig.json includes it; add it to one, or pass --project)\n',
    );
    expect(run.stdout).toContain('was not found by the project service');
    expect(run.status).toBe(2);
  });

  // typescript-estree builds programs once ("single run") under CI=true and in watch mode otherwise;
  // the two say "not in the project" in different words.
  it.each([
    ['single run, as under CI=true', 'true'],
    ['watch mode, as in an editor', 'false'],
  ])('with --project, names that tsconfig as the one that does not include the file (%s)', (_mode, singleRun) => {
    const run = resourceLeak(['--project', '.', 'scripts/rotate.ts'], copy.directory, { TSESTREE_SINGLE_RUN: singleRun });
    expect(run.stderr).toBe(
      'resource-leak: 1 file could not be checked for leaks (scripts/rotate.ts: tsconfig.json does not include it)\n',
    );
    expect(run.status).toBe(2);
  });

  it('a file that does not parse is named with the parse error; findings elsewhere still exit 1', () => {
    writeFileSync(join(copy.directory, 'src', 'half-written.ts'), 'export const port = ;\n');
    const run = resourceLeak(['src', 'scripts'], copy.directory);
    unlinkSync(join(copy.directory, 'src', 'half-written.ts'));
    expect(run.stderr).toBe(
      'resource-leak: 2 files could not be checked for leaks (e.g. scripts/rotate.ts: no tsconfig.json includes it; add it to one, or pass --project)\n',
    );
    expect(run.stdout).toContain('Parsing error: Expression expected');
    expect(run.stdout).toContain('5 problems (5 errors, 0 warnings)');
    expect(run.status).toBe(1);
  });
});

describe('resource-leak on code whose imports do not resolve', () => {
  let copy: ReturnType<typeof copyExample>;
  beforeAll(() => {
    copy = copyExample();
  });
  afterAll(() => {
    copy.dispose();
  });

  it('exits 0 on a clean project with --project, without warnings', () => {
    const run = resourceLeak(['--project', 'tsconfig.json', 'src/client.ts', 'src/certificate-files.ts'], copy.directory);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('warns that node types are missing (TypeScript 6 "types": []) instead of a silent clean result', () => {
    const tsconfigPath = join(copy.directory, 'tsconfig.json');
    const tsconfig = readFileSync(tsconfigPath, 'utf8');
    writeFileSync(tsconfigPath, tsconfig.replace(/^\s*"types": \["node"\],\n/m, ''));
    const run = resourceLeak([], copy.directory);
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
    const [first, cause] = run.stderr.trimEnd().split('\n');
    expect(first).toMatch(
      /^resource-leak: warning: \d+ of \d+ imports did not resolve \(e\.g\. 'node:[a-z]+' in src\/[a-z-]+\.ts\); their types are `any`/,
    );
    expect(cause).toContain('tsconfig.json does not list "types": ["node"]. TypeScript 6 defaults "types" to []');

    // In CI the same warning reaches code scanning, as a notification of the run.
    const sarif = resourceLeak(['--format', 'sarif'], copy.directory);
    const notifications = (
      JSON.parse(sarif.stdout) as { runs: { invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] }
    ).runs[0]?.invocations[0]?.toolExecutionNotifications;
    expect(notifications).toEqual([
      { level: 'warning', message: { text: expect.stringMatching(/^\d+ of \d+ imports did not resolve[\s\S]*"types": \["node"\]/) as unknown } },
    ]);
  });

  it('ignores the code\'s disable comments for rules of plugins it does not load', () => {
    writeFileSync(
      join(copy.directory, 'src', 'annotated.ts'),
      [
        '// eslint-disable-next-line @typescript-eslint/no-explicit-any',
        'export const anything: any = 1;',
        '/* eslint-disable-next-line import/no-default-export */',
        'export default anything;',
        '',
      ].join('\n'),
    );
    const run = resourceLeak(['--project', 'tsconfig.json', 'src/annotated.ts'], copy.directory);
    unlinkSync(join(copy.directory, 'src', 'annotated.ts'));
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('names missing dependencies as the likely cause when packages do not resolve', () => {
    writeFileSync(
      join(copy.directory, 'src', 'broker.ts'),
      [
        "import { Broker } from 'broker-client';",
        "import { Codec } from 'broker-codec';",
        "import { Metrics } from 'broker-metrics';",
        'export const parts = [Broker, Codec, Metrics];',
        '',
      ].join('\n'),
    );
    const run = resourceLeak(['src/broker.ts'], copy.directory);
    unlinkSync(join(copy.directory, 'src', 'broker.ts'));
    expect(run.status).toBe(0);
    const [first, cause] = run.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^resource-leak: warning: 3 of 3 imports did not resolve \(e\.g\. 'broker-client' in src\/broker\.ts\)/);
    expect(cause).toContain('dependencies are not installed (run npm ci first)');
  });

  it('names a missing @types/node when the tsconfig asks for node types', () => {
    const tsconfigPath = join(copy.directory, 'tsconfig.json');
    writeFileSync(
      tsconfigPath,
      readFileSync(join(exampleDirectory, 'tsconfig.json'), 'utf8'),
    );
    unlinkSync(join(copy.directory, 'node_modules'));
    const run = resourceLeak([], copy.directory);
    expect(run.status).toBe(0);
    const [first, cause] = run.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^resource-leak: warning: \d+ of \d+ imports did not resolve \(e\.g\. 'node:/);
    expect(cause).toContain('tsconfig.json lists "types": ["node"] but @types/node is not installed');
  });
});

describe('resource-leak with ESLint 9 as the project\'s eslint (the peer range promises 9 and 10)', () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'resource-leak-eslint9-'));
    // The package as installed: its dist/ and package.json, its dependencies beside it, and eslint 9.
    const installed = join(project, 'node_modules', 'eslint-plugin-resource-leak');
    mkdirSync(installed, { recursive: true });
    cpSync(join(repositoryRoot, 'dist'), join(installed, 'dist'), { recursive: true });
    cpSync(join(repositoryRoot, 'package.json'), join(installed, 'package.json'));
    for (const name of ['typescript', '@typescript-eslint', 'ts-api-utils', '@types']) {
      symlinkSync(join(repositoryRoot, 'node_modules', name), join(project, 'node_modules', name), 'dir');
    }
    symlinkSync(join(repositoryRoot, 'node_modules', 'eslint-v9'), join(project, 'node_modules', 'eslint'), 'dir');
    cpSync(exampleDirectory, join(project, 'tls-reload'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "private": true, "type": "module" }\n');
  });
  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
  });

  it('reports the three sites, and --fix leaves nothing to report', () => {
    const bin = join(project, 'node_modules', 'eslint-plugin-resource-leak', 'dist', 'cli', 'bin.js');
    const eslintVersion = spawnSync(process.execPath, ['--input-type=module', '-e', "console.log((await import('eslint')).ESLint.version)"], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(eslintVersion.stdout).toMatch(/^9\./);
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    const first = run(['tls-reload', '--format', 'json']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1);
    expect(sites(JSON.parse(first.stdout) as JsonResult[])).toEqual(
      expectedSites(join(project, 'tls-reload')).map((site) => ({ ...site, ruleId })),
    );
    const fix = run(['tls-reload', '--fix']);
    expect(fix.stderr).toBe('');
    expect(fix.status).toBe(0);
    expect(run(['tls-reload']).status).toBe(0);
  });
});
