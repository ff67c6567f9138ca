// Programs assembled at random (but reproducibly, from a seed) out of the shapes the rule has to
// reason about: a field's type, how it is targeted, how it is assigned, how the old value is
// released, and the control flow around both. Every program is also a runnable scenario: a
// `main()` drives the holder class through a few reloads and a close against a tracking resource
// that counts live objects and throws on double release and on use after release.

/** Small, fast, seedable PRNG (mulberry32), so a failing program is reproducible from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

/** The tracking resource and its relatives, shared by every program. */
export const trackingRuntime = `const tracker = { live: 0, made: 0 };
class Tracked {
  #released = false;
  readonly id = ++tracker.made;
  constructor() { tracker.live++; }
  release(): boolean {
    if (this.#released) throw new Error(\`double release of Tracked #\${String(this.id)} (live \${String(tracker.live)})\`);
    this.#released = true;
    tracker.live--;
    return true;
  }
  refCnt(): number { return this.#released ? 0 : 1; }
  use(): number {
    if (this.#released) throw new Error(\`use after release of Tracked #\${String(this.id)}\`);
    return this.id;
  }
}
class TrackedCloser {
  #closed = false;
  readonly id = ++tracker.made;
  constructor() { tracker.live++; }
  close(): void {
    if (this.#closed) throw new Error(\`double close of TrackedCloser #\${String(this.id)}\`);
    this.#closed = true;
    tracker.live--;
  }
  get closed(): boolean { return this.#closed; }
  use(): number {
    if (this.#closed) throw new Error(\`use after close of TrackedCloser #\${String(this.id)}\`);
    return this.id;
  }
}
class OtherCloser extends TrackedCloser {}
class TrackedDisposable {
  #disposed = false;
  readonly id = ++tracker.made;
  constructor() { tracker.live++; }
  [Symbol.dispose](): void {
    if (this.#disposed) throw new Error(\`double dispose of TrackedDisposable #\${String(this.id)}\`);
    this.#disposed = true;
    tracker.live--;
  }
  get disposed(): boolean { return this.#disposed; }
  use(): number {
    if (this.#disposed) throw new Error(\`use after dispose of TrackedDisposable #\${String(this.id)}\`);
    return this.id;
  }
}
class TrackedAsyncDisposable {
  #disposed = false;
  readonly id = ++tracker.made;
  constructor() { tracker.live++; }
  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.resolve();
    if (this.#disposed) throw new Error(\`double asyncDispose of TrackedAsyncDisposable #\${String(this.id)}\`);
    this.#disposed = true;
    tracker.live--;
  }
  get disposed(): boolean { return this.#disposed; }
  use(): number {
    if (this.#disposed) throw new Error(\`use after asyncDispose of TrackedAsyncDisposable #\${String(this.id)}\`);
    return this.id;
  }
}
interface Releasable {
  release(): boolean;
  refCnt(): number;
  use(): number;
}
const ReferenceCountUtil = {
  release(value: { release(): boolean } | null | undefined): boolean {
    return value ? value.release() : false;
  },
};
function make(): Tracked { return new Tracked(); }
async function makeLater(): Promise<Tracked> { await Promise.resolve(); return new Tracked(); }
let sharedTracked: Tracked | undefined;
/** A cached factory: the same object on every call. */
function shared(): Tracked { return (sharedTracked ??= new Tracked()); }
function run<R>(callback: () => R): R { return callback(); }
async function tick(): Promise<void> { await Promise.resolve(); }
/** An assertion function that only checks (and never fails here): the value stays its holder's. */
function noted(value: unknown, why: string): asserts value is unknown { if (why === '') throw new Error(\`no reason for \${String(value)}\`); }
`;

