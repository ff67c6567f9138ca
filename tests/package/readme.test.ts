// The README and docs/ stay true: their commands, links, snippets and quoted output are checked
// against the code here, so that a change on either side fails a test instead of drifting.
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArguments, usage } from '../../src/cli/arguments.js';
import { linkedUserProject, readmeEslintConfig, repositoryRoot } from './user-project.js';

const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');

/** The body of the first fenced block of `language` after the heading `## title` (or anywhere, without one). */
function codeBlock(markdown: string, language: string, section?: string): string {
  let text = markdown;
  if (section !== undefined) {
    const start = markdown.indexOf(`\n## ${section}\n`);
    if (start === -1) throw new Error(`no section "## ${section}"`);
    const end = markdown.indexOf('\n## ', start + 1);
    text = markdown.slice(start, end === -1 ? undefined : end);
  }
  const block = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(text)?.[1];
  if (block === undefined) throw new Error(`no \`\`\`${language} block${section === undefined ? '' : ` in "## ${section}"`}`);
  return block;
}

/** Every code block of `language`, in order. */
function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((match) => match[1] ?? '');
}

function markdownFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  return new Set(
    [...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
      (match[1] ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{Letter}\p{Number} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

const documents = [
  join(repositoryRoot, 'README.md'),
  join(repositoryRoot, 'examples', 'tls-reload', 'README.md'),
  ...markdownFiles(join(repositoryRoot, 'docs')),
];

describe('README quick start', () => {
  it('has exactly two commands: the demo and the tests', () => {
    const commands = codeBlock(readme, 'sh', 'Quick start')
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line !== '');
    expect(commands).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
  });

  it('names npm scripts that exist', () => {
    const { scripts } = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['demo', 'test']));
  });
});

