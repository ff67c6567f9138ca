// The package the way a user gets it: `npm pack`, then installed from the tarball into a project
// that has only eslint, typescript-eslint and typescript.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakyFinding, leakySource, readmeEslintConfig, repositoryRoot, userTsconfig } from './user-project.js';

const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(repositoryRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;

const typedConfig = `import { defineConfig } from 'eslint/config';
import resourceLeak from 'eslint-plugin-resource-leak';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true } },
  },
  resourceLeak.configs.recommended,
  resourceLeak.configs.strict,
  {
    plugins: { 'resource-leak': resourceLeak },
    rules: { 'resource-leak/no-unreleased-overwrite': ['error', { order: 'release-after-assign' }] },
  },
);
`;

// The same check must be able to fail: a plugin that is not one does not type-check.
const wrongTypedConfig = `import { defineConfig } from 'eslint/config';

export default defineConfig({ plugins: { 'resource-leak': 42 } });
`;

describe('npm pack, installed into a fresh project', () => {
  let directory: string;
  let tarball: string;
  const run = (command: string, args: string[]) =>
    spawnSync(command, args, { cwd: join(directory, 'project'), encoding: 'utf8', timeout: 60_000 });

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'resource-leak-pack-'));
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', directory], {
        cwd: repositoryRoot,
        encoding: 'utf8',
      }),
    ) as { filename: string }[];
    tarball = join(directory, packed[0]?.filename ?? 'missing.tgz');
    const project = join(directory, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "user-project", "private": true, "type": "module" }\n');
    writeFileSync(join(project, 'tsconfig.json'), userTsconfig);
    writeFileSync(join(project, 'src', 'remoting-server.ts'), leakySource);
    writeFileSync(join(project, 'eslint.config.js'), readmeEslintConfig());
    writeFileSync(join(project, 'eslint.config.mts'), typedConfig);
    execFileSync(
      'npm',
      [
        'install',
        '--save-dev',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `eslint@${installedVersion('eslint')}`,
        `typescript-eslint@${installedVersion('typescript-eslint')}`,
        `typescript@${installedVersion('typescript')}`,
        tarball,
      ],
      { cwd: project, encoding: 'utf8', timeout: 120_000 },
    );
  }, 180_000);
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('ships dist/, docs/ and the README, and no sources or tests', () => {
    const files = execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    });
    const paths = (JSON.parse(files) as { files: { path: string }[] }[])[0]?.files.map((file) => file.path) ?? [];
    expect(paths).toContain('dist/index.js');
    expect(paths).toContain('dist/cli/bin.js');
    expect(paths).toContain('dist/runtime/index.js');
    expect(paths).toContain('README.md');
    expect(paths.filter((path) => /^(src|tests|examples|scripts|bench)\//.test(path))).toEqual([]);
  });

  it('lints a file through the README\'s eslint.config.js and reports the leak', () => {
    const eslint = run(process.execPath, ['node_modules/eslint/bin/eslint.js', '--format', 'json', 'src']);
    expect(eslint.stderr).toBe('');
    expect(eslint.status).toBe(1);
    const [result] = JSON.parse(eslint.stdout) as { messages: { ruleId: string; line: number; column: number }[] }[];
    expect(result?.messages.map(({ ruleId, line, column }) => ({ ruleId, line, column }))).toEqual([
      { ruleId: 'resource-leak/no-unreleased-overwrite', ...leakyFinding },
    ]);
  });

  it('installs the resource-leak command, which reports the same leak with no ESLint config', () => {
    const cli = run(join(directory, 'project', 'node_modules', '.bin', 'resource-leak'), ['src']);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`${String(leakyFinding.line)}:${String(leakyFinding.column)}  error`);
  });

  it('imports eslint-plugin-resource-leak/runtime and /runtime/tls from plain Node', () => {
    const node = run(process.execPath, [
      '--input-type=module',
      '-e',
      `const runtime = await import('eslint-plugin-resource-leak/runtime');
const tls = await import('eslint-plugin-resource-leak/runtime/tls');
console.log(JSON.stringify({
  releaseResource: typeof runtime.releaseResource,
  ReferenceCountUtil: typeof runtime.ReferenceCountUtil,
  AbstractReferenceCounted: typeof runtime.AbstractReferenceCounted,
  ReloadableSecureContext: typeof tls.ReloadableSecureContext,
}));`,
    ]);
    expect(node.stderr).toBe('');
    expect(JSON.parse(node.stdout)).toEqual({
      releaseResource: 'function',
      ReferenceCountUtil: 'object',
      AbstractReferenceCounted: 'function',
      ReloadableSecureContext: 'function',
    });
  });

  it('the runtime needs none of the optional peers: it loads with no eslint, typescript or dependencies installed', () => {
    const bare = join(directory, 'runtime-only');
    mkdirSync(join(bare, 'node_modules'), { recursive: true });
    writeFileSync(join(bare, 'package.json'), '{ "name": "runtime-only", "private": true, "type": "module" }\n');
    execFileSync('tar', ['-xzf', tarball, '-C', join(bare, 'node_modules')]);
    renameSync(join(bare, 'node_modules', 'package'), join(bare, 'node_modules', 'eslint-plugin-resource-leak'));
    const node = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { ReferenceCountUtil } = await import('eslint-plugin-resource-leak/runtime');
const { ReloadableSecureContext } = await import('eslint-plugin-resource-leak/runtime/tls');
console.log(typeof ReferenceCountUtil.release, typeof ReloadableSecureContext.fromFiles);`,
      ],
      { cwd: bare, encoding: 'utf8' },
    );
    expect(node.stderr).toBe('');
    expect(node.stdout.trim()).toBe('function function');
  });

  it('require() from CommonJS returns the plugin itself', () => {
    const node = run(process.execPath, [
      '-e',
      `const plugin = require('eslint-plugin-resource-leak');
console.log(JSON.stringify({ namespace: plugin.meta.namespace, rules: Object.keys(plugin.rules), hasDefault: 'default' in plugin }));`,
    ]);
    expect(node.stderr).toBe('');
    expect(JSON.parse(node.stdout)).toEqual({
      namespace: 'resource-leak',
      rules: ['no-unreleased-overwrite'],
      hasDefault: false,
    });
  });

  it('a typed eslint.config.mts using defineConfig with the plugin type-checks, and a wrong one does not', () => {
    const tsc = join('node_modules', 'typescript', 'bin', 'tsc');
    const good = run(process.execPath, [tsc, '-p', 'tsconfig.json']);
    expect(good.stdout).toBe('');
    expect(good.status).toBe(0);
    writeFileSync(join(directory, 'project', 'eslint.config.wrong.mts'), wrongTypedConfig);
    const wrong = run(process.execPath, [tsc, '-p', 'tsconfig.json']);
    rmSync(join(directory, 'project', 'eslint.config.wrong.mts'));
    expect(wrong.status).toBe(2);
    expect(wrong.stdout).toMatch(/^eslint\.config\.wrong\.mts\(3,/m);
    expect(wrong.stdout).not.toMatch(/^eslint\.config\.mts/m);
  });
});
