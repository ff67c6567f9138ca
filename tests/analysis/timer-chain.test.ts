// The node and file questions behind a fired timer's chain: which arrows a promise link runs at
// most once, where a file writes a field, which classes may share an instance, and which types are
// native promises. The flow over the chain is specified by the "timer chain" RuleTester cases.
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import {
  classesByNameIn,
  dynamicStoresIn,
  fieldWritesIn,
  handlersUseThis,
  isNativePromiseType,
  mayBeInstanceOf,
  mayNameField,
  mayShareInstances,
  membersNamedOutside,
  promiseLinkOf,
  registersArrowHandler,
  thisEscapes,
  timerEscapesIn,
} from '../../src/analysis/timer-chain.js';
import { nodesOfType, parseTyped } from './parse.js';

/** For each arrow of the snippet, in source order: the source text of the link registering it, if any. */
function linksOfArrows(code: string): (string | undefined)[] {
  const { ast } = parseTyped(code);
  return nodesOfType(ast, AST_NODE_TYPES.ArrowFunctionExpression).map((arrow) => {
    const link = promiseLinkOf(arrow);
    return link && code.slice(...link.link.callee.range);
  });
}

describe('promiseLinkOf', () => {
  it('takes the two handlers of then and the one of catch and finally, not a second of catch or another method', () => {
    expect(
      linksOfArrows(`
        declare const p: Promise<void>;
        declare function on(event: string, listener: () => void): void;
        p.then(() => 1, () => 2);
        p.catch(() => 3).finally(() => 4);
        p.then.call(p, () => 5, () => 6);
        p.then(undefined, (() => 8) as () => void);
        on('data', () => 9);
        p.catch(undefined as never, () => 10);`),
    ).toEqual(['p.then', 'p.then', 'p.catch', 'p.catch(() => 3).finally', undefined, undefined, 'p.then', undefined, undefined]);
  });
});

describe('registersArrowHandler and handlersUseThis', () => {
  it('sees a link with an arrow handler, and whether any of its arrows names this', () => {
    const code = `
      declare const p: Promise<void>;
      declare function log(error: unknown): void;
      class Pinger {
        tick(): void {}
        run(): void {
          p.then(() => this.tick());
          p.catch((error: unknown) => log(error));
          p.then(log);
          p.then(undefined, () => [1].map(() => this));
        }
      }`;
    const calls = nodesOfType(parseTyped(code).ast, AST_NODE_TYPES.CallExpression).filter(
      (call) => call.callee.type === AST_NODE_TYPES.MemberExpression && call.callee.object.type === AST_NODE_TYPES.Identifier && call.callee.object.name === 'p',
    );
    expect(calls.map((call) => [registersArrowHandler(call), registersArrowHandler(call) && handlersUseThis(call)])).toEqual([
      [true, true],
      [true, false],
      [false, false],
      [true, true],
    ]);
  });
});

describe('fieldWritesIn', () => {
  it('finds every write of the name through any receiver, empties apart and unjudged writes marked', () => {
    const code = `
      class Pinger {
        timer: NodeJS.Timeout | undefined;
        other = { timer: 0 };
        run(list: NodeJS.Timeout[], peer: Pinger): void {
          this.timer = setTimeout(() => undefined, 1);
          peer.timer ??= setTimeout(() => undefined, 1);
          this.timer = undefined;
          [this.timer] = list;
          for (this.timer of list);
          this.other.timer++;
          this.timer?.refresh();
          delete peer.timer;
          clearTimeout(this.timer);
        }
      }`;
    const writes = fieldWritesIn(parseTyped(code).ast, 'timer').map((write) => [
      write.member.loc.start.line - 5,
      write.emptyValue,
      write.unchecked ?? false,
    ]);
    expect(writes.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, false, false],
      [2, false, false],
      [3, true, false],
      [4, false, true],
      [5, false, true],
      [6, false, true],
      [7, false, true],
    ]);
  });
});

describe('mayShareInstances', () => {
  it('follows extends through the classes of the file, and takes an expression it cannot follow as sharing', () => {
    const { ast } = parseTyped(`
      declare function mixin<T>(base: T): T;
      declare class Imported {}
      class Pinger {}
      class Fast extends Pinger {}
      class Faster extends Fast {}
      class Mixed extends mixin(Imported) {}
      class Unrelated extends Imported {}
      class Alone {}`);
    const classes = classesByNameIn(ast);
    const pinger = classes.get('Pinger');
    if (!pinger) throw new Error('no Pinger');
    const sharing = ['Fast', 'Faster', 'Mixed', 'Unrelated', 'Alone'].map((name) => {
      const other = classes.get(name);
      return other && mayShareInstances(other, pinger, classes);
    });
    expect(sharing).toEqual([true, true, true, false, false]);
  });
});

