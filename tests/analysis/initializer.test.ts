// Which functions run while the instance's fields still hold what the class declared them with:
// the syntax answers of src/analysis/initializer.ts, on snippets parsed without types.
import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { fieldEmptyWhenInitializerRuns, initializerKindOf } from '../../src/analysis/initializer.js';
import { enclosingFunction } from '../../src/analysis/syntax-walk.js';
import { staticMemberName } from '../../src/analysis/field-target.js';

type Store = TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression };

function parseWithParents(code: string): TSESTree.Program {
  const ast = parse(code, { range: true, loc: true });
  simpleTraverse(ast, { enter: () => undefined }, true);
  return ast;
}

/** The first `this.<field> = …` store whose right side is `alloc()`: the store a question is asked about. */
function allocStore(code: string, field: string): Store {
  let found: Store | undefined;
  simpleTraverse(parseWithParents(code), {
    enter(node) {
      if (
        !found &&
        node.type === AST_NODE_TYPES.AssignmentExpression &&
        node.left.type === AST_NODE_TYPES.MemberExpression &&
        staticMemberName(node.left) === field &&
        node.right.type === AST_NODE_TYPES.CallExpression &&
        node.right.callee.type === AST_NODE_TYPES.Identifier &&
        node.right.callee.name === 'alloc'
      ) {
        found = node as Store;
      }
    },
  });
  if (!found) throw new Error(`no this.${field} = alloc() in the snippet`);
  return found;
}

function functionAround(node: TSESTree.Node): TSESTree.Node {
  const found = enclosingFunction(node);
  if (!found) throw new Error('the store is in no function');
  return found;
}

const kindOfStoreFunction = (code: string, initMethods: string[] = []): string | undefined =>
  initializerKindOf(functionAround(allocStore(code, 'buffer')), initMethods);

describe('initializerKindOf', () => {
  it.each([
    ['a constructor', 'class C { constructor() { this.buffer = alloc(); } }', [], 'constructor'],
    ['a method named in initMethods', 'class C { setup() { this.buffer = alloc(); } }', ['setup'], 'initMethod'],
    ['a method decorated with a named decorator', 'class C { @postConstruct() init() { this.buffer = alloc(); } }', ['@postConstruct'], 'initMethod'],
    ['an ordinary method', 'class C { setup() { this.buffer = alloc(); } }', [], undefined],
    ['a static method named in initMethods', 'class C { static setup() { this.buffer = alloc(); } }', ['setup'], undefined],
  ])('%s', (_name, code, initMethods, kind) => {
    expect(kindOfStoreFunction(code, initMethods)).toBe(kind);
  });

  const inConstructor = (statement: string): string => `class C { constructor() { ${statement} } }`;
  it.each([
    ['a WritableStream start arrow', inConstructor('this.w = new WritableStream({ start: () => { this.buffer = alloc(); } });'), 'streamStart'],
    ['an async start arrow', inConstructor('new WritableStream({ start: async () => { this.buffer = alloc(); } });'), 'streamStart'],
    ['a ReadableStream start arrow, typed', inConstructor('new ReadableStream<number>({ start: () => { this.buffer = alloc(); } } as UnderlyingSource<number>);'), 'streamStart'],
    ['a TransformStream start under a string key', inConstructor("new TransformStream({ 'start': () => { this.buffer = alloc(); } });"), 'streamStart'],
    ['inside another call of the constructor', inConstructor('wrap(new WritableStream({ start: () => { this.buffer = alloc(); } }));'), 'streamStart'],
    ['a start method (its `this` is the sink)', inConstructor('new WritableStream({ start() { this.buffer = alloc(); } });'), undefined],
    ['a start function expression', inConstructor('new WritableStream({ start: function () { this.buffer = alloc(); } });'), undefined],
    ['another property', inConstructor('new WritableStream({ write: () => { this.buffer = alloc(); } });'), undefined],
    ['the second argument', inConstructor('new WritableStream(sink, { start: () => { this.buffer = alloc(); } });'), undefined],
    ['another constructor', inConstructor('new EventEmitter({ start: () => { this.buffer = alloc(); } });'), undefined],
    ['a stream created in a loop', inConstructor('for (const p of ps) new WritableStream({ start: () => { this.buffer = alloc(); } });'), undefined],
    ['a stream created in an arrow of the constructor', inConstructor('const make = () => new WritableStream({ start: () => { this.buffer = alloc(); } });'), undefined],
    ['a stream created in a method', 'class C { open() { return new WritableStream({ start: () => { this.buffer = alloc(); } }); } }', undefined],
    ['a stream created in a field initializer', 'class C { w = new WritableStream({ start: () => { this.buffer = alloc(); } }); }', undefined],
  ])('stream start: %s', (_name, code, kind) => {
    expect(kindOfStoreFunction(code)).toBe(kind);
  });

  it.each([
    ['a private method storing a guard first', 'class C { private m() { this.g = {}; this.buffer = alloc(); } }', 'onceMethod'],
    ['a #private method storing a guard first', 'class C { #m() { this.#g = new Set(); this.buffer = alloc(); } }', 'onceMethod'],
    ['a private async method', 'class C { private async m() { this.buffer = alloc(); } }', 'onceMethod'],
    ['the async IIFE stored into the guard', 'class C { private m() { this.g = (async () => { this.buffer = alloc(); })(); } }', 'onceMethod'],
    ['a sync IIFE (its value may be empty)', 'class C { private m() { this.g = (() => { this.buffer = alloc(); })(); } }', undefined],
    ['a public method', 'class C { m() { this.g = {}; this.buffer = alloc(); } }', undefined],
    ['a protected method', 'class C { protected m() { this.g = {}; this.buffer = alloc(); } }', undefined],
    ['a private method storing a maybe-empty value first', 'class C { private m() { this.g = make(); this.buffer = alloc(); } }', undefined],
    ['a private method storing the guard second', 'class C { private m() { log(); this.g = {}; this.buffer = alloc(); } }', undefined],
    ['a private generator', 'class C { private *m() { this.g = {}; this.buffer = alloc(); } }', undefined],
    ['a private static method', 'class C { private static m() { this.g = {}; this.buffer = alloc(); } }', undefined],
  ])('once-per-instance candidate: %s', (_name, code, kind) => {
    expect(kindOfStoreFunction(code)).toBe(kind);
  });
});