describe('links in the README and docs/', () => {
  it.each(documents.map((path) => relative(repositoryRoot, path)))('every relative link in %s points at a file or heading that exists', (document) => {
    const path = join(repositoryRoot, document);
    const text = readFileSync(path, 'utf8').replace(/```[\s\S]*?```/g, '');
    const broken: string[] = [];
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = match[1] ?? '';
      if (/^[a-z]+:/i.test(link)) continue;
      const [target = '', anchor] = link.split('#');
      const targetPath = target === '' ? path : resolve(dirname(path), decodeURIComponent(target));
      if (!existsSync(targetPath)) {
        broken.push(`${link} (no such file)`);
        continue;
      }
      if (anchor !== undefined && statSync(targetPath).isFile() && !anchorsOf(readFileSync(targetPath, 'utf8')).has(anchor)) {
        broken.push(`${link} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the README links every page under docs/', () => {
    const linked = new Set(
      [...readme.matchAll(/\]\((docs\/[^)#\s]+\.md)(?:#[^)]*)?\)/g)].map((match) => match[1] ?? ''),
    );
    const pages = markdownFiles(join(repositoryRoot, 'docs')).map((path) => relative(repositoryRoot, path).split('\\').join('/'));
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });
});

describe('README: the resource-leak command', () => {
  it('shows the same synopsis as --help, and every flag in it parses', () => {
    const synopsis = /^Usage: resource-leak (.*)$/m.exec(usage)?.[1] ?? 'no synopsis';
    expect(readme).toContain(`npx resource-leak ${synopsis}`);
    for (const flag of synopsis.matchAll(/\[(--[a-z-]+)( [^\]]+)?\]/g)) {
      const name = flag[1] ?? '';
      const value = flag[2] === undefined ? [] : [name === '--format' ? 'sarif' : 'value'];
      expect(() => parseCliArguments([name, ...value]), name).not.toThrow();
    }
  });
});

describe('README: the runtime in five lines', () => {
  it('is five lines of code, and its imports are package exports', () => {
    const lines = codeBlock(readme, 'ts', 'The runtime').split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(5);
    const { exports } = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const match of lines.join('\n').matchAll(/from '(eslint-plugin-resource-leak[^']*)'/g)) {
      const subpath = (match[1] ?? '').replace('eslint-plugin-resource-leak', '.');
      expect(Object.keys(exports)).toContain(subpath);
    }
    // Type-checked against the installed tarball in npm-pack.test.ts.
  });

  it('runs: a client gets the certificate over SNI, and a rotated file is served after the watcher reloads', async () => {
    const snippet = codeBlock(readme, 'ts', 'The runtime');
    const pem = async (name: string): Promise<{ key: string; cert: string }> => {
      const made = await generate([{ name: 'commonName', value: name }], {
        keyType: 'ec',
        algorithm: 'sha256',
        notAfterDate: new Date(Date.now() + 24 * 3600 * 1000),
        extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
      });
      return { key: made.private, cert: made.cert };
    };
    const [first, second] = [await pem('first'), await pem('second')];
    // Port 0 instead of 8443, so that the test never collides with anything; the rest runs as written.
    const program = `${snippet.replace('.listen(8443,', '.listen(0,')}
import { connect } from 'node:tls';
import { writeFileSync } from 'node:fs';
import { once } from 'node:events';
if (!server.listening) await once(server, 'listening');
const fingerprint = (ca) => new Promise((resolve, reject) => {
  const socket = connect({ host: '127.0.0.1', port: server.address().port, servername: 'localhost', ca }, () => {
    resolve(socket.getPeerCertificate().fingerprint256);
    socket.destroy();
  });
  socket.on('error', reject);
});
const seen = [await fingerprint(process.env.FIRST_CERT)];
const reloaded = once(tlsContext, 'reload');
writeFileSync('key.pem', process.env.SECOND_KEY);
writeFileSync('cert.pem', process.env.SECOND_CERT);
await reloaded;
seen.push(await fingerprint(process.env.SECOND_CERT));
console.log(JSON.stringify(seen));
tlsContext.close();
server.close();
`;
    const project = linkedUserProject({ 'runtime-snippet.mjs': program, 'key.pem': first.key, 'cert.pem': first.cert });
    try {
      const run = spawnSync(process.execPath, ['runtime-snippet.mjs'], {
        cwd: project.directory,
        encoding: 'utf8',
        timeout: 20_000,
        env: { ...process.env, FIRST_CERT: first.cert, SECOND_KEY: second.key, SECOND_CERT: second.cert },
      });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual([new X509Certificate(first.cert).fingerprint256, new X509Certificate(second.cert).fingerprint256]);
    } finally {
      project.dispose();
    }
  });
});

describe('README: before and after', () => {
  const before = codeBlocks(readme, 'ts')[0] ?? '';
  const after = codeBlocks(readme, 'ts')[1] ?? '';
  // The README's class with what its comment says: SslContext has release().
  const declarations = 'interface SslContext {\n  release(): boolean;\n}\ndeclare function buildSslContext(): SslContext;\n\nexport ';
  let project: ReturnType<typeof linkedUserProject>;
  beforeAll(() => {
    project = linkedUserProject({
      // The ❌ comment would stay in the fixed method; the "after" block does not show it.
      'src/remoting-server.ts': declarations + before.replace(/\n *\/\/ ❌.*$/m, ''),
      'eslint.config.js': readmeEslintConfig(),
    });
  });
  afterAll(() => {
    project.dispose();
  });

  it('the ❌ comment quotes the message the rule gives, and the autofix gives exactly the "after" method', async () => {
    const eslint = new ESLint({ cwd: project.directory, fix: true });
    const [result] = await eslint.lintFiles(['src/remoting-server.ts']);
    const quoted = /\/\/ ❌ (.*)$/m.exec(before)?.[1] ?? 'no ❌ comment';
    const reported = await new ESLint({ cwd: project.directory }).lintFiles(['src/remoting-server.ts']);
    expect(reported[0]?.messages.map((message) => message.message)).toEqual([expect.stringContaining(quoted)]);

    const fixedMethod = /\n( {2}loadSslContext\(\): void \{\n[\s\S]*?\n {2}\}\n)/.exec(result?.output ?? '')?.[1];
    expect(fixedMethod).toBe(after);
  });

  it('docs/editor.md quotes the same message, word for word', async () => {
    const editor = readFileSync(join(repositoryRoot, 'docs', 'editor.md'), 'utf8');
    const quoted = /^ {2}> (`this\.sslContext`.*?) `resource-leak\/no-unreleased-overwrite`$/m.exec(editor)?.[1];
    const [result] = await new ESLint({ cwd: project.directory }).lintFiles(['src/remoting-server.ts']);
    expect(result?.messages[0]?.message).toBe(quoted);
  });
});

describe('docs/ci.md: the GitHub Actions workflow', () => {
  const workflowText = codeBlock(readFileSync(join(repositoryRoot, 'docs', 'ci.md'), 'utf8'), 'yaml');
  // js-yaml comes with ESLint's own dependencies; parse with it when it is there.
  let loadYaml: ((text: string) => unknown) | undefined;
  try {
    loadYaml = (createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown }).load;
  } catch {
    loadYaml = undefined;
  }

  interface Step {
    name?: string;
    run?: string;
    uses?: string;
    if?: string;
    with?: Record<string, unknown>;
  }
  interface Workflow {
    permissions: Record<string, string>;
    jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
  }

  it.skipIf(loadYaml === undefined)('is valid YAML: scan with --format sarif, then upload that file to code scanning', () => {
    const workflow = loadYaml?.(workflowText) as Workflow;
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    // `npx --no`: the installed command only, never a registry package of the same name.
    const scan = steps.find((step) => step.run?.startsWith('npx --no resource-leak ') === true);
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@') === true);
    expect(scan).toBeDefined();
    expect(upload).toBeDefined();
    if (scan?.run === undefined || upload === undefined) return;
    expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(scan));
    // The scan command is one the CLI accepts, and writes the file the upload reads.
    const cli = parseCliArguments(scan.run.split(/\s+/).slice(3));
    expect(cli.format).toBe('sarif');
    expect(upload.with?.sarif_file).toBe(cli.outputFile);
    // The upload runs after a failing scan (exit 1 on findings), but not when no report was written.
    expect(upload.if).toContain('!cancelled()');
    expect(upload.if).toContain(`hashFiles('${String(cli.outputFile)}')`);
  });
});

describe('docs/editor.md', () => {
  it('the .vscode/settings.json block is JSON once its comments are dropped', () => {
    const settings = codeBlock(readFileSync(join(repositoryRoot, 'docs', 'editor.md'), 'utf8'), 'jsonc')
      .split('\n')
      .filter((line) => !line.trim().startsWith('//'))
      .join('\n');
    expect(JSON.parse(settings)).toMatchObject({ 'editor.codeActionsOnSave': { 'source.fixAll.eslint': 'explicit' } });
  });
});
