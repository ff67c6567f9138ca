import { RuleTester } from '@typescript-eslint/rule-tester';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-unreleased-overwrite.js';
import { fixCases, optionsOf, repairedOutputs } from './fix-cases.js';
import { fixtureFile, fixturesDir, repair } from './lint-harness.js';
import { execute, trackedResource } from './tracked-program.js';
import { typeErrorsOf } from './type-check.js';

// Every fix and suggestion through the real rule with real types. Each output is also linted again
// as a valid case: fixed code is not reported a second time.

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fixturesDir } },
});

ruleTester.run('no-unreleased-overwrite: fixes and suggestions', rule, {
  valid: fixCases.flatMap((testCase) =>
    repairedOutputs(testCase).map((code, index) => ({
      name: `repaired, not reported again (${String(index + 1)}): ${testCase.name ?? ''}`,
      code,
      filename: fixtureFile,
      options: optionsOf(testCase),
    })),
  ),
  invalid: fixCases.map((testCase) => ({
    ...testCase,
    filename: fixtureFile,
    options: optionsOf(testCase),
  })),
});

// ── Stores written through a type wrapper: `(this.f as T) = v`, `(<T>this.f) = v`, `this.f! = v`,
// `(this.f satisfies T) = v`. The exact repaired text reads the old value plainly and keeps the
// user's wrapper on the store; each repaired program is type-checked and run against the tracked
// resource (leaks before; nothing live, no double release after).

interface WrappedStoreProgram {
  name: string;
  /** The program after the tracked resource; exports `run()`. */
  code: string;
  /** The whole repaired program after the tracked resource. */
  repaired: string;
  /** Where the report starts, counted in `code` (line 1 is its first line). */
  line: number;
  column: number;
  /** Repaired by this suggestion rather than an autofix. */
  suggestion?: 'suggestKeepValue' | 'suggestHoistObject';
}

const serverClose = `
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}`;

const runReloads = `
export async function run(): Promise<void> {
  const server = new Server();
  for (let round = 0; round < 3; round += 1) {
    await server.reload();
    server.ctx?.use();
  }
  server.close();
  await pause(0);
}
`;

/** A server whose `reload()` stores through one wrapper shape, before and after the fix. */
function reloadingServer(store: string, fixedStore: string, asyncReload = false): Pick<WrappedStoreProgram, 'code' | 'repaired'> {
  const header = `
class Server {
  ctx: Resource | undefined;
  ${asyncReload ? 'async reload(): Promise<void>' : 'reload(): void'} {
`;
  return {
    code: `${header}    ${store}\n  }${serverClose}${runReloads}`,
    repaired: `${header}${fixedStore}\n  }${serverClose}${runReloads}`,
  };
}