/** The ensureEncoder shape, with pieces to vary. */
function encoder({
  guard = 'private ready: Promise<void> | null = null;',
  callSite = 'if (!this.ready) {\n      this.ensure(sample);\n    }',
  method = 'private ensure(sample: number) {\n    this.ready = (async () => {\n      await configure(sample);\n      this.buffer = alloc();\n    })();\n  }',
  more = '',
} = {}): string {
  return `class Encoder {
  ${guard}
  private buffer: Buf | null = null;
  async encode(sample: number) {
    ${callSite}
    await this.ready;
  }
  ${method}
  ${more}
}`;
}

/** Without types: `assert(…)` stands for a function declared `asserts condition`, as mediabunny's is. */
const assertsByName = (call: TSESTree.CallExpression): boolean =>
  call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'assert';

const emptyOnEntry = (code: string, field = 'buffer'): boolean => {
  const store = allocStore(code, field);
  return fieldEmptyWhenInitializerRuns(store, functionAround(store), [], assertsByName);
};

describe('fieldEmptyWhenInitializerRuns', () => {
  it('a constructor or init method: yes, with no class-wide check', () => {
    expect(emptyOnEntry('class C { buffer = null; constructor() { this.buffer = alloc(); } reset() { this.buffer = alloc(); } }')).toBe(true);
  });

  it('an ordinary method: no', () => {
    expect(emptyOnEntry('class C { buffer = null; m() { this.buffer = alloc(); } }')).toBe(false);
  });

  it.each([
    ['the ensureEncoder shape', encoder(), true],
    ['a guard tested with == null', encoder({ callSite: 'if (this.ready == null) this.ensure(sample);' }), true],
    ['a guard tested with === undefined', encoder({ callSite: 'if (this.ready === undefined) { this.ensure(sample); }' }), true],
    ['the else of a truthy test', encoder({ callSite: 'if (this.ready) {} else { this.ensure(sample); }' }), true],
    ['the then of a truthy test', encoder({ callSite: 'if (this.ready) { this.ensure(sample); }' }), false],
    ['an argument that reads a field', encoder({ callSite: 'if (!this.ready) this.ensure(this.options.sample);' }), true],
    ['an argument that calls code', encoder({ callSite: 'if (!this.ready) this.ensure(this.next());' }), false],
    ['a call that is not the first statement of the branch', encoder({ callSite: 'if (!this.ready) { this.warmUp(); this.ensure(sample); }' }), false],
    ['a call after an await in the branch', encoder({ callSite: 'if (!this.ready) { await idle(); this.ensure(sample); }' }), false],
    ['a guard test joined with another test', encoder({ callSite: 'if (!this.ready && sample > 0) this.ensure(sample);' }), false],
    ['a call under no test', encoder({ callSite: 'this.ensure(sample);' }), false],
    ['a second call site, unguarded', encoder({ more: 'flush() { this.ensure(0); }' }), false],
    ['a second call site, guarded too', encoder({ more: 'flush() { if (!this.ready) this.ensure(0); }' }), true],
    ['a second call site guarded by another field', encoder({ more: 'private other: object | null = null;\n  flush() { if (!this.other) this.ensure(0); }' }), false],
    ['a reference as a value', encoder({ more: 'later() { setTimeout(this.ensure.bind(this, 0)); }' }), false],
    ['a destructured reference', encoder({ more: 'later() { const { ensure } = this; }' }), false],
    ['an optional call', encoder({ callSite: 'if (!this.ready) this.ensure?.(sample);' }), false],
    ['a public guard', encoder({ guard: 'ready: Promise<void> | null = null;' }), false],
    ['a public field, which code outside the class may fill first', encoder().replace('private buffer:', 'buffer:'), false],
    ['a guard declared by a base class', encoder({ guard: '' }), false],
    ['a guard cleared elsewhere', encoder({ more: 'reset() { this.ready = null; }' }), false],
    ['a guard deleted elsewhere', encoder({ more: 'reset() { delete this.ready; }' }), false],
    ['a guard stored elsewhere', encoder({ more: 'reset() { this.ready = Promise.resolve(); }' }), false],
    ['a guard stored through another receiver', encoder({ more: 'copy(other: Encoder) { other.ready = null; }' }), false],
    ['the field emptied elsewhere', encoder({ more: 'close() { this.buffer?.release(); this.buffer = null; }' }), true],
    ['the field filled elsewhere', encoder({ more: 'recreate() { this.buffer?.release(); this.buffer = alloc(); }' }), false],
    ['the field filled in a callback of the method', encoder({ method: 'private ensure(sample: number) {\n    this.ready = (async () => {\n      this.buffer = alloc();\n      onLost(() => { this.buffer = make(); });\n    })();\n  }' }), false],
    ['the field filled by the method around its IIFE', encoder({ method: 'private ensure(sample: number) {\n    this.ready = (async () => {\n      this.buffer = alloc();\n    })();\n    this.buffer = make();\n  }' }), false],
    ['the field filled by destructuring', encoder({ more: 'swap(pair: [Buf, Buf]) { [this.buffer] = pair; }' }), false],
    ['a store with a computed key on this', encoder({ more: 'set(key: string, value: unknown) { (this as any)[key] = value; }' }), false],
    ['Object.assign onto this', encoder({ more: 'patch(values: object) { Object.assign(this, values); }' }), false],
    ['Reflect.set onto this', encoder({ more: "patch(key: string, value: unknown) { Reflect.set(this, key, value); }" }), false],
    ['a decorated method, which its decorator may call again', encoder({ method: "@onEvent('reset')\n  private ensure(sample: number) {\n    this.ready = (async () => {\n      this.buffer = alloc();\n    })();\n  }" }), false],
  ])('a memoized private method: %s', (_name, code, expected) => {
    expect(emptyOnEntry(code)).toBe(expected);
  });

  it('a field that the class does not declare itself: no', () => {
    expect(emptyOnEntry(encoder().replace('private buffer: Buf | null = null;', ''))).toBe(false);
  });

  it.each([
    ['`??=` with an async method', 'class C { private loading?: Promise<void>; private buffer = null; get() { return this.loading ??= this.load(); } private async load() { this.buffer = alloc(); } }', true],
    ['`||=` with an async method', 'class C { #loading?: Promise<void>; private buffer = null; get() { return this.#loading ||= this.#load(); } async #load() { this.buffer = alloc(); } }', true],
    ['`??=` with a method that is not async', 'class C { private loading?: object; private buffer = null; get() { return this.loading ??= this.load(); } private load() { this.buffer = alloc(); return {}; } }', false],
    ['`??=` and a reset of the guard', 'class C { private loading?: Promise<void>; private buffer = null; get() { return this.loading ??= this.load(); } reset() { this.loading = undefined; } private async load() { this.buffer = alloc(); } }', false],
  ])('a method behind a logical assignment: %s', (_name, code, expected) => {
    expect(emptyOnEntry(code)).toBe(expected);
  });

  it.each([
    ['no other store', 'class C { buffer = null; constructor() { new WritableStream({ start: () => { this.buffer = alloc(); } }); } }', true],
    ['emptied by close', 'class C { buffer = null; constructor() { new WritableStream({ start: async () => { this.buffer = alloc(); }, close: () => { this.buffer = null; } }); } }', true],
    ['filled by the constructor too', 'class C { buffer = null; constructor() { this.buffer = make(); new WritableStream({ start: () => { this.buffer = alloc(); } }); } }', false],
    ['filled by another method', 'class C { buffer = null; constructor() { new WritableStream({ start: async () => { this.buffer = alloc(); } }); } reopen() { this.buffer = make(); } }', false],
    ['two streams storing the same field', 'class C { buffer = null; constructor() { new WritableStream({ start: () => { this.buffer = alloc(); } }); new ReadableStream({ start: () => { this.buffer = make(); } }); } }', false],
  ])('a stream start in a constructor: %s', (_name, code, expected) => {
    expect(emptyOnEntry(code)).toBe(expected);
  });
});

