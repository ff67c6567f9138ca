// What an editor shows: the VS Code ESLint extension turns each message into a diagnostic (its
// range), a quick fix (`fix`), one quick fix per suggestion (`suggestions`), and on save
// (source.fixAll.eslint) applies the fixes only. Checked here through ESLint's Node API.
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedUserProject, readmeEslintConfig } from './user-project.js';

const ruleId = 'resource-leak/no-unreleased-overwrite';

const pool = `interface Connection {
  close(): void;
}
declare function open(): Connection;

export class Pool {
  private connection: Connection | undefined;

  reconnect(): void {
    this.connection = open();
  }

  current(): Connection {
    return (this.connection = open());
  }
}
`;

// A server whose default context is the field: closing the old one could abort the process, so
// the rule only suggests.
const defaultContextServer = `import * as tls from 'node:tls';

export class Server {
  private sslContext: tls.SecureContext;
  private readonly server: tls.Server;

  constructor(private readonly pem: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pem);
    this.server = tls.createServer({ secureContext: this.sslContext });
  }

  reload(): void {
    this.sslContext = tls.createSecureContext(this.pem);
    this.server.setSecureContext(this.pem);
  }
}
`;

const nodeTsconfig = `${JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, types: ['node'], noEmit: true },
  include: ['src'],
})}\n`;

function applied(text: string, fix: Linter.LintMessage['fix']): string {
  if (fix === undefined) throw new Error('no fix');
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe('messages as an editor shows them', () => {
  let project: ReturnType<typeof linkedUserProject>;
  let eslint: ESLint;
  const lint = async (text: string, file = 'src/pool.ts') => {
    const [result] = await eslint.lintText(text, { filePath: join(project.directory, file) });
    return result?.messages ?? [];
  };

  beforeAll(() => {
    project = linkedUserProject({
      'eslint.config.js': readmeEslintConfig(),
      'tsconfig.json': nodeTsconfig,
      'src/pool.ts': pool,
      'src/server.ts': defaultContextServer,
    });
    eslint = new ESLint({ cwd: project.directory });
  });
  afterAll(() => {
    project.dispose();
  });

  it('a statement gets a diagnostic on the assigned field and an autofix that leaves nothing to report', async () => {
    const [message] = await lint(pool);
    expect(message).toMatchObject({ ruleId, severity: 2, line: 10, column: 5, endLine: 10, endColumn: 20 });
    expect(message?.message).toContain('`this.connection` (Connection | undefined) is overwritten without releasing');
    const fixed = applied(pool, message?.fix);
    expect(fixed).toContain(
      [
        '    const oldConnection = this.connection;',
        '    this.connection = open();',
        '    if (oldConnection !== this.connection) oldConnection?.close();',
      ].join('\n'),
    );
    expect((await lint(fixed)).filter((remaining) => remaining.line === 10)).toEqual([]);
  });

  it('an assignment whose value is used gets suggestions, not an autofix', async () => {
    const messages = await lint(pool);
    const returned = messages.find((message) => message.line === 14);
    expect(returned).toMatchObject({ ruleId, column: 13 });
    expect(returned?.fix).toBeUndefined();
    expect(returned?.suggestions?.length).toBeGreaterThan(0);
    const [suggestion] = returned?.suggestions ?? [];
    expect(suggestion?.desc).toContain('`this.connection`');
    const fixed = applied(pool, suggestion?.fix);
    expect(fixed).toContain('return nextConnection;');
    expect((await lint(fixed)).filter((remaining) => remaining.line >= 14)).toEqual([]);
  });

  it('fix-all on save applies the autofix and leaves the suggestion-only finding', async () => {
    const fixAll = new ESLint({ cwd: project.directory, fix: true });
    const [result] = await fixAll.lintText(pool, { filePath: join(project.directory, 'src/pool.ts') });
    expect(result?.output).toContain('if (oldConnection !== this.connection) oldConnection?.close();');
    expect(result?.messages.map(({ ruleId: id, line }) => ({ ruleId: id, line }))).toEqual([
      { ruleId, line: 16 },
    ]);
  });

  it('a TLS context that a server still uses as its default gets a suggestion only', async () => {
    const messages = await lint(defaultContextServer, 'src/server.ts');
    expect(messages.map(({ line, column }) => ({ line, column }))).toEqual([{ line: 13, column: 5 }]);
    expect(messages[0]?.fix).toBeUndefined();
    expect(messages[0]?.suggestions?.map((suggestion) => suggestion.desc)).toEqual([
      expect.stringContaining('ReloadableSecureContext'),
    ]);
  });
});
