// What loading the plugin costs at ESLint's start: its modules must not import TypeScript or
// ts-api-utils as ES modules (src/commonjs.ts says why). A module hook in a fresh Node process
// records every module that is loaded through `import`; the plugin is imported after
// typescript-eslint has been require()d, as ESLint's parser does for a user.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'resource-leak-start-up-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const hooks = `import { appendFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  appendFileSync(process.env.IMPORT_LOG, url + ' ' + loaded.format + '\\n');
  return loaded;
}
`;

const register = `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(work, 'hooks.mjs')).href)});
`;

interface ImportLog {
  status: number | null;
  stderr: string;
  /** The URL of every module that was loaded through `import`, with the format Node gave it. */
  imported: { url: string; format: string }[];
}

function importAfterRequire(required: string[], imported: string): ImportLog {
  writeFileSync(join(work, 'hooks.mjs'), hooks);
  writeFileSync(join(work, 'register.mjs'), register);
  const log = join(work, `imports-${String(Date.now())}.log`);
  writeFileSync(log, '');
  const script = `import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(pathToFileURL(join(repoRoot, 'package.json')).href)});
for (const id of ${JSON.stringify(required)}) require(id);
const plugin = (await import(${JSON.stringify(imported)})).default;
if (plugin.meta?.namespace !== 'resource-leak') throw new Error('not the plugin: ' + JSON.stringify(plugin.meta));
`;
  const child = spawnSync(process.execPath, ['--import', pathToFileURL(join(work, 'register.mjs')).href, '--input-type=module', '-e', script], {
    cwd: repoRoot,
    env: { ...process.env, IMPORT_LOG: log },
    encoding: 'utf8',
  });
  const imports = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [url = '', format = ''] = line.split(' ');
      return { url, format };
    });
  return { status: child.status, stderr: child.stderr, imported: imports };
}

describe('loading the plugin', () => {
  const entry = join(repoRoot, 'dist/index.js');

  it('imports neither TypeScript nor ts-api-utils as ES modules: it require()s the parser’s copies', () => {
    expect(existsSync(entry), 'dist/ is built by npm test (pretest) and by npm ci (prepare)').toBe(true);
    const run = importAfterRequire(['typescript-eslint', 'typescript', 'ts-api-utils'], pathToFileURL(entry).href);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    // The hook sees what it should: the plugin's own modules, and the CommonJS packages they import.
    const pluginModules = run.imported.filter(({ url }) => url.startsWith(pathToFileURL(join(repoRoot, 'dist')).href));
    expect(pluginModules.length).toBeGreaterThan(20);
    expect(run.imported.some(({ url, format }) => url.includes('/@typescript-eslint/utils/') && format === 'commonjs')).toBe(true);

    const heavy = run.imported.filter(({ url }) => /\/node_modules\/(typescript|ts-api-utils)\//.test(url));
    expect(heavy).toEqual([]);
  });

  it('the hook would catch an import of TypeScript (the check above can fail)', () => {
    const run = importAfterRequire(['typescript'], 'typescript');
    // `typescript` has no meta: the script throws after the import, which is all this needs.
    expect(run.stderr).toContain('not the plugin');
    expect(run.imported).toContainEqual({ url: pathToFileURL(createRequire(import.meta.url).resolve('typescript')).href, format: 'commonjs' });
  });
});