/**
 * mediabunny's VideoEncoderWrapper, with pieces to vary: the async IIFE of a once-per-instance
 * method calls a private `create()`, which stores the field, and then sets a completion flag;
 * `recreate()` stores it again through `create()`, only where the flag is known to be true.
 */
function flaggedEncoder({
  flag = 'private initialized = false;',
  iife = 'await configure(sample);\n      this.create();\n      this.initialized = true;',
  afterSetUp = 'assert(this.initialized);\n    if (this.reclaimed) this.recreate();',
  create = 'private create() {\n    this.buffer = alloc();\n  }',
  recreate = 'private recreate() {\n    this.buffer?.release();\n    this.create();\n  }',
  more = '',
} = {}): string {
  return `class Encoder {
  private ready: Promise<void> | null = null;
  ${flag}
  private reclaimed = false;
  private buffer: Buf | null = null;
  async encode(sample: number) {
    if (!this.initialized) {
      if (!this.ready) this.ensure(sample);
      await this.ready;
    }
    ${afterSetUp}
  }
  private ensure(sample: number) {
    this.ready = (async () => {
      ${iife}
    })();
  }
  ${create}
  ${recreate}
  ${more}
}`;
}

/** Whether the IIFE of `ensure` starts while `this.buffer` still holds what the class declared. */
const emptyWhenIifeRuns = (code: string): boolean => {
  const store = allocStore(code, 'buffer');
  let classBody: TSESTree.Node | undefined = store.parent;
  while (classBody !== undefined && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
  let iife: TSESTree.Node | undefined;
  if (classBody !== undefined) {
    simpleTraverse(classBody, {
      enter(node) {
        if (node.type === AST_NODE_TYPES.ArrowFunctionExpression && node.async && node.parent.type === AST_NODE_TYPES.CallExpression) {
          iife ??= node;
        }
      },
    });
  }
  if (!iife) throw new Error('no async IIFE in the snippet');
  return fieldEmptyWhenInitializerRuns(store, iife, [], assertsByName);
};

describe('fieldEmptyWhenInitializerRuns: stores ordered after a once-run initializer', () => {
  it.each([
    ['a private method that only the initializer calls', flaggedEncoder({ afterSetUp: '', recreate: '' }), true],
    ['a private method the initializer calls twice', flaggedEncoder({ afterSetUp: '', recreate: '', iife: 'this.create();\n      await configure(sample);\n      this.create();' }), true],
    ['called again after `assert(this.initialized)`, which the initializer sets last', flaggedEncoder(), true],
    ['called again under `if (this.initialized && this.reclaimed)`', flaggedEncoder({ afterSetUp: 'if (this.initialized && this.reclaimed) this.recreate();' }), true],
    ['called again in the else of `if (!this.initialized)`', flaggedEncoder({ afterSetUp: 'if (!this.initialized) {} else if (this.reclaimed) this.recreate();' }), true],
    ['called again after `if (!this.initialized) return;`', flaggedEncoder({ afterSetUp: 'if (!this.initialized) return;\n    if (this.reclaimed) this.recreate();' }), true],
    ['called again after `if (!this.initialized) { log(); throw … }`', flaggedEncoder({ afterSetUp: 'if (!this.initialized) {\n      log();\n      throw new Error();\n    }\n    for (;;) { if (this.reclaimed) this.recreate(); }' }), true],
    ['filled directly after the assert', flaggedEncoder({ afterSetUp: 'assert(this.initialized);\n    this.buffer?.release();\n    this.buffer = make();' }), true],
    ['a #private flag', flaggedEncoder({ flag: '#done = false;', iife: 'await configure(sample);\n      this.create();\n      this.#done = true;', afterSetUp: 'assert(this.#done);\n    this.recreate();' }), true],
    ['the flag set before the initializer stores', flaggedEncoder({ iife: 'this.initialized = true;\n      await configure(sample);\n      this.create();' }), false],
    ['the flag set again after a later store', flaggedEncoder({ iife: 'this.initialized = true;\n      await configure(sample);\n      this.create();\n      this.initialized = true;' }), false],
    ['the flag set only in a branch of the initializer', flaggedEncoder({ iife: 'await configure(sample);\n      this.create();\n      if (sample) {\n        this.initialized = true;\n      }' }), false],
    ['the flag set elsewhere too', flaggedEncoder({ more: 'markReady() { this.initialized = true; }' }), false],
    ['the flag reset to false', flaggedEncoder({ more: 'reset() { this.initialized = false; }' }), false],
    ['the flag set through another receiver', flaggedEncoder({ more: 'adopt(other: Encoder) { other.initialized = true; }' }), false],
    ['a public flag', flaggedEncoder({ flag: 'initialized = false;' }), false],
    ['a flag that starts true', flaggedEncoder({ flag: 'private initialized = true;' }), false],
    ['a flag with no initial value', flaggedEncoder({ flag: 'private initialized?: boolean;' }), false],
    ['the other call not behind the flag', flaggedEncoder({ afterSetUp: 'if (this.reclaimed) this.recreate();' }), false],
    ['the then of `if (!this.initialized)`', flaggedEncoder({ afterSetUp: 'if (!this.initialized) this.recreate();' }), false],
    ['`this.initialized || more`', flaggedEncoder({ afterSetUp: 'if (this.initialized || this.reclaimed) this.recreate();' }), false],
    ['a call that is not an `asserts` function', flaggedEncoder({ afterSetUp: 'check(this.initialized);\n    this.recreate();' }), false],
    ['an assert in a block that ends before the call', flaggedEncoder({ afterSetUp: '{\n      assert(this.initialized);\n    }\n    this.recreate();' }), false],
    ['an assert after the call', flaggedEncoder({ afterSetUp: 'this.recreate();\n    assert(this.initialized);' }), false],
    ['`if (!this.initialized)` that may go on', flaggedEncoder({ afterSetUp: 'if (!this.initialized) {\n      if (sample) return;\n    }\n    this.recreate();' }), false],
    ['the call in a callback after the assert', flaggedEncoder({ afterSetUp: 'assert(this.initialized);\n    setTimeout(() => { this.recreate(); });' }), false],
    ['the flag of another object', flaggedEncoder({ afterSetUp: 'assert(other.initialized);\n    this.recreate();' }), false],
    ['an async store method the initializer does not await', flaggedEncoder({ create: 'private async create() {\n    await configure(0);\n    this.buffer = alloc();\n  }' }), false],
    ['the store method also called by a public method', flaggedEncoder({ more: 'rebuild() { this.create(); }' }), false],
    ['the store method taken as a value', flaggedEncoder({ more: 'later() { setTimeout(this.create.bind(this)); }' }), false],
    ['the store method called from a callback of the initializer', flaggedEncoder({ iife: 'await configure(sample);\n      onLost(() => this.create());\n      this.initialized = true;', recreate: '' }), false],
    ['a public store method', flaggedEncoder({ create: 'create() {\n    this.buffer = alloc();\n  }' }), false],
    ['an initializer that may run again', flaggedEncoder({ more: 'flush() { this.ensure(0); }' }), false],
    ['the flag set through Reflect.set', flaggedEncoder({ more: "markReady() { Reflect.set(this, 'initialized', true); }" }), false],
    ['a decorated store method, which its decorator may call at any time', flaggedEncoder({ create: "@onEvent('lost')\n  private create() {\n    this.buffer = alloc();\n  }" }), false],
  ])('%s', (_name, code, expected) => {
    expect(emptyWhenIifeRuns(code)).toBe(expected);
  });
});