interface TypeShape {
  name: string;
  /** The field's declared type, and its initialiser (or '' for none). */
  type: string;
  init: string;
  nullable: boolean;
  /** A fresh value (sync), and the same built asynchronously (an awaited expression). */
  fresh: string;
  freshAsync: string;
  /** A statement releasing `x` (already known non-empty), and whether it needs an async function. */
  release: (x: string) => string;
  releaseNeedsAsync: boolean;
  /** An expression using `x` (non-empty). */
  use: (x: string) => string;
  /** Whether ReferenceCountUtil.release applies (a `release()` method). */
  refCounted: boolean;
  /** A test of `x` (maybe empty, through `?.`) that is true only when its value is already released. */
  released: (x: string) => string;
}

const typeShapes: TypeShape[] = [
  { name: 'Tracked', type: 'Tracked', init: ' = new Tracked()', nullable: false, fresh: 'new Tracked()', freshAsync: 'await makeLater()', release: (x) => `${x}.release();`, releaseNeedsAsync: false, use: (x) => `${x}.use()`, refCounted: true, released: (x) => `${x}?.refCnt() === 0` },
  { name: 'Tracked|undefined', type: 'Tracked | undefined', init: '', nullable: true, fresh: 'make()', freshAsync: 'await makeLater()', release: (x) => `${x}.release();`, releaseNeedsAsync: false, use: (x) => `${x}.use()`, refCounted: true, released: (x) => `${x}?.refCnt() === 0` },
  { name: 'Tracked|null', type: 'Tracked | null', init: ' = null', nullable: true, fresh: 'make()', freshAsync: 'await makeLater()', release: (x) => `${x}.release();`, releaseNeedsAsync: false, use: (x) => `${x}.use()`, refCounted: true, released: (x) => `${x}?.refCnt() === 0` },
  { name: 'Releasable', type: 'Releasable', init: ' = make()', nullable: false, fresh: 'make()', freshAsync: 'await makeLater()', release: (x) => `${x}.release();`, releaseNeedsAsync: false, use: (x) => `${x}.use()`, refCounted: true, released: (x) => `${x}?.refCnt() === 0` },
  { name: 'union of closers', type: 'TrackedCloser | OtherCloser | undefined', init: '', nullable: true, fresh: 'new OtherCloser()', freshAsync: 'await Promise.resolve(new TrackedCloser())', release: (x) => `${x}.close();`, releaseNeedsAsync: false, use: (x) => `${x}.use()`, refCounted: false, released: (x) => `${x}?.closed === true` },
  { name: 'Disposable', type: 'TrackedDisposable | undefined', init: '', nullable: true, fresh: 'new TrackedDisposable()', freshAsync: 'await Promise.resolve(new TrackedDisposable())', release: (x) => `${x}[Symbol.dispose]();`, releaseNeedsAsync: false, use: (x) => `${x}.use()`, refCounted: false, released: (x) => `!!${x}?.disposed` },
  { name: 'AsyncDisposable', type: 'TrackedAsyncDisposable | undefined', init: '', nullable: true, fresh: 'new TrackedAsyncDisposable()', freshAsync: 'await Promise.resolve(new TrackedAsyncDisposable())', release: (x) => `await ${x}[Symbol.asyncDispose]();`, releaseNeedsAsync: true, use: (x) => `${x}.use()`, refCounted: false, released: (x) => `!!${x}?.disposed` },
  { name: 'generic', type: 'T | undefined', init: '', nullable: true, fresh: 'this.factory()', freshAsync: 'await Promise.resolve(this.factory())', release: (x) => `${x}.release();`, releaseNeedsAsync: false, use: (x) => `${x}.use()`, refCounted: true, released: (x) => `${x}?.refCnt() === 0` },
  { name: 'any', type: 'any', init: '', nullable: true, fresh: 'make()', freshAsync: 'await makeLater()', release: (x) => `${x}.release();`, releaseNeedsAsync: false, use: (x) => `${x}.use()`, refCounted: true, released: (x) => `${x}?.refCnt() === 0` },
];

type TargetShape = 'this' | 'private' | 'static' | 'literal key' | 'inherited' | 'other instance';
const targetShapes: TargetShape[] = ['this', 'private', 'static', 'literal key', 'inherited', 'other instance'];

