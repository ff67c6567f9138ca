import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A leak a user could write, with its own release-able type (no @types/node needed). */
export const leakySource = `interface ReferenceCounted {
  refCnt(): number;
  release(): boolean;
}
declare function buildSslContext(): ReferenceCounted;

export class RemotingServer {
  private sslContext: ReferenceCounted | undefined;

  loadSslContext(): void {
    this.sslContext = buildSslContext();
  }
}
`;
/** Where leakySource's one finding is. */
export const leakyFinding = { line: 11, column: 5 };

export const userTsconfig = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      types: [],
      skipLibCheck: true,
      noEmit: true,
    },
    include: ['src', '*.mts', '*.ts'],
  },
  null,
  2,
)}\n`;

/** The README's copy-paste eslint.config.js, taken from README.md so that the README stays true. */
export function readmeEslintConfig(): string {
  const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
  const block = /```js\n(\/\/ eslint\.config\.js\n[\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no ```js block starting with "// eslint.config.js"');
  return block;
}

/**
 * A temporary project laid out like a user's: package.json, tsconfig.json, src/, and node_modules
 * whose packages are links into this repository's node_modules (the plugin itself links to the
 * repository, so it loads from dist/ through package.json "exports").
 */
export function linkedUserProject(files: Record<string, string>): { directory: string; dispose: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'resource-leak-user-'));
  const modules = join(directory, 'node_modules');
  mkdirSync(modules);
  const link = (name: string, target = join(repositoryRoot, 'node_modules', name)): void => {
    symlinkSync(target, join(modules, name), 'dir');
  };
  link('eslint-plugin-resource-leak', repositoryRoot);
  // Only what a user installs; their own dependencies resolve from where the links point.
  for (const name of ['eslint', 'eslint-v9', 'typescript', 'typescript-eslint', '@typescript-eslint', '@types']) {
    link(name);
  }
  const all: Record<string, string> = {
    'package.json': '{ "name": "user-project", "private": true, "type": "module" }\n',
    'tsconfig.json': userTsconfig,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(directory, name)), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  return {
    directory,
    dispose: () => {
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
