import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, repair, type Repaired } from './lint-harness.js';
import { execute, trackedResource } from './tracked-program.js';
import { typeErrorsOf } from './type-check.js';

// The executable fix check: small programs that leak a tracked resource are repaired through
// ESLint (autofixes, and the first suggestion where there is no fix), type-checked with the
// TypeScript API, transpiled and run. Each must leak before and end with nothing live and no
// misuse (double release, use after release) after.

interface LeakingProgram {
  name: string;
  /** The program after the tracked resource; exports `run()`. */
  code: string;
  /** Repaired by a suggestion rather than an autofix. */
  bySuggestion?: boolean;
}

const programs: LeakingProgram[] = [
  {
    name: 'a reload that asserts the old value is there, then overwrites it',
    code: `
function assertPresent(value: unknown): asserts value {
  if (value == null) throw new Error('missing');
}
class Server {
  ctx: Resource | undefined = build();
  reload(): void {
    assertPresent(this.ctx);
    this.ctx = build();
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (let round = 0; round < 3; round += 1) {
    server.reload();
    server.ctx?.use();
  }
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'a reload that checks the old value with node:assert, then overwrites it',
    code: `
import { strict as assert } from 'node:assert';
class Server {
  ctx: Resource | undefined = build();
  reload(): void {
    assert.ok(this.ctx, 'no context');
    this.ctx = build();
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (let round = 0; round < 3; round += 1) {
    server.reload();
    server.ctx?.use();
  }
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'a reload that logs the old value, then overwrites it',
    code: `
import { inspect } from 'node:util';
const logged: string[] = [];
class Server {
  ctx: Resource | undefined = build();
  reload(): void {
    logged.push(inspect(this.ctx, { depth: 0 }), JSON.stringify({ replacing: this.ctx !== undefined }));
    this.ctx = build();
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (let round = 0; round < 3; round += 1) {
    server.reload();
    server.ctx?.use();
  }
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'a reload that prints the old value inside literals, through a renamed import, then overwrites it',
    code: `
import { inspect as show } from 'node:util';
const logged: string[] = [];
class Server {
  ctx: Resource | undefined = build();
  reload(): void {
    logged.push(show({ replacing: this.ctx }, { depth: 0 }), JSON.stringify({ list: [this.ctx] }));
    this.ctx = build();
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (let round = 0; round < 3; round += 1) {
    server.reload();
    server.ctx?.use();
  }
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'a configuration literal cast to its full type, its resource key filled on first configure',
    code: `
interface Config { name: string; ctx: Resource }
class Provider {
  config: Config = { name: 'provider' } as Config;
  constructor() {
    this.configure();
  }
  configure(): void {
    this.config.ctx = build();
  }
  close(): void {
    this.config.ctx.release();
  }
}
export async function run(): Promise<void> {
  const provider = new Provider();
  provider.configure();
  provider.config.ctx.use();
  provider.close();
  await pause(0);
}
`,
  },
  {
    name: 'a reload that saves the old value, overwrites it, then prints the saved one',
    code: `
import { inspect } from 'node:util';
const printed: string[] = [];
class Server {
  ctx: Resource | undefined = build();
  reload(): void {
    const previous = this.ctx;
    this.ctx = build();
    printed.push(inspect(previous, { depth: 0 }), \`replaced \${String(previous !== undefined)}\`);
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (let round = 0; round < 3; round += 1) {
    server.reload();
    server.ctx?.use();
  }
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'a reload that saves the old value, overwrites it, then only asserts the saved one',
    code: `
function assertPresent(value: unknown): asserts value {
  if (value == null) throw new Error('missing');
}
class Server {
  ctx: Resource | undefined = build();
  reload(): void {
    const previous = this.ctx;
    this.ctx = build();
    assertPresent(previous);
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (let round = 0; round < 3; round += 1) {
    server.reload();
    server.ctx?.use();
  }
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'sync reload',
    code: `
class Server {
  ctx: Resource | undefined;
  reload(): void {
    this.ctx = build();
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (let round = 0; round < 5; round += 1) {
    server.reload();
    server.ctx?.use();
  }
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'three overlapping async reloads with a reader during the awaits',
    code: `
class Server {
  ctx: Resource = build();
  async reload(delayMs: number): Promise<void> {
    this.ctx = await buildAsync(delayMs);
  }
  close(): void {
    this.ctx.release();
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  let reading = true;
  let reads = 0;
  const reader = (async () => {
    while (reading && reads < 1000) {
      server.ctx.use();
      reads += 1;
      await pause(1);
    }
  })();
  await Promise.all([server.reload(15), server.reload(5), server.reload(10)]);
  reading = false;
  await reader;
  server.close();
}
`,
  },
  {
    name: 'a build that throws on one call',
    code: `
let builds = 0;
function buildFlaky(): Resource {
  builds += 1;
  if (builds === 3) throw new Error('broken certificate');
  return build();
}
class Server {
  ctx: Resource = buildFlaky();
  reload(): void {
    this.ctx = buildFlaky();
  }
  close(): void {
    this.ctx.release();
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (let round = 0; round < 4; round += 1) {
    try {
      server.reload();
    } catch {
      // the server keeps serving the previous context
    }
    server.ctx.use();
  }
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'a braceless if',
    code: `
class Server {
  ctx: Resource | undefined;
  reload(force: boolean): void {
    if (force) this.ctx = build();
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (const force of [true, false, true, true]) server.reload(force);
  server.ctx?.use();
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'a static field assigned from the constructor',
    code: `
class Registry {
  static shared: Resource | undefined;
  constructor() {
    Registry.shared = build();
  }
  static close(): void {
    Registry.shared?.release();
    Registry.shared = undefined;
  }
}
export async function run(): Promise<void> {
  for (let round = 0; round < 3; round += 1) new Registry();
  Registry.shared?.use();
  Registry.close();
  await pause(0);
}
`,
  },
  {
    name: 'an inherited field',
    code: `
class Base {
  protected ctx: Resource | undefined;
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
class Server extends Base {
  reload(): void {
    this.ctx = build();
  }
  read(): number | undefined {
    return this.ctx?.use();
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (let round = 0; round < 3; round += 1) {
    server.reload();
    server.read();
  }
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'a Symbol.dispose holder',
    code: `
class Lock implements Disposable {
  readonly held = build();
  [Symbol.dispose](): void {
    this.held.release();
  }
}
class Guarded {
  lock: Lock | undefined;
  relock(): void {
    this.lock = new Lock();
  }
  close(): void {
    this.lock?.[Symbol.dispose]();
    this.lock = undefined;
  }
}
export async function run(): Promise<void> {
  const guarded = new Guarded();
  for (let round = 0; round < 3; round += 1) {
    guarded.relock();
    guarded.lock?.held.use();
  }
  guarded.close();
  await pause(0);
}
`,
  },
  {
    name: 'a Symbol.asyncDispose holder',
    code: `
class LogFile implements AsyncDisposable {
  readonly handle = build();
  async [Symbol.asyncDispose](): Promise<void> {
    await pause(1);
    this.handle.release();
  }
}
async function openLogFile(): Promise<LogFile> {
  await pause(1);
  return new LogFile();
}
class Log {
  file: LogFile | undefined;
  async rotate(): Promise<void> {
    this.file = await openLogFile();
  }
  async close(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    await file?.[Symbol.asyncDispose]();
  }
}
export async function run(): Promise<void> {
  const log = new Log();
  for (let round = 0; round < 3; round += 1) {
    await log.rotate();
    log.file?.handle.use();
  }
  await log.close();
}
`,
  },
  {
    name: 'a reference count released with a decrement before its store, beside a leaking field',
    code: `
class CountedBuffer {
  #refCnt = 1;
  readonly held = build();
  release(decrement = 1): boolean {
    this.#refCnt -= decrement;
    if (this.#refCnt > 0) return false;
    // Past zero this releases the held resource again, which the ledger records as a double release.
    this.held.release();
    return true;
  }
}
class Holder {
  buffer = new CountedBuffer();
  ctx: Resource | undefined;
  replace(): void {
    this.buffer.release(1);
    this.buffer = new CountedBuffer();
  }
  reload(): void {
    this.ctx = build();
  }
  close(): void {
    this.buffer.release();
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const holder = new Holder();
  for (let round = 0; round < 3; round += 1) {
    holder.replace();
    holder.reload();
    holder.buffer.held.use();
    holder.ctx?.use();
  }
  holder.close();
  await pause(0);
}
`,
  },
  {
    name: 'a release method that returns a promise: restart() resolves once the old one is destroyed',
    code: `
/** Ids of the resources whose destroy() has started and not finished. */
const destroying = new Set<number>();
class Processor {
  readonly held = build();
  destroy = async (): Promise<void> => {
    destroying.add(this.held.id);
    await pause(1);
    this.held.release();
    destroying.delete(this.held.id);
  };
}
class Track {
  processor: Processor | undefined;
  async restart(): Promise<void> {
    await pause(0);
    this.processor = new Processor();
  }
  async close(): Promise<void> {
    const processor = this.processor;
    this.processor = undefined;
    await processor?.destroy();
  }
}
export async function run(): Promise<void> {
  const track = new Track();
  for (let round = 0; round < 3; round += 1) {
    await track.restart();
    // A destroy() still running here was not awaited: its rejection would go unhandled.
    if (destroying.size > 0) ledger.misuse.push('restart() resolved while destroy() was still running');
    track.processor?.held.use();
  }
  await track.close();
}
`,
  },
  {
    name: 'a factory that returns the same object twice',
    code: `
let cached: Resource | undefined;
function currentContext(rebuild: boolean): Resource {
  if (rebuild || !cached) cached = build();
  return cached;
}
class Server {
  ctx: Resource | undefined;
  reload(rebuild: boolean): void {
    this.ctx = currentContext(rebuild);
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  for (const rebuild of [true, false, false, true, false]) {
    server.reload(rebuild);
    server.ctx?.use();
  }
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'a callback registered in the constructor',
    code: `
import { EventEmitter } from 'node:events';
class Server {
  ctx: Resource | undefined;
  constructor(events: EventEmitter) {
    events.on('rotate', () => {
      this.ctx = build();
    });
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const events = new EventEmitter();
  const server = new Server(events);
  for (let round = 0; round < 3; round += 1) events.emit('rotate');
  server.ctx?.use();
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'an expression-bodied arrow (by its suggestion)',
    bySuggestion: true,
    code: `
import { EventEmitter } from 'node:events';
class Server {
  ctx: Resource | undefined;
  constructor(events: EventEmitter) {
    events.on('rotate', () => this.ctx = build());
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const events = new EventEmitter();
  const server = new Server(events);
  for (let round = 0; round < 3; round += 1) events.emit('rotate');
  server.ctx?.use();
  server.close();
  await pause(0);
}
`,
  },
  {
    name: 'names already taken in scope',
    code: `
class Server {
  ctx: Resource | undefined;
  async reload(delayMs: number): Promise<string> {
    const oldCtx = 'previous';
    const nextCtx = 'next';
    this.ctx = await buildAsync(delayMs);
    return oldCtx + ' -> ' + nextCtx;
  }
  close(): void {
    this.ctx?.release();
    this.ctx = undefined;
  }
}
export async function run(): Promise<void> {
  const server = new Server();
  await Promise.all([server.reload(3), server.reload(1)]);
  await server.reload(0);
  server.ctx?.use();
  server.close();
}
`,
  },
  {
    // live: streams still locked at the end; a stream closed by a writer's release is a misuse
    // (livekit: the writer's close() closed the socket before the code's own close with a code).
    name: 'a web stream writer swapped for another stream: releaseLock() lets go of the old stream, leaving it open',
    code: `
class Pump {
  private writer: WritableStreamDefaultWriter<string> | undefined;
  attach(stream: WritableStream<string>): void {
    this.writer = stream.getWriter();
  }
  detach(): void {
    this.writer?.releaseLock();
    this.writer = undefined;
  }
}
function openStream(): WritableStream<string> {
  return new WritableStream<string>({
    close() {
      ledger.misuse.push('a stream was closed by the release of its writer');
    },
  });
}
export async function run(): Promise<void> {
  const streams = [openStream(), openStream(), openStream()];
  const pump = new Pump();
  for (const stream of streams) pump.attach(stream);
  pump.detach();
  await pause(0);
  ledger.live = streams.filter((stream) => stream.locked).length;
}
`,
  },
  {
    // live: panels still shown; showing a disposed panel is a misuse (lumino Menu: dispose() would
    // destroy a submenu that is reopened later, where the class itself only ever closes it).
    name: 'a panel the class only closes: the fix closes the old one too, so it can be shown again',
    code: `
class Panel {
  shown = true;
  disposed = false;
  constructor() {
    ledger.live += 1;
  }
  show(): void {
    if (this.disposed) {
      ledger.misuse.push('a disposed panel was shown again');
      throw new Error('a disposed panel was shown again');
    }
    if (!this.shown) {
      this.shown = true;
      ledger.live += 1;
    }
  }
  close(): void {
    if (this.shown) {
      this.shown = false;
      ledger.live -= 1;
    }
  }
  dispose(): void {
    this.close();
    this.disposed = true;
  }
}
class Dock {
  panel: Panel;
  constructor(panel: Panel) {
    this.panel = panel;
  }
  hide(): void {
    this.panel.close();
  }
  swap(panel: Panel): void {
    panel.show();
    this.panel = panel;
  }
}
export async function run(): Promise<void> {
  const first = new Panel();
  const second = new Panel();
  second.close();
  const dock = new Dock(first);
  dock.swap(second);
  dock.swap(first);
  dock.hide();
  await pause(0);
}
`,
  },
];

const repaired = new Map<string, Repaired>();
const sourceOf = (program: LeakingProgram): string => trackedResource + program.code;
const repairedSource = (program: LeakingProgram): string => {
  let result = repaired.get(program.name);
  if (!result) {
    result = repair(sourceOf(program));
    repaired.set(program.name, result);
  }
  return result.output;
};

describe('executable fix check', () => {
  it('repairs every program through ESLint, leaving no report', () => {
    for (const program of programs) {
      repairedSource(program);
      const result = repaired.get(program.name);
      expect(result?.remaining, program.name).toEqual([]);
      if (program.bySuggestion) {
        expect({ name: program.name, fixes: result?.fixesApplied, suggestions: result?.suggestionsApplied }).toEqual({
          name: program.name,
          fixes: 0,
          suggestions: 1,
        });
      } else {
        expect(result?.fixesApplied, program.name).toBeGreaterThanOrEqual(1);
        expect(result?.suggestionsApplied, program.name).toBe(0);
      }
    }
  }, 120_000);

  it('type-checks every program before and after the repair with no errors', () => {
    const files = new Map<string, string>();
    programs.forEach((program, index) => {
      files.set(path.join(fixturesDir, `leaking-${String(index)}.ts`), sourceOf(program));
      files.set(path.join(fixturesDir, `repaired-${String(index)}.ts`), repairedSource(program));
    });
    const errors = typeErrorsOf(files);
    const reported = [...errors].flatMap(([file, messages]) =>
      messages.map((message) => `${path.basename(file)}: ${message}`),
    );
    expect(reported).toEqual([]);
  }, 120_000);

  for (const program of programs) {
    it(`${program.name}: leaks before, nothing live and no misuse after`, async () => {
      const before = await execute(sourceOf(program));
      expect(before.misuse).toEqual([]);
      expect(before.live).toBeGreaterThan(0);
      const after = await execute(repairedSource(program));
      expect(after).toEqual({ live: 0, misuse: [] });
    }, 60_000);
  }
});