const wrappedStorePrograms: WrappedStoreProgram[] = [
  {
    name: '(this.ctx as T) = v',
    ...reloadingServer(
      '(this.ctx as Resource | undefined) = build();',
      `    const oldCtx = this.ctx;
    (this.ctx as Resource | undefined) = build();
    if (oldCtx !== this.ctx) oldCtx?.release();`,
    ),
    line: 5,
    column: 6,
  },
  {
    name: '(<T>this.ctx) = v',
    ...reloadingServer(
      '(<Resource | undefined>this.ctx) = build();',
      `    const oldCtx = this.ctx;
    (<Resource | undefined>this.ctx) = build();
    if (oldCtx !== this.ctx) oldCtx?.release();`,
    ),
    line: 5,
    column: 28,
  },
  {
    name: 'this.ctx! = v',
    ...reloadingServer(
      'this.ctx! = build();',
      `    const oldCtx = this.ctx;
    this.ctx! = build();
    if (oldCtx !== this.ctx) oldCtx?.release();`,
    ),
    line: 5,
    column: 5,
  },
  {
    name: '(this.ctx satisfies T) = v',
    ...reloadingServer(
      '(this.ctx satisfies Resource | undefined) = build();',
      `    const oldCtx = this.ctx;
    (this.ctx satisfies Resource | undefined) = build();
    if (oldCtx !== this.ctx) oldCtx?.release();`,
    ),
    line: 5,
    column: 6,
  },
  {
    name: '(this.ctx as T) = await v: built first, stored through the wrapper',
    ...reloadingServer(
      '(this.ctx as Resource | undefined) = await buildAsync(1);',
      `    const nextCtx = await buildAsync(1);
    const oldCtx = this.ctx;
    (this.ctx as Resource | undefined) = nextCtx;
    if (oldCtx !== nextCtx) oldCtx?.release();`,
      true,
    ),
    line: 5,
    column: 6,
  },
  {
    name: 'return (this.ctx as T) = v, by its suggestion',
    code: `
class Server {
  ctx: Resource | undefined;
  reload(): Resource {
    return (this.ctx as Resource | undefined) = build();
  }${serverClose}${runReloads}`,
    repaired: `
class Server {
  ctx: Resource | undefined;
  reload(): Resource {
    const nextCtx = build();
    const oldCtx = this.ctx;
    (this.ctx as Resource | undefined) = nextCtx;
    if (oldCtx !== nextCtx) oldCtx?.release();
    return nextCtx;
  }${serverClose}${runReloads}`,
    line: 5,
    column: 13,
    suggestion: 'suggestKeepValue',
  },
  {
    name: '(current().ctx as T) = v, by its suggestion: the hoisted object keeps the wrapper',
    code: `
class Server {
  ctx: Resource | undefined;${serverClose}
const current = new Server();
function currentServer(): Server {
  return current;
}
export async function run(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    (currentServer().ctx as Resource | undefined) = build();
    current.ctx?.use();
  }
  current.close();
  await pause(0);
}
`,
    repaired: `
class Server {
  ctx: Resource | undefined;${serverClose}
const current = new Server();
function currentServer(): Server {
  return current;
}
export async function run(): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    const ctxOwner = currentServer();
    const oldCtx = ctxOwner.ctx;
    (ctxOwner.ctx as Resource | undefined) = build();
    if (oldCtx !== ctxOwner.ctx) oldCtx?.release();
    current.ctx?.use();
  }
  current.close();
  await pause(0);
}
`,
    line: 15,
    column: 6,
    suggestion: 'suggestHoistObject',
  },
];

/** Lines of the tracked resource before a program's first line. */
const resourceLines = trackedResource.split('\n').length - 1;

ruleTester.run('no-unreleased-overwrite: fixes of stores through a type wrapper', rule, {
  valid: wrappedStorePrograms.map((program) => ({
    name: `repaired, not reported again: ${program.name}`,
    code: trackedResource + program.repaired,
    filename: fixtureFile,
    options: optionsOf({ code: '', errors: [] }),
  })),
  invalid: wrappedStorePrograms.map((program) => ({
    name: program.name,
    code: trackedResource + program.code,
    filename: fixtureFile,
    options: optionsOf({ code: '', errors: [] }),
    output: program.suggestion ? null : trackedResource + program.repaired,
    errors: [
      {
        messageId: 'overwrite' as const,
        line: resourceLines + program.line,
        column: program.column,
        ...(program.suggestion
          ? { suggestions: [{ messageId: program.suggestion, output: trackedResource + program.repaired }] }
          : {}),
      },
    ],
  })),
});

describe('fixes of stores through a type wrapper, run', () => {
  it('type-check before and after with no errors', () => {
    const files = new Map<string, string>();
    wrappedStorePrograms.forEach((program, index) => {
      files.set(path.join(fixturesDir, `wrapped-store-${String(index)}.ts`), trackedResource + program.code);
      files.set(path.join(fixturesDir, `wrapped-store-${String(index)}-fixed.ts`), trackedResource + program.repaired);
    });
    const reported = [...typeErrorsOf(files)].flatMap(([file, messages]) =>
      messages.map((message) => `${path.basename(file)}: ${message}`),
    );
    expect(reported).toEqual([]);
  }, 120_000);

  for (const program of wrappedStorePrograms) {
    it(`${program.name}: leaks before; repaired through ESLint, nothing live and no misuse after`, async () => {
      const before = await execute(trackedResource + program.code);
      expect(before.misuse).toEqual([]);
      expect(before.live).toBeGreaterThan(0);
      const repaired = repair(trackedResource + program.code);
      expect(repaired.output).toBe(trackedResource + program.repaired);
      expect(repaired.remaining).toEqual([]);
      expect(await execute(repaired.output)).toEqual({ live: 0, misuse: [] });
    }, 60_000);
  }
});