describe('isNativePromiseType', () => {
  it('takes the default library Promise (also in a union), not a thenable or a class named Promise', () => {
    const { ast, services } = parseTyped(`
      declare const native: Promise<number>;
      declare const either: Promise<number> | Promise<string>;
      declare const thenable: PromiseLike<number>;
      declare const maybe: Promise<number> | undefined;
      namespace Own { export declare class Promise<T> { then(onValue: (value: T) => void): void } }
      declare const own: Own.Promise<number>;
      async function made(): Promise<void> {}
      native; either; thenable; maybe; own; made();`);
    const statements = ast.body.filter((statement) => statement.type === AST_NODE_TYPES.ExpressionStatement);
    expect(
      statements.map((statement) => isNativePromiseType(services.getTypeAtLocation(statement.expression), services.program)),
    ).toEqual([true, true, false, false, false, true]);
  });
});

describe('thisEscapes', () => {
  it('takes `this` used as a value or with a dynamic key as escaping, not `this.f` or the `this` of a nested function', () => {
    const classes = classesByNameIn(
      parseTyped(`
        declare function helper(value: object): void;
        class Named { f = 0; run(): void { this.f = 1; this.run(); const g = () => this['f']; g(); } }
        class Assigning { f = 0; restore(saved: { f: number }): void { Object.assign(this, saved); } }
        class Passing { run(): void { helper(this); } }
        class Aliasing { f = 0; run(): void { const self = this; self.f = 1; } }
        class Dynamic { f = 0; set(key: 'f'): void { this[key] = 1; } }
        class Nested { run(): void { helper(function (this: object) { helper(this); }); helper(class { m(): object { return this; } }); } }
        class Wrapped { f = 0; run(): void { (this as Wrapped).f = 1; this!.f = 2; } }`).ast,
    );
    const names = ['Named', 'Assigning', 'Passing', 'Aliasing', 'Dynamic', 'Nested', 'Wrapped'];
    expect(names.map((name) => { const found = classes.get(name); return found && thisEscapes(found); })).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('mayBeInstanceOf', () => {
  it('tells apart classes that both keep a private member and do not extend one another, and a class from a dictionary it does not fit', () => {
    const { ast, services } = parseTyped(`
      declare class Connection { destroy(): void }
      class Pinger { connection: Connection | undefined; private measure(): void {} }
      class FastPinger extends Pinger { fast = true; }
      class Plain { connection: Connection | undefined; }
      class Generic<T> { connection: Connection | undefined; private value?: T; }
      class Monitor { connection: Connection | undefined; private heartbeats = 0; }
      class Keeper { connection: Connection | undefined; constructor(protected readonly name: string) {} }
      class Open { connection: Connection | undefined; heartbeats = 0; }
      declare const monitor: Monitor;
      declare const keeper: Keeper;
      declare const either: Monitor | string | undefined;
      declare const fast: FastPinger | Monitor;
      declare const open: Open;
      declare const shape: { connection?: Connection };
      declare const both: Monitor & { extra: number };
      declare const nothing: any;
      declare const something: unknown;
      declare const anObject: object;
      declare const counts: Record<string, number>;
      declare const loose: { [key: string]: any };
      function generic<T extends { connection?: Connection }>(held: T): T { return held; }
      monitor; keeper; either; fast; open; shape; both; nothing; something; anObject; counts; loose; generic;`);
    const classes = classesByNameIn(ast);
    const checker = services.program.getTypeChecker();
    const tsClass = (name: string) => {
      const found = classes.get(name);
      if (!found) throw new Error(`no ${name}`);
      return services.esTreeNodeToTSNodeMap.get(found);
    };
    const statements = ast.body.filter((statement) => statement.type === AST_NODE_TYPES.ExpressionStatement);
    const held = nodesOfType(ast, AST_NODE_TYPES.Identifier).find(
      (identifier) => identifier.name === 'held' && identifier.parent.type === AST_NODE_TYPES.ReturnStatement,
    );
    if (!held) throw new Error('no held');
    const receivers = [...statements.map((statement) => statement.expression).slice(0, 12), held];
    const fits = (name: string) => receivers.map((receiver) => mayBeInstanceOf(services.getTypeAtLocation(receiver), tsClass(name), checker));
    // monitor, keeper, either, fast, open, shape, both, any, unknown, object, a dictionary of numbers, one of any, a type parameter
    expect(fits('Pinger')).toEqual([false, false, false, true, true, true, true, true, true, true, false, true, true]);
    expect(fits('Plain')).toEqual([true, true, true, true, true, true, true, true, true, true, false, true, true]);
    expect(fits('Generic')).toEqual([true, true, true, true, true, true, true, true, true, true, true, true, true]);
  });
});

/** The source text of each node, in the order given. */
function textsOf(code: string, nodes: readonly { range: [number, number] }[]): string[] {
  return nodes.map((node) => code.slice(...node.range));
}

describe('dynamicStoresIn', () => {
  it('takes the object that Object.assign, Object.defineProperty or Reflect.set stores into, and that of a write through a computed key, with the key', () => {
    const code = `
      declare const pinger: { connection?: object; [index: number]: object };
      declare const key: 'connection';
      declare const other: object;
      Object.assign(pinger, { connection: other });
      Object.assign({}, pinger);
      Reflect.set(other, 'connection', other);
      Object.defineProperty(globalThis, 'connection', { value: other });
      pinger[key] = other;
      [pinger[key]] = [other];
      pinger[0] = other;
      pinger['connection'] = other;
      Object.keys(pinger);
      const read = pinger[key];`;
    const stores = dynamicStoresIn(parseTyped(code).ast).map((store) => `${code.slice(...store.target.range)} ${store.key ? code.slice(...store.key.range) : '-'}`);
    expect(stores.sort()).toEqual(['globalThis -', 'other -', 'pinger -', 'pinger key', 'pinger key']);
  });
});

describe('mayNameField', () => {
  it('takes a string, a string literal, any or unknown as a key that may name a field, not a number, a bigint or a symbol', () => {
    const { ast, services } = parseTyped(`
      declare const text: string;
      declare const literal: 'connection';
      declare const loose: any;
      declare const opaque: unknown;
      declare const mixed: number | 'connection';
      declare const index: number;
      declare const big: bigint;
      declare const tag: symbol;
      [text, literal, loose, opaque, mixed, index, big, tag];`);
    const array = nodesOfType(ast, AST_NODE_TYPES.ArrayExpression)[0];
    if (!array) throw new Error('no array');
    expect(array.elements.map((element) => element && mayNameField(services.getTypeAtLocation(element)))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('membersNamedOutside', () => {
  it('finds the accesses of the names outside the class body only, through a dot, a string key or any', () => {
    const code = `
      class Pinger { private measure(): void { this.measure(); } private other(): void {} }
      declare const pinger: Pinger;
      pinger['measure']();
      (pinger as any).measure();
      (pinger as any).other();`;
    const { ast } = parseTyped(code);
    const pinger = classesByNameIn(ast).get('Pinger');
    if (!pinger) throw new Error('no class Pinger');
    expect(textsOf(code, membersNamedOutside(ast, pinger, new Set(['measure']))).sort()).toEqual(['(pinger as any).measure', "pinger['measure']"]);
    expect(membersNamedOutside(ast, pinger, new Set())).toEqual([]);
  });
});

describe('timerEscapesIn', () => {
  it('takes a read that lets the timer out, not one that tests, cancels or (un)refs it, nor a local used only so', () => {
    const code = `
      declare function track(timer: NodeJS.Timeout | undefined): void;
      class Pinger {
        timer: NodeJS.Timeout | undefined;
        stop(): void {
          if (this.timer) clearTimeout(this.timer);
          this.timer?.unref();
          const same = this.timer === undefined;
          const oldTimer = this.timer;
          if (oldTimer !== this.timer) clearTimeout(oldTimer);
          this.timer = undefined;
        }
        leak(): NodeJS.Timeout | undefined {
          const held = this.timer;
          held?.refresh();
          track(this.timer);
          return this.timer;
        }
      }`;
    const { ast } = parseTyped(code);
    // No scope analysis here: a local counts as staying put when its declarator says so.
    const escapes = timerEscapesIn(ast, 'timer', (declarator) => code.slice(...declarator.range).startsWith('oldTimer'));
    expect(escapes.map((read) => code.slice(...read.parent.range)).sort()).toEqual(['held = this.timer', 'return this.timer;', 'track(this.timer)']);
  });
});
