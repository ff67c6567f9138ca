import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  fieldNamesReleasedInProgram,
  isDetachedChildProcess,
  isFreshValue,
  ownsField,
  releasedFieldsOf,
  releasesOfField,
} from '../../src/analysis/ownership.js';
import type { ReleaseNames } from '../../src/analysis/value-use.js';
import { nodesOfType, parseTyped } from './parse.js';

const names: ReleaseNames = { methods: new Set(['release', 'close']), functions: new Set(['ReferenceCountUtil.release']) };

const parsed = parseTyped(`
declare class Buf { release(): boolean }
declare function alloc(): Buf;
declare const ReferenceCountUtil: { release(value: unknown): boolean };
declare const cache: Map<string, Buf>;
declare const weak: WeakMap<object, Buf>;
declare const ref: WeakRef<Buf>;
declare const pool: { get(key: string): Buf };
declare const list: Buf[];
declare const frozen: readonly Buf[];
declare const ownStack: { pop(): Buf; shift(): Buf; at(index: number): Buf; find(): Buf };
class Owner {
  static shared = alloc();
  a = alloc(); b = alloc(); c = alloc(); d = alloc(); e = alloc(); #p = alloc(); ctx: any; kept = alloc();
  close(): void {
    this.a.release();
    this.b?.close();
    ReferenceCountUtil.release(this.c);
    (this.d as Buf)[Symbol.dispose]?.();
    const drop = () => this.#p.release();
    drop();
    this.ctx.context.close();
    Owner.shared.release();
    this.kept.release(1);
  }
}
async function values() {
  const fresh = [new Date(), alloc(), await Promise.resolve(alloc()), alloc() as Buf, alloc()!, true ? alloc() : list[0], cache.get('k') ?? alloc(), pool.get('k'), ownStack.pop(), ownStack.shift(), ownStack.at(0), ownStack.find()];
  const borrowed = [cache.get('k'), weak.get({}), ref.deref(), list[0], await cache.get('k'), undefined, list,
    list.pop(), list.shift()!, list.at(-1), list.find((item) => item.release()), list.findLast(Boolean), frozen.at(0), frozen.find(Boolean), frozen.findLast(Boolean), list?.pop()];
}
`);

const owner = nodesOfType(parsed.ast, AST_NODE_TYPES.ClassDeclaration).find((node) => node.id?.name === 'Owner');
const ownerTs = owner && (parsed.services.esTreeNodeToTSNodeMap.get(owner) as ts.ClassLikeDeclaration);

function elementsOf(name: string) {
  const declarator = nodesOfType(parsed.ast, AST_NODE_TYPES.VariableDeclarator).find(
    (node) => node.id.type === AST_NODE_TYPES.Identifier && node.id.name === name,
  );
  if (declarator?.init?.type !== AST_NODE_TYPES.ArrayExpression) throw new Error(`no array ${name}`);
  return declarator.init.elements.flatMap((element) => (element ? [element] : []));
}

describe('releasedFieldsOf / ownsField', () => {
  it('collects the fields that a member of the class releases', () => {
    if (!ownerTs) throw new Error('no class');
    expect([...releasedFieldsOf(ownerTs, names)].sort()).toEqual(['#p', 'a', 'b', 'c', 'ctx', 'd', 'shared']);
    expect(ownsField([undefined, ownerTs], 'a', names)).toBe(true);
    expect(ownsField([ownerTs], 'kept', names)).toBe(false);
    expect(ownsField([undefined], 'a', names)).toBe(false);
  });

  it('tells how the class releases each field: the method, or the function', () => {
    if (!ownerTs) throw new Error('no class');
    const releases = (field: string) => [...releasesOfField([ownerTs, undefined, ownerTs], field, names)];
    expect(releases('a')).toEqual(['.release']);
    expect(releases('b')).toEqual(['.close']);
    expect(releases('c')).toEqual(['ReferenceCountUtil.release']);
    expect(releases('d')).toEqual(['.Symbol.dispose']);
    expect(releases('#p')).toEqual(['.release']);
    expect(releases('ctx')).toEqual(['.context.close']);
    expect(releases('kept')).toEqual([]);
  });

  it('computes each class once per set of names', () => {
    if (!ownerTs) throw new Error('no class');
    expect(releasedFieldsOf(ownerTs, names)).toBe(releasedFieldsOf(ownerTs, names));
  });
});

describe('isFreshValue', () => {
  it.each(elementsOf('fresh').map((element, index) => [index, element] as const))('fresh value #%i', (_index, element) => {
    expect(isFreshValue(element, parsed.services)).toBe(true);
  });

  it.each(elementsOf('borrowed').map((element, index) => [index, element] as const))('borrowed value #%i', (_index, element) => {
    expect(isFreshValue(element, parsed.services)).toBe(false);
  });
});