type AssignShape = 'plain' | 'await' | 'conditional' | 'logical and' | 'non-null' | 'shared factory' | 'returned' | 'arrow body' | 'chained';
const assignShapes: AssignShape[] = ['plain', 'plain', 'await', 'conditional', 'logical and', 'non-null', 'shared factory', 'returned', 'arrow body', 'chained'];

type ReleaseShape =
  | 'none'
  | 'release first'
  | 'guarded release first'
  | 'ReferenceCountUtil first'
  | 'save old'
  | 'save old guarded'
  | 'handed off'
  | 'partial release'
  | 'release then await'
  | 'known empty return'
  | 'known empty branch'
  | 'release unless released'
  | 'store where released or flag'
  | 'asserted'
  | 'asserted then released'
  | 'printed';
const releaseShapes: ReleaseShape[] = [
  'none', 'none', 'release first', 'guarded release first', 'ReferenceCountUtil first', 'save old', 'save old guarded',
  'handed off', 'partial release', 'release then await', 'known empty return', 'known empty branch',
  'release unless released', 'store where released or flag', 'asserted', 'asserted then released', 'printed',
];

type FlowShape = 'plain' | 'if else' | 'for loop' | 'while loop' | 'try finally' | 'early return' | 'callback' | 'async callback' | 'await before' | 'braceless if' | 'switch';
const flowShapes: FlowShape[] = ['plain', 'if else', 'for loop', 'while loop', 'try finally', 'early return', 'callback', 'async callback', 'await before', 'braceless if', 'switch'];

export interface GeneratedProgram {
  seed: number;
  /** What was drawn, for the failure message. */
  shapes: { type: string; target: TargetShape; assign: AssignShape; release: ReleaseShape; flow: FlowShape[] };
  code: string;
  /** Whether a runnable main() was emitted (every program, unless its shapes cannot run). */
  executable: boolean;
}

