// The package the way a user gets it: `npm pack`, then installed from the tarball into a project
// that has only eslint, typescript-eslint and typescript.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakyFinding, leakySource, readmeEslintConfig, repositoryRoot, userTsconfig } from './user-project.js';

const execFileAsync = promisify(execFile);

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

/** A consumer of the neutral runtime; the @ts-expect-error fails the build if the types came out as `any`. */
const runtimeConsumer = `import { AbstractReferenceCounted, ReferenceCountUtil, type ReferenceCounted } from 'eslint-plugin-resource-leak/runtime';

class PooledBuffer extends AbstractReferenceCounted {
  protected deallocate(): void {}
}
const counted: ReferenceCounted = new PooledBuffer();
export const freed: boolean = ReferenceCountUtil.release(counted);
// @ts-expect-error release() takes a count: the types are real, not \`any\`
counted.release('one');
`;

/** How a consumer type-checks: each moduleResolution the exports must serve, and the library check on. */
const consumerTsconfig = (moduleResolution: 'node16' | 'bundler', file: string, nodeTypes: boolean): string =>
  `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      // No ESNext.Disposable here: the runtime's declarations reference that lib themselves.
      lib: ['ES2022'],
      module: moduleResolution === 'node16' ? 'node16' : 'esnext',
      moduleResolution,
      strict: true,
      // The project installs no @types/node (a user of runtime/tls would); use the repository's.
      types: nodeTypes ? ['node'] : [],
      ...(nodeTypes ? { typeRoots: [join(repositoryRoot, 'node_modules', '@types')] } : {}),
      skipLibCheck: false,
      noEmit: true,
    },
    files: [file],
  })}\n`;

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
    // dist/ is built without source maps: a map would point at src/, which is not shipped.
    expect(paths.filter((path) => path.endsWith('.map') || path.endsWith('.tsbuildinfo'))).toEqual([]);
  });

  it('every export has types and a default that the tarball contains, and the built code has no dangling source map comment', () => {
    const installed = join(directory, 'project', 'node_modules', 'eslint-plugin-resource-leak');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      main: string;
      types: string;
      exports: Record<string, string | { types: string; default: string }>;
      bin: Record<string, string>;
      engines: Record<string, string>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    expect(manifest.engines).toEqual({ node: '>=20.19' });
    expect(manifest.peerDependencies).toEqual({ eslint: '^9.15.0 || ^10.0.0', typescript: '>=5.0.0 <6.1.0' });
    // Users of ./runtime alone are not asked to install ESLint or TypeScript.
    expect(manifest.peerDependenciesMeta).toEqual({ eslint: { optional: true }, typescript: { optional: true } });
    const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin)];
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (subpath === './package.json') continue;
      expect(target, subpath).toEqual({ types: expect.stringMatching(/\.d\.ts$/) as unknown, default: expect.stringMatching(/\.js$/) as unknown });
      if (typeof target === 'object') targets.push(target.types, target.default);
    }
    expect(targets.filter((target) => !existsSync(join(installed, target)))).toEqual([]);
    for (const target of targets.filter((path) => path.endsWith('.js'))) {
      expect(readFileSync(join(installed, target), 'utf8'), target).not.toContain('sourceMappingURL');
    }
  });

  it('types resolve for ./runtime and ./runtime/tls under moduleResolution node16 and bundler (the README\'s runtime snippet type-checks)', async () => {
    const project = join(directory, 'project');
    const readmeRuntime = /\n## The runtime\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readFileSync(join(repositoryRoot, 'README.md'), 'utf8'))?.[1];
    expect(readmeRuntime).toBeDefined();
    mkdirSync(join(project, 'consumer'), { recursive: true });
    writeFileSync(join(project, 'consumer', 'runtime.ts'), runtimeConsumer);
    writeFileSync(join(project, 'consumer', 'readme-runtime.ts'), `${readmeRuntime ?? ''}export {};\n`);
    const tsc = join('node_modules', 'typescript', 'bin', 'tsc');
    const checks = (['node16', 'bundler'] as const).flatMap((moduleResolution) =>
      ([['runtime', false], ['readme-runtime', true]] as const).map(async ([name, nodeTypes]) => {
        const tsconfig = `tsconfig.${name}-${moduleResolution}.json`;
        writeFileSync(join(project, tsconfig), consumerTsconfig(moduleResolution, `consumer/${name}.ts`, nodeTypes));
        // Four compilers at once: the machine has two cores, and each spends a while loading types.
        const checked = await execFileAsync(process.execPath, [tsc, '-p', tsconfig], { cwd: project, encoding: 'utf8' }).then(
          () => '',
          (error: unknown) => (error as { stdout?: string }).stdout ?? String(error),
        );
        return `${name} under ${moduleResolution}: ${checked === '' ? 'ok' : checked}`;
      }),
    );
    expect(await Promise.all(checks)).toEqual([
      'runtime under node16: ok',
      'readme-runtime under node16: ok',
      'runtime under bundler: ok',
      'readme-runtime under bundler: ok',
    ]);
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
    // As the README says to run it; --no: never fetch it from the registry instead.
    const cli = run('npx', ['--no', 'resource-leak', 'src']);
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

  it('the runtime needs none of the optional peers: it loads with no eslint, typescript or dependencies installed; the command names what to install', () => {
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

    // The command needs the optional peers: without them it says what to install, in one line.
    mkdirSync(join(bare, 'src'));
    writeFileSync(join(bare, 'tsconfig.json'), userTsconfig);
    writeFileSync(join(bare, 'src', 'remoting-server.ts'), leakySource);
    const cli = spawnSync(process.execPath, [join(bare, 'node_modules', 'eslint-plugin-resource-leak', 'dist', 'cli', 'bin.js'), 'src'], {
      cwd: bare,
      encoding: 'utf8',
    });
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toMatch(
      /^resource-leak: Cannot find package 'eslint' imported from .*; install eslint, typescript and typescript-eslint next to this package \(npm i -D eslint typescript typescript-eslint\)\n$/,
    );
    expect(cli.status).toBe(2);

    // With everything but TypeScript, the same: the plugin require()s TypeScript, which fails differently.
    for (const entry of readdirSync(join(repositoryRoot, 'node_modules'))) {
      if (['typescript', '.bin', '.package-lock.json', 'eslint-plugin-resource-leak'].includes(entry)) continue;
      symlinkSync(join(repositoryRoot, 'node_modules', entry), join(bare, 'node_modules', entry));
    }
    const withoutTypeScript = spawnSync(process.execPath, [join(bare, 'node_modules', 'eslint-plugin-resource-leak', 'dist', 'cli', 'bin.js'), 'src'], {
      cwd: bare,
      encoding: 'utf8',
    });
    expect(withoutTypeScript.stdout).toBe('');
    expect(withoutTypeScript.stderr).toMatch(
      /^resource-leak: Cannot find module 'typescript'; install eslint, typescript and typescript-eslint next to this package \(npm i -D eslint typescript typescript-eslint\)\n$/,
    );
    expect(withoutTypeScript.status).toBe(2);
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