// A detached child process outlives this one: storing it is not owning it, unless the class kills it.
const children = parseTyped(`
import * as childProcess from 'node:child_process';
import { spawn, fork, exec, execFile } from 'node:child_process';
declare const launcher: { spawn(command: string, options: { detached: boolean }): childProcess.ChildProcess };
class Supervisor {
  daemon?: childProcess.ChildProcess; worker?: childProcess.ChildProcess; helper?: childProcess.ChildProcess;
  stop(): void {
    this.daemon?.kill('SIGTERM');
    const worker = this.worker;
    worker?.kill();
  }
}
function starts() {
  const detached = [
    spawn('d', [], { stdio: 'ignore', detached: true }),
    childProcess.spawn('d', { detached: true }),
    fork('d.js', [], { 'detached': true }),
    exec('d', { detached: true } as childProcess.ExecOptions),
    execFile('d', [], { detached: true } as childProcess.ExecFileOptions),
  ];
  const attached = [
    spawn('d', [], { stdio: 'ignore' }),
    spawn('d', [], { detached: false }),
    spawn('d', [], { detached: Math.random() > 0.5 }),
    launcher.spawn('d', { detached: true }),
  ];
}
`);

function callsOf(name: string) {
  const declarator = nodesOfType(children.ast, AST_NODE_TYPES.VariableDeclarator).find(
    (node) => node.id.type === AST_NODE_TYPES.Identifier && node.id.name === name,
  );
  if (declarator?.init?.type !== AST_NODE_TYPES.ArrayExpression) throw new Error(`no array ${name}`);
  return declarator.init.elements.flatMap((element) => (element?.type === AST_NODE_TYPES.CallExpression ? [element] : []));
}

describe('isDetachedChildProcess', () => {
  it.each(callsOf('detached').map((call, index) => [index, call] as const))('detached child #%i: detached, not fresh', (_index, call) => {
    expect(isDetachedChildProcess(call, children.services)).toBe(true);
    expect(isFreshValue(call, children.services)).toBe(false);
  });

  it.each(callsOf('attached').map((call, index) => [index, call] as const))('attached or not child_process #%i: fresh', (_index, call) => {
    expect(isDetachedChildProcess(call, children.services)).toBe(false);
    expect(isFreshValue(call, children.services)).toBe(true);
  });

  it('finds five detached and four other calls (the fixture parsed as meant)', () => {
    expect([callsOf('detached').length, callsOf('attached').length]).toEqual([5, 4]);
  });
});

describe('a class that kills a field owns it', () => {
  it('counts kill(), with or without a signal, on the field or a const read from it', () => {
    const supervisor = nodesOfType(children.ast, AST_NODE_TYPES.ClassDeclaration).find((node) => node.id?.name === 'Supervisor');
    const supervisorTs = supervisor && (children.services.esTreeNodeToTSNodeMap.get(supervisor) as ts.ClassLikeDeclaration);
    if (!supervisorTs) throw new Error('no class');
    expect([...releasedFieldsOf(supervisorTs, names)].sort()).toEqual(['daemon', 'worker']);
    expect(ownsField([supervisorTs], 'helper', names)).toBe(false);
  });
});

// A method that hands out what the class keeps in a field (a memoizing getter) gives a borrowed
// value: mongodb's Encrypter stores `this.getInternalClient()` into the caller's options.
const getters = parseTyped(`
declare class Client { close(): void }
class Pool {
  private client: Client | null = null;
  private other: Client | null = null;
  cached(): Client {
    let client = this.client;
    if (client == null) {
      client = new Client();
      this.client = client;
    }
    return client;
  }
  field(): Client | null { return this.client; }
  #assigned(): Client { this.client = new Client(); return this.client; }
  made(): Client { return new Client(); }
  replaced(): Client {
    let client = this.client;
    if (client == null) {
      client = new Client();
      this.client = client;
    }
    client = new Client();
    return client;
  }
  twoFields(flag: boolean): Client | null { return flag ? this.client : this.other; }
  mixed(flag: boolean): Client | null { if (flag) return this.client; return this.other; }
  nested(): () => Client | null { return () => this.client; }
  values() {
    const kept = [this.cached(), this.field(), this.#assigned()];
    const made = [this.made(), this.replaced(), this.mixed(true), this.twoFields(true), this.nested()];
    return [kept, made];
  }
}
`);

function callsIn(name: string) {
  const declarator = nodesOfType(getters.ast, AST_NODE_TYPES.VariableDeclarator).find(
    (node) => node.id.type === AST_NODE_TYPES.Identifier && node.id.name === name,
  );
  if (declarator?.init?.type !== AST_NODE_TYPES.ArrayExpression) throw new Error(`no array ${name}`);
  return declarator.init.elements.flatMap((element) => (element ? [element] : []));
}

describe('isFreshValue of a call to an own method', () => {
  it.each(callsIn('kept').map((element, index) => [index, element] as const))(
    'borrowed: method #%i hands out a value its class keeps in a field',
    (_index, element) => {
      expect(isFreshValue(element, getters.services)).toBe(false);
    },
  );

  it.each(callsIn('made').map((element, index) => [index, element] as const))(
    'fresh: method #%i makes, replaces or mixes fields',
    (_index, element) => {
      expect(isFreshValue(element, getters.services)).toBe(true);
    },
  );
});

