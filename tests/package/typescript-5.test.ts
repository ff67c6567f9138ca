// The peer range says `typescript >=5.0.0 <6.1.0`, and the dev pin is 6.0.3. This runs the built
// plugin on the bundled example under TypeScript 5 (the `typescript-5` alias), in a child process
// where every `require('typescript')` and `import 'typescript'` is redirected to that alias, and
// compares its findings and fixes with the same run under TypeScript 6.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedUserProject, repositoryRoot } from './user-project.js';

const ruleId = 'resource-leak/no-unreleased-overwrite';
const typescript5Version = JSON.parse(
  readFileSync(join(repositoryRoot, 'node_modules', 'typescript-5', 'package.json'), 'utf8'),
) as { version: string };

// Preloaded with `--import`: CommonJS requests go through Module._resolveFilename, ESM imports
// (the plugin's dist/ is ESM) through a registered resolve hook; both map 'typescript[/…]' to
// 'typescript-5[/…]', resolved from the same place, so one TypeScript 5 instance serves everyone.
const useTypescript5 = `import Module, { register } from 'node:module';

const toTypescript5 = (request) =>
  request === 'typescript' || request.startsWith('typescript/') ? 'typescript-5' + request.slice('typescript'.length) : request;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, toTypescript5(request), ...rest);
};
register('./typescript-5-resolve-hook.mjs', import.meta.url);
`;

const resolveHook = `export async function resolve(specifier, context, nextResolve) {
  const redirected =
    specifier === 'typescript' || specifier.startsWith('typescript/') ? 'typescript-5' + specifier.slice('typescript'.length) : specifier;
  return nextResolve(redirected, context);
}
`;

// Lints the example with ESLint's Node API, then fixes it and type-checks the fixed files with
// whichever TypeScript this process resolves; prints one JSON line.
const lintExample = `import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ESLint } from 'eslint';
import esmTypescript from 'typescript';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const cwd = process.cwd();

const findings = [];
for (const result of await new ESLint({ cwd }).lintFiles(['src'])) {
  for (const message of result.messages) {
    findings.push({
      file: relative(cwd, result.filePath),
      ruleId: message.ruleId,
      messageId: message.messageId,
      line: message.line,
      column: message.column,
      fixed: message.fix !== undefined,
      suggestions: (message.suggestions ?? []).map((suggestion) => suggestion.messageId),
    });
  }
}

const fixedFiles = {};
for (const result of await new ESLint({ cwd, fix: true }).lintFiles(['src'])) {
  if (result.output === undefined) continue;
  fixedFiles[relative(cwd, result.filePath)] = result.output;
  writeFileSync(result.filePath, result.output);
}

const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)].map((diagnostic) =>
  ts.flattenDiagnosticMessageText(diagnostic.messageText, '\\n'),
);

const loadedTypescript = Object.keys(require.cache).filter((path) => /[\\\\/]node_modules[\\\\/]typescript(-5)?[\\\\/]/.test(path));
console.log(JSON.stringify({
  requiredVersion: ts.version,
  importedVersion: esmTypescript.version,
  loadedTypescript: loadedTypescript.map((path) => path.replace(/^.*[\\\\/]node_modules[\\\\/]/, '')),
  findings,
  fixedFiles,
  diagnosticsAfterFix: diagnostics,
}));
`;

interface ExampleRun {
  requiredVersion: string;
  importedVersion: string;
  loadedTypescript: string[];
  findings: { file: string; ruleId: string; messageId: string; line: number; column: number; fixed: boolean; suggestions: string[] }[];
  fixedFiles: Record<string, string>;
  diagnosticsAfterFix: string[];
}

function exampleProject(): ReturnType<typeof linkedUserProject> {
  const example = join(repositoryRoot, 'examples', 'tls-reload');
  const project = linkedUserProject({
    'use-typescript-5.mjs': useTypescript5,
    'typescript-5-resolve-hook.mjs': resolveHook,
    'lint-example.mjs': lintExample,
  });
  cpSync(join(example, 'tsconfig.json'), join(project.directory, 'tsconfig.json'));
  cpSync(join(example, 'eslint.config.js'), join(project.directory, 'eslint.config.js'));
  cpSync(join(example, 'src'), join(project.directory, 'src'), { recursive: true });
  symlinkSync(join(repositoryRoot, 'node_modules', 'typescript-5'), join(project.directory, 'node_modules', 'typescript-5'), 'dir');
  return project;
}

