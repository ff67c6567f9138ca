import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { toSarif, type SarifLog } from '../../src/cli/sarif.js';
import { docsUrl } from '../../src/rules/create-rule.js';
import { exampleDirectory, lineOf, repositoryRoot, resourceLeak } from './example-copy.js';

const require = createRequire(import.meta.url);
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
const draft04 = require('ajv/lib/refs/json-schema-draft-04.json') as object;

/** Validates against the SARIF 2.1.0 schema (draft-04, hence ajv 6). */
function sarifErrors(log: unknown): string[] {
  const ajv = new Ajv({ schemaId: 'id', allErrors: true, meta: false });
  ajv.addMetaSchema(draft04);
  const validate = ajv.compile(sarifSchema);
  if (validate(log) === true) return [];
  return (validate.errors ?? []).map((error) => `${error.dataPath} ${error.message ?? ''}`);
}

const tool = { name: 'resource-leak', version: '0.0.0', informationUri: 'https://example.test/resource-leak' };

describe('SARIF 2.1.0 output', () => {
  it('the schema check itself rejects a log with a result that lacks a message', () => {
    const broken = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'r' }] }] };
    expect(sarifErrors(broken)).not.toEqual([]);
  });

  it('resource-leak --format sarif on the example is valid and names the rule, file, line and help URL', () => {
    const run = resourceLeak(['examples/tls-reload', '--format', 'sarif'], repositoryRoot);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(sarifErrors(log)).toEqual([]);

    const [sarifRun] = log.runs;
    expect(sarifRun?.tool.driver.name).toBe('resource-leak');
    expect(sarifRun?.tool.driver.rules).toEqual([
      expect.objectContaining({
        id: 'resource-leak/no-unreleased-overwrite',
        helpUri: docsUrl('no-unreleased-overwrite'),
      }),
    ]);
    const server = readFileSync(join(exampleDirectory, 'src/remoting-server.ts'), 'utf8');
    expect(sarifRun?.results).toHaveLength(3);
    expect(sarifRun?.results[0]).toMatchObject({
      ruleId: 'resource-leak/no-unreleased-overwrite',
      ruleIndex: 0,
      level: 'error',
      message: { text: expect.stringContaining('`this.sslContext`') as unknown },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'examples/tls-reload/src/remoting-server.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: lineOf(server, 'this.sslContext = tls.createSecureContext'), startColumn: 5 },
          },
        },
      ],
    });
    expect(sarifRun?.originalUriBaseIds['%SRCROOT%']?.uri).toBe(`file://${repositoryRoot.endsWith('/') ? repositoryRoot : `${repositoryRoot}/`}`);
  });

  it('--output-file writes the SARIF log to a file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'resource-leak-sarif-'));
    try {
      const output = join(directory, 'results.sarif');
      const run = resourceLeak(['--format', 'sarif', '--output-file', output], exampleDirectory);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      const log = JSON.parse(readFileSync(output, 'utf8')) as SarifLog;
      expect(sarifErrors(log)).toEqual([]);
      expect(log.runs[0]?.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual([
        'src/remoting-server.ts',
        'src/tls-negotiator.ts',
        'src/tls-negotiator.ts',
      ]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('reports files that cannot be linted as tool notifications, and warnings at their level', () => {
    const results: ESLint.LintResult[] = [
      {
        filePath: join(repositoryRoot, 'src', 'a b.ts'),
        messages: [
          { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: unexpected token', line: 3, column: 7 },
          { ruleId: 'resource-leak/no-unreleased-overwrite', severity: 1, message: 'leak', line: 9, column: 2, endLine: 9, endColumn: 12 },
        ],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 1,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ];
    const log = toSarif(results, {}, repositoryRoot, tool);
    expect(sarifErrors(log)).toEqual([]);
    const [sarifRun] = log.runs;
    expect(sarifRun?.invocations[0]).toMatchObject({
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error', message: { text: 'Parsing error: unexpected token' } }],
    });
    expect(sarifRun?.results).toEqual([
      {
        ruleId: 'resource-leak/no-unreleased-overwrite',
        ruleIndex: 0,
        level: 'warning',
        message: { text: 'leak' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/a%20b.ts', uriBaseId: '%SRCROOT%', index: 0 },
              region: { startLine: 9, startColumn: 2, endLine: 9, endColumn: 12 },
            },
          },
        ],
      },
    ]);
    expect(sarifRun?.tool.driver.rules).toEqual([
      { id: 'resource-leak/no-unreleased-overwrite', shortDescription: { text: 'resource-leak/no-unreleased-overwrite' } },
    ]);
  });

  it('a note that a file was ignored is a warning notification, and the run still succeeded', () => {
    const ignored: ESLint.LintResult = {
      filePath: join(repositoryRoot, 'node_modules', 'dep', 'index.ts'),
      messages: [{ ruleId: null, severity: 1, message: 'File ignored by default.', line: 0, column: 0 }],
      suppressedMessages: [],
      errorCount: 0,
      fatalErrorCount: 0,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
    const log = toSarif([ignored], {}, repositoryRoot, tool);
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0]?.invocations[0]).toMatchObject({
      executionSuccessful: true,
      toolExecutionNotifications: [{ level: 'warning', message: { text: 'File ignored by default.' } }],
    });
    expect(log.runs[0]?.results).toEqual([]);
  });

  it('a warning about the run (imports typed `any`) is a warning notification, so code scanning shows it', () => {
    const log = toSarif([], {}, repositoryRoot, tool, ['12 of 12 imports did not resolve']);
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0]?.invocations[0]).toEqual({
      executionSuccessful: true,
      toolExecutionNotifications: [{ level: 'warning', message: { text: '12 of 12 imports did not resolve' } }],
    });
  });
});