// Every class of the program counts, wherever it is written; a class that names no release method is
// skipped unread, so a release spelled with an escape must still be found.
const program = parseTyped(`
declare class Buf { release(): boolean; close(): void }
declare function alloc(): Buf;
declare const decorate: ClassDecorator;
export default class {
  first = alloc();
  close(): void { this.first.release(); }
}
export const Holder = class /* class */ {
  second = alloc();
  [Symbol.asyncDispose](): void { this.second[Symbol.asyncDispose]?.(); }
};
@decorate
class Decorated {
  third = alloc();
  dispose(): void { this.third[Symbol.dispose](); }
}
function factory() {
  return new (class Inner {
    fourth = alloc();
    stop(): void { this.fourth.\\u0063lose(); }
  })();
}
// class Commented { fifth = alloc(); close() { this.fifth.release(); } }
class Keeper {
  sixth = alloc();
  classify(): string { return 'class'; }
}
`);

describe('fieldNamesReleasedInProgram', () => {
  const released = fieldNamesReleasedInProgram(program.services.program, names);

  it('holds the fields released by the classes of every source file of the program', () => {
    // 'buffer': BufferOwner and SharedBufferOwner in tests/fixtures/resources.ts, not the linted file.
    expect([...released].sort()).toEqual(['buffer', 'first', 'fourth', 'second', 'third']);
  });

  it('finds class expressions, decorated and nested classes, and a release spelled with an escape', () => {
    expect(released.has('fourth')).toBe(true);
    expect(released.has('fifth')).toBe(false);
    expect(released.has('sixth')).toBe(false);
  });

  it('reads the program once per set of names', () => {
    expect(fieldNamesReleasedInProgram(program.services.program, names)).toBe(released);
    const other: ReleaseNames = { methods: new Set(['stop']), functions: new Set() };
    expect([...fieldNamesReleasedInProgram(program.services.program, other)].sort()).toEqual(['second', 'third']);
  });
});

describe('releasedFieldsOf reads only the members that name a release word', () => {
  const dollar = parseTyped(`
declare class Scope { $destroy(): void; free(): void }
class Directive {
  scope = new Scope(); other = new Scope(); kept = new Scope();
  link(): void { const scope = this.scope; scope.$destroy(); }
  unlink(): void { this.other.free(); }
  /* destroy */ keep(): Scope { return this.kept; }
}
`);
  const directive = nodesOfType(dollar.ast, AST_NODE_TYPES.ClassDeclaration).find((node) => node.id?.name === 'Directive');
  const directiveTs = directive && (dollar.services.esTreeNodeToTSNodeMap.get(directive) as ts.ClassLikeDeclaration);

  it('finds a method name that starts with `$`, through a local, and a default release word', () => {
    if (!directiveTs) throw new Error('no class');
    const withDollar: ReleaseNames = { methods: new Set(['$destroy', 'free']), functions: new Set() };
    expect([...releasedFieldsOf(directiveTs, withDollar)].sort()).toEqual(['other', 'scope']);
    expect([...fieldNamesReleasedInProgram(dollar.services.program, withDollar)].sort()).toEqual(['other', 'scope']);
  });
});

/** A real program of the given files (no linted file: they are read the way the rule reads another file of its program). */
function programOf(files: Record<string, string>): ts.Program {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, noLib: true, types: [] };
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (fileName, languageVersion) => {
    const text = files[fileName];
    return text === undefined ? undefined : ts.createSourceFile(fileName, text, languageVersion);
  };
  host.fileExists = (fileName) => fileName in files;
  host.readFile = (fileName) => files[fileName];
  const program = ts.createProgram(Object.keys(files), options, host);
  // As typescript-eslint does for its parser services: binding sets the parent pointers.
  program.getTypeChecker();
  return program;
}

describe('fieldNamesReleasedInProgram, adversarial review', () => {
  it('finds a class whose keyword is spelled with an escape (TypeScript parses it, with an error)', () => {
    const escaped = programOf({
      '/base.ts': 'export cl\\u0061ss Base { f: any; stop(): void { this.f.release(); } }',
      '/other.ts': 'export class Other { g: any; stop(): void { this.g.close(); } }',
    });
    const base = escaped.getSourceFile('/base.ts')?.statements[0];
    expect(base && ts.isClassDeclaration(base)).toBe(true);
    expect([...fieldNamesReleasedInProgram(escaped, names)].sort()).toEqual(['f', 'g']);
  });

  it('tells apart sets of names that join to the same text', () => {
    const commas = programOf({ '/comma.ts': 'export class Pair { f: any; g: any; stop(): void { this.f.a(); this.g[a,b](); } }' });
    const joined: ReleaseNames = { methods: new Set(['a,b']), functions: new Set() };
    const apart: ReleaseNames = { methods: new Set(['a', 'b']), functions: new Set() };
    expect([...fieldNamesReleasedInProgram(commas, joined)]).toEqual(['g']);
    expect([...fieldNamesReleasedInProgram(commas, apart)]).toEqual(['f']);
  });
});
