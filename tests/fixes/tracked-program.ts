import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { fixturesDir } from './lint-harness.js';

// Running repaired programs: a tracked resource that counts live instances and records every
// misuse, and a runner that transpiles a program and runs its exported `run()`, bounded in time.

/** Shared by every program: a resource that counts live instances and records every misuse. */
export const trackedResource = `
export const ledger = { live: 0, created: 0, misuse: [] as string[] };

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class Resource {
  readonly id = ++ledger.created;
  #released = false;
  constructor() {
    ledger.live += 1;
  }
  use(): number {
    if (this.#released) this.#misuse('use after release');
    return this.id;
  }
  release(): boolean {
    if (this.#released) this.#misuse('double release');
    this.#released = true;
    ledger.live -= 1;
    return true;
  }
  #misuse(what: string): never {
    const message = what + ' of resource #' + String(this.id);
    ledger.misuse.push(message);
    throw new Error(message);
  }
}

export function build(): Resource {
  return new Resource();
}

export async function buildAsync(delayMs: number): Promise<Resource> {
  await pause(delayMs);
  return build();
}
`;

export interface Outcome {
  live: number;
  misuse: string[];
}

interface ProgramModule {
  run(): Promise<void>;
  ledger: { live: number; misuse: string[] };
}

const requireFromFixtures = createRequire(path.join(fixturesDir, 'file.ts'));

/** Transpiles the program to CommonJS and runs it in this process, bounded in time. */
export async function execute(code: string): Promise<Outcome> {
  const javascript = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const module = { exports: {} };
  const load = vm.runInThisContext(`(function (exports, require, module) {\n${javascript}\n})`) as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
  ) => void;
  load(module.exports, requireFromFixtures, module);
  const program = module.exports as ProgramModule;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error('program did not finish within 10 s'));
    }, 10_000);
  });
  try {
    await Promise.race([program.run(), timeout]);
  } catch (error) {
    // A misuse is recorded in the ledger before it throws; anything else is a failure of its own.
    if (program.ledger.misuse.length === 0) throw error;
  } finally {
    clearTimeout(timer);
  }
  return { live: program.ledger.live, misuse: [...program.ledger.misuse] };
}
