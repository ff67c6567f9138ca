// The plugin loaded the way ESLint loads it for a user: from dist/ through the package's exports,
// by an eslint.config.js (ESM) and an eslint.config.cjs, with ESLint 10 and ESLint 9.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakyFinding, leakySource, linkedUserProject, readmeEslintConfig } from './user-project.js';

const ruleId = 'resource-leak/no-unreleased-overwrite';

const cjsConfig = `// eslint.config.cjs
const resourceLeak = require('eslint-plugin-resource-leak');
const tseslint = require('typescript-eslint');

if (resourceLeak.meta?.namespace !== 'resource-leak') {
  throw new Error('require() did not return the plugin itself');
}

module.exports = [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
  },
  resourceLeak.configs.recommended,
];
`;

const unknownOptionConfig = `// eslint.config.js
import resourceLeak from 'eslint-plugin-resource-leak';
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  resourceLeak.configs.recommended,
  { files: ['**/*.ts'], rules: { '${ruleId}': ['error', { releaseMethod: ['free'] }] } },
];
`;

interface Engine {
  name: string;
  version: string;
  create: (options: { cwd: string; overrideConfigFile: string }) => {
    lintFiles: (patterns: string[]) => Promise<{ filePath: string; messages: { ruleId: string | null; line: number; column: number; message: string }[] }[]>;
  };
}

const engines: Engine[] = [
  { name: 'ESLint 10', version: ESLint10.version, create: (options) => new ESLint10(options) },
  { name: 'ESLint 9', version: ESLint9.version, create: (options) => new ESLint9(options) },
];

describe.each(engines)('$name ($version) loads the plugin from dist/', (engine) => {
  let project: ReturnType<typeof linkedUserProject>;
  beforeAll(() => {
    project = linkedUserProject({
      'src/remoting-server.ts': leakySource,
      'eslint.config.js': readmeEslintConfig(),
      'eslint.config.cjs': cjsConfig,
      'unknown-option.config.js': unknownOptionConfig,
    });
  });
  afterAll(() => {
    project.dispose();
  });

  const lint = async (configFile: string) => {
    const eslint = engine.create({ cwd: project.directory, overrideConfigFile: join(project.directory, configFile) });
    return eslint.lintFiles(['src/remoting-server.ts']);
  };

  it('through the README\'s eslint.config.js (ESM), configs.recommended reports the leak in a typed file', async () => {
    const [result] = await lint('eslint.config.js');
    expect(result?.messages.map(({ ruleId: id, line, column }) => ({ ruleId: id, line, column }))).toEqual([
      { ruleId, ...leakyFinding },
    ]);
    expect(result?.messages[0]?.message).toContain('`this.sslContext`');
  });

  it('through an eslint.config.cjs that require()s the plugin', async () => {
    const [result] = await lint('eslint.config.cjs');
    expect(result?.messages.map(({ ruleId: id, line, column }) => ({ ruleId: id, line, column }))).toEqual([
      { ruleId, ...leakyFinding },
    ]);
  });

  it('rejects an unknown option key with a message naming the rule and the key', async () => {
    const rejection = lint('unknown-option.config.js');
    await expect(rejection).rejects.toThrow(`Key "${ruleId}"`);
    await expect(rejection).rejects.toThrow(
      'Unexpected property "releaseMethod". Expected properties: "releaseMethods", "releaseFunctions"',
    );
  });
});

describe('require() from CommonJS', () => {
  it('returns the plugin itself, the same object ESM import gives (plain Node)', () => {
    const project = linkedUserProject({
      'check.mjs': `import { createRequire } from 'node:module';
const required = createRequire(import.meta.url)('eslint-plugin-resource-leak');
const imported = (await import('eslint-plugin-resource-leak')).default;
console.log(JSON.stringify({ same: required === imported, namespace: required.meta.namespace, hasDefault: 'default' in required }));
`,
    });
    try {
      const run = spawnSync(process.execPath, ['check.mjs'], { cwd: project.directory, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ same: true, namespace: 'resource-leak', hasDefault: false });
    } finally {
      project.dispose();
    }
  });
});