function runExample(directory: string, nodeOptions: readonly string[]): ExampleRun {
  const run = spawnSync(process.execPath, [...nodeOptions, 'lint-example.mjs'], {
    cwd: directory,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`lint-example.mjs exited ${String(run.status)}: ${run.stderr}`);
  return JSON.parse(run.stdout) as ExampleRun;
}

/** Where the example's three leaks are: line of the store, column of its left side. */
function expectedSites(): { file: string; line: number; column: number }[] {
  const source = (name: string): string[] =>
    readFileSync(join(repositoryRoot, 'examples', 'tls-reload', 'src', name), 'utf8').split('\n');
  const server = source('remoting-server.ts');
  const negotiator = source('tls-negotiator.ts');
  const serverLine = server.findIndex((line) => line.includes('this.sslContext = tls.createSecureContext'));
  const negotiatorLines = negotiator.flatMap((line, index) =>
    line.includes('TlsNegotiator.sslContext = tls.createSecureContext') ? [index] : [],
  );
  return [
    { file: 'src/remoting-server.ts', line: serverLine + 1, column: (server[serverLine] ?? '').indexOf('this.sslContext') + 1 },
    ...negotiatorLines.map((index) => ({
      file: 'src/tls-negotiator.ts',
      line: index + 1,
      column: (negotiator[index] ?? '').indexOf('TlsNegotiator') + 1,
    })),
  ];
}

describe(`the built plugin under TypeScript ${typescript5Version.version} (peer range's 5.x end)`, () => {
  let underTypescript5: ExampleRun;
  let underTypescript6: ExampleRun;
  const projects: ReturnType<typeof linkedUserProject>[] = [];
  beforeAll(() => {
    const project5 = exampleProject();
    const project6 = exampleProject();
    projects.push(project5, project6);
    underTypescript5 = runExample(project5.directory, ['--import', './use-typescript-5.mjs']);
    underTypescript6 = runExample(project6.directory, []);
  }, 240_000);
  afterAll(() => {
    for (const project of projects) project.dispose();
  });

  it('really ran on TypeScript 5: require, import and every loaded TypeScript module are 5.x', () => {
    expect(typescript5Version.version).toMatch(/^5\./);
    expect(underTypescript5.requiredVersion).toBe(typescript5Version.version);
    expect(underTypescript5.importedVersion).toBe(typescript5Version.version);
    expect(underTypescript5.loadedTypescript.length).toBeGreaterThan(0);
    expect(underTypescript5.loadedTypescript.filter((path) => !path.startsWith('typescript-5/'))).toEqual([]);
    // The baseline is TypeScript 6, so equal results below are not one run compared with itself.
    expect(underTypescript6.requiredVersion).toMatch(/^6\./);
    expect(underTypescript6.loadedTypescript.filter((path) => !path.startsWith('typescript/'))).toEqual([]);
  });

  it('reports the example\'s three leaks at their lines and columns, as under TypeScript 6', () => {
    const sites = underTypescript5.findings.map(({ file, ruleId: id, line, column }) => ({ file, ruleId: id, line, column }));
    expect(sites).toEqual(expectedSites().map((site) => ({ ...site, ruleId })));
    expect(underTypescript5.findings).toEqual(underTypescript6.findings);
  });

  it('fixes them into the same text as under TypeScript 6, and the fixed example type-checks with TypeScript 5', () => {
    expect(Object.keys(underTypescript5.fixedFiles).sort()).toEqual(['src/remoting-server.ts', 'src/tls-negotiator.ts']);
    expect(underTypescript5.fixedFiles).toEqual(underTypescript6.fixedFiles);
    expect(underTypescript5.diagnosticsAfterFix).toEqual([]);
    expect(underTypescript6.diagnosticsAfterFix).toEqual([]);
  });
});