export function generateProgram(seed: number): GeneratedProgram {
  const random = seededRandom(seed);
  const shape = pick(random, typeShapes);
  const target = pick(random, targetShapes);
  let assign = pick(random, assignShapes);
  let release = pick(random, releaseShapes);
  const flows: FlowShape[] = [pick(random, flowShapes)];
  if (random() < 0.35) flows.push(pick(random, flowShapes));

  const generic = shape.name === 'generic';
  const classHead = generic ? 'class Holder<T extends Tracked>' : 'class Holder';
  const base = target === 'inherited';
  const isStatic = target === 'static';
  const fieldName = target === 'private' ? '#resource' : 'resource';
  // A generic field cannot be static; fall back to an instance field.
  const staticField = isStatic && !generic;
  const owner = staticField ? 'Holder' : 'this';
  const x =
    target === 'literal key' ? `${owner}['resource']` : target === 'other instance' ? 'holder.resource' : `${owner}.${fieldName}`;

  // `&&=` and the shared factory only make sense on some shapes; keep the program type-correct.
  if (assign === 'logical and' && !shape.nullable) assign = 'plain';
  if (assign === 'returned' && target === 'other instance') assign = 'plain';

  let needsAsync = assign === 'await' || flows.includes('await before') || flows.includes('async callback') || release === 'release then await';
  if (shape.releaseNeedsAsync && release !== 'none' && release !== 'handed off' && release !== 'known empty return' && release !== 'known empty branch' && release !== 'store where released or flag' && release !== 'asserted' && release !== 'printed') {
    needsAsync = true;
  }
  if (release === 'ReferenceCountUtil first' && !shape.refCounted) release = 'release first';

  const rhs = (() => {
    switch (assign) {
      case 'await':
        return shape.freshAsync;
      case 'conditional':
        return `flag ? ${shape.fresh} : ${shape.fresh}`;
      case 'non-null':
        return `(${shape.fresh})!`;
      case 'shared factory':
        return shape.refCounted && !generic ? 'shared()' : shape.fresh;
      default:
        return shape.fresh;
    }
  })();
  const operator = assign === 'logical and' ? '&&=' : '=';
  const assignment = `${x} ${operator} ${rhs}`;

  const releaseIfAny = (v: string): string => (shape.nullable ? `if (${v}) ${shape.release(v)}` : shape.release(v));

  // The release shape wraps the assignment statement.
  const core: string[] = (() => {
    const store = assign === 'returned' ? `return (${assignment}) !== undefined;` : `${assignment};`;
    switch (release) {
      case 'none':
        return [store];
      case 'release first':
        return [releaseIfAny(x), store];
      case 'guarded release first':
        return [`if (${x}) {`, `  ${shape.release(x)}`, '}', store];
      case 'ReferenceCountUtil first':
        return [`ReferenceCountUtil.release(${x});`, store];
      case 'save old':
        return [`const previous = ${x};`, `${assignment};`, releaseIfAny('previous')];
      case 'save old guarded':
        return [`const previous = ${x};`, `${assignment};`, `if (previous !== ${x}) {`, `  ${releaseIfAny('previous')}`, '}'];
      case 'handed off':
        return [`retired.push(${x});`, store];
      case 'partial release':
        return [`if (flag) {`, `  ${releaseIfAny(x)}`, '}', store];
      case 'release then await':
        return [releaseIfAny(x), 'await tick();', store];
      case 'known empty return':
        return [`if (${x}) return${assign === 'returned' ? ' false' : ''};`, store];
      case 'known empty branch':
        return [`if (!${x}) {`, `  ${store}`, '}'];
      case 'release unless released':
        return [`if (${x} && !(${shape.released(x)})) {`, `  ${shape.release(x)}`, '}', store];
      case 'store where released or flag':
        return [`if (${shape.released(x)} || flag) {`, `  ${store}`, '}'];
      case 'asserted':
        return [`noted(${x}, 'before the store');`, store];
      case 'asserted then released':
        return [`noted(${x}, 'before the release');`, releaseIfAny(x), store];
      case 'printed':
        // A standard serializer reads the value inside a literal; the list of keys keeps it from walking the resource.
        return [`counter += JSON.stringify({ before: [${x}] }, ['id']).length;`, store];
    }
  })();

  let body = core;
  let braceless = false;
  for (const flow of flows) {
    const single = body.length === 1 && !body[0]?.startsWith('return');
    const indented = body.map((l) => `  ${l}`);
    switch (flow) {
      case 'plain':
        break;
      case 'if else':
        body = ['if (flag) {', ...indented, '} else {', '  counter++;', '}'];
        break;
      case 'for loop':
        body = ['for (let i = 0; i < 2; i++) {', ...indented, '}'];
        break;
      case 'while loop':
        body = ['let turns = 2;', 'while (turns-- > 0) {', ...indented, '}'];
        break;
      case 'try finally':
        body = ['try {', ...indented, '} finally {', '  counter++;', '}'];
        break;
      case 'early return':
        body = [`if (counter > 100) return${assign === 'returned' ? ' false' : ''};`, ...body];
        break;
      case 'callback':
        body = needsAsync ? ['await run(async () => {', ...indented, '});'] : ['run(() => {', ...indented, '});'];
        break;
      case 'async callback':
        body = ['await run(async () => {', ...indented, '});'];
        break;
      case 'await before':
        body = ['await tick();', ...body];
        break;
      case 'braceless if':
        if (single && !braceless) {
          body = ['if (flag)', `  ${body[0] ?? ''}`];
          braceless = true;
        } else {
          body = ['if (flag) {', ...indented, '}'];
        }
        break;
      case 'switch':
        body = ['switch (counter % 3) {', '  case 0:', '  case 1: {', ...body.map((l) => `    ${l}`), '    break;', '  }', '  default:', '    counter++;', '}'];
        break;
    }
  }
  // A callback returning from the method would change meaning; returned stores stay outside callbacks.
  const returnsValue = assign === 'returned' && !flows.some((f) => f === 'callback' || f === 'async callback');
  if (assign === 'returned' && !returnsValue) {
    body = body.map((l) => l.replace(/return \((.*)\) !== undefined;/, '$1;').replace(/return false;/, 'return;'));
  }
  if (assign === 'arrow body') {
    // The store as an arrow's expression body; the arrow runs at once.
    body = body.map((l) => (l.trim() === `${assignment};` ? l.replace(`${assignment};`, `run(() => ${assignment});`) : l));
  }
  if (assign === 'chained') {
    body = body.map((l) => (l.trim() === `${assignment};` ? l.replace(`${assignment};`, `lastBuilt = ${assignment};`) : l));
  }

  const asyncKw = needsAsync ? 'async ' : '';
  const returnType = returnsValue ? (needsAsync ? 'Promise<boolean>' : 'boolean') : needsAsync ? 'Promise<void>' : 'void';
  const tail = returnsValue ? ['return true;'] : [];
  const fieldDecl = `${staticField ? 'static ' : ''}${fieldName}${shape.type === 'any' || shape.init || !shape.nullable ? '' : '?'}: ${shape.type}${shape.init};`;
  const reader = shape.nullable ? `if (${x}) ${shape.use(x)};` : `${shape.use(x)};`;
  const closer = [
    shape.nullable ? `if (${x}) {` : '{',
    `  ${shape.release(x)}`,
    shape.nullable ? `  ${x} = ${shape.type.includes('null') ? 'null' : 'undefined'};` : '',
    '}',
    `for (const r of retired.splice(0)) ${shape.releaseNeedsAsync ? 'await ' : ''}${shape.release('r').replace(/^await /, '').replace(/;$/, '')};`,
  ].filter(Boolean);
  const closeAsync = shape.releaseNeedsAsync;
  const holderParam = target === 'other instance' ? `holder: ${generic ? 'Holder<T>' : 'Holder'}, ` : '';
  const baseDecl = base
    ? [`class HolderBase${generic ? '<T extends Tracked>' : ''} {`, `  ${fieldDecl}`, '}']
    : [];
  const holderField = base ? [] : [`  ${fieldDecl}`];
  const extendsClause = base ? ` extends HolderBase${generic ? '<T>' : ''}` : '';
  const ctor = generic ? ['  constructor(readonly factory: () => T) {', ...(base ? ['    super();'] : []), '  }'] : [];
  const retiredType = generic ? 'T' : shape.type === 'any' ? 'any' : `(${shape.type.replace(' | undefined', '').replace(' | null', '')})`;

  const self = target === 'other instance' ? 'holder' : 'this';
  const lines = [
    trackingRuntime,
    'let counter = 0;',
    'let lastBuilt: unknown;',
    ...baseDecl,
    `${classHead}${extendsClause} {`,
    ...holderField,
    ...ctor,
    `  ${asyncKw}reload(${holderParam}flag: boolean): ${returnType} {`,
    `    const retired = ${self === 'this' ? 'this' : 'holder'}.retired;`,
    ...body.map((l) => `    ${l}`),
    ...tail.map((l) => `    ${l}`),
    '  }',
    `  readonly retired: ${retiredType}[] = [];`,
    '  read(): void {',
    `    ${reader.replaceAll('holder.', 'this.')}`,
    '  }',
    `  ${closeAsync ? 'async ' : ''}close(): ${closeAsync ? 'Promise<void>' : 'void'} {`,
    '    const retired = this.retired;',
    ...closer.map((l) => `    ${l.replaceAll('holder.', 'this.')}`),
    '  }',
    '}',
    `export async function main(): Promise<{ live: number }> {`,
    `  const holder = new Holder(${generic ? 'make' : ''});`,
    '  for (let round = 0; round < 3; round++) {',
    `    ${needsAsync ? 'await ' : ''}holder.reload(${target === 'other instance' ? 'holder, ' : ''}round % 2 === 0);`,
    '    holder.read();',
    '  }',
    `  ${closeAsync ? 'await ' : ''}holder.close();`,
    '  void lastBuilt;',
    '  return { live: tracker.live };',
    '}',
    '',
  ];
  const code = lines.join('\n');
  return {
    seed,
    shapes: { type: shape.name, target, assign, release, flow: flows },
    code,
    executable: true,
  };
}
