import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import type { MessageIds } from '../../src/rules/no-unreleased-overwrite.js';
import { defaultRuleOptions, type Options, type RuleOptions } from '../../src/rules/options.js';

// The fix and suggestion cases of no-unreleased-overwrite: each a small program a user could have
// written, with the exact code every fix and every suggestion produces. Shared by the RuleTester
// run, the type-check of every output and the strictTypeChecked lint of every output.

/** A reference-counted context, as in the original RocketMQ leak. */
const ssl = `interface SslContext {
  release(): boolean;
}
declare function buildSslContext(): SslContext;
declare function buildSslContextAsync(): Promise<SslContext>;
`;

export type FixCase = Omit<InvalidTestCase<MessageIds, Options>, 'options'> & { options?: [Partial<RuleOptions>] };

/** The case's options over the defaults, as a user's config would give them. */
export const optionsOf = (testCase: FixCase): Options => [{ ...defaultRuleOptions, ...testCase.options?.[0] }];

export const fixCases: FixCase[] = [
  {
    name: 'sync reload of a nullable field: save, assign, release with ?.',
    code: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  reload(): void {
    this.sslContext = buildSslContext();
  }
  close(): void {
    this.sslContext?.release();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext?.release();
  }
  close(): void {
    this.sslContext?.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'sync reload of a field that always holds a value: release with .',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'a field declared without a value may be unassigned: ?., with the local typed to say so',
    code: `${ssl}
class Server {
  sslContext!: SslContext;
  start(): void {
    this.sslContext = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext!: SslContext;
  start(): void {
    const oldSslContext = this.sslContext as typeof this.sslContext | undefined;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext?.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'trailing and leading comments stay with the assignment',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    // rotate the certificate
    this.sslContext = buildSslContext(); // picked up by the next handshake
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    // rotate the certificate
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext(); // picked up by the next handshake
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'a @ts-expect-error above the assignment stays right above it',
    code: `abstract class Encoder {
  abstract close(): void;
}
class Holder {
  encoder: Encoder | null = null;
  start(Registered: typeof Encoder): void {
    // the subclass registered at run time is concrete
    // @ts-expect-error TypeScript only sees the abstract base
    this.encoder = new Registered();
  }
}
`,
    output: `abstract class Encoder {
  abstract close(): void;
}
class Holder {
  encoder: Encoder | null = null;
  start(Registered: typeof Encoder): void {
    const oldEncoder = this.encoder;
    // the subclass registered at run time is concrete
    // @ts-expect-error TypeScript only sees the abstract base
    this.encoder = new Registered();
    oldEncoder?.close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 9,
        column: 5,
      },
    ],
  },
  {
    name: 'comments and parentheses inside the right-hand side are kept',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext = /* fresh */ (buildSslContext());
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = /* fresh */ (buildSslContext());
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'a multi-line right-hand side keeps its layout',
    code: `${ssl}
declare function withRetry<T>(build: () => T, attempts: number): T;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext = withRetry(
      () => buildSslContext(),
      3,
    );
  }
}
`,
    output: `${ssl}
declare function withRetry<T>(build: () => T, attempts: number): T;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = withRetry(
      () => buildSslContext(),
      3,
    );
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'code without semicolons',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext()
  reload(): void {
    this.sslContext = buildSslContext()
    console.log('reloaded')
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext()
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext()
    if (oldSslContext !== this.sslContext) oldSslContext.release();
    console.log('reloaded')
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'tab indentation is kept',
    code: `${ssl}
class Server {
\tsslContext: SslContext = buildSslContext();
\treload(): void {
\t\tthis.sslContext = buildSslContext();
\t}
}
`,
    output: `${ssl}
class Server {
\tsslContext: SslContext = buildSslContext();
\treload(): void {
\t\tconst oldSslContext = this.sslContext;
\t\tthis.sslContext = buildSslContext();
\t\tif (oldSslContext !== this.sslContext) oldSslContext.release();
\t}
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 3,
      },
    ],
  },
  {
    name: 'a statement sharing its line with the braces gets lines of its own',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void { this.sslContext = buildSslContext(); }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 9,
        column: 20,
      },
    ],
  },
  {
    name: 'a fresh value read from another object is still compared (a cache may hand back the same one)',
    code: `${ssl}
declare const cache: { current(): SslContext };
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext = cache.current();
  }
}
`,
    output: `${ssl}
declare const cache: { current(): SslContext };
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = cache.current();
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'await in the right-hand side: build first, then swap synchronously',
    code: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  async reload(): Promise<void> {
    this.sslContext = await buildSslContextAsync();
  }
  close(): void {
    this.sslContext?.release();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  async reload(): Promise<void> {
    const nextSslContext = await buildSslContextAsync();
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext?.release();
  }
  close(): void {
    this.sslContext?.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'an await nested in the right-hand side also builds first',
    code: `${ssl}
declare function loadPem(): Promise<string>;
declare function fromPem(pem: string): SslContext;
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    this.sslContext = fromPem(await loadPem());
  }
}
`,
    output: `${ssl}
declare function loadPem(): Promise<string>;
declare function fromPem(pem: string): SslContext;
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    const nextSslContext = fromPem(await loadPem());
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 12,
        column: 5,
      },
    ],
  },
  {
    name: 'an await inside a function in the right-hand side does not suspend this one',
    code: `${ssl}
declare function buildWith(onReady: () => Promise<void>): SslContext;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext = buildWith(async () => {
      await Promise.resolve();
    });
  }
}
`,
    output: `${ssl}
declare function buildWith(onReady: () => Promise<void>): SslContext;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildWith(async () => {
      await Promise.resolve();
    });
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'yield in a generator: build first, typed with typeof',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  *reloads(): Generator<string, void, SslContext> {
    this.sslContext = yield 'next context, please';
  }
  close(): void {
    this.sslContext.release();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  *reloads(): Generator<string, void, SslContext> {
    const nextSslContext: typeof this.sslContext = yield 'next context, please';
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
  }
  close(): void {
    this.sslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'yield into a private field: the checker prints the type (typeof cannot name #fields)',
    code: `${ssl}
class Server {
  #sslContext: SslContext = buildSslContext();
  *reloads() {
    this.#sslContext = (yield 'next') as SslContext;
  }
  close(): void {
    this.#sslContext.release();
  }
}
`,
    output: `${ssl}
class Server {
  #sslContext: SslContext = buildSslContext();
  *reloads() {
    const nextSslContext: SslContext = (yield 'next') as SslContext;
    const oldSslContext = this.#sslContext;
    this.#sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
  }
  close(): void {
    this.#sslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'a new expression cannot be the old object: no guard',
    code: `
class Connection {
  close(): void {}
}
class Client {
  connection: Connection | null = null;
  reconnect(): void {
    this.connection = new Connection();
  }
}
`,
    output: `
class Connection {
  close(): void {}
}
class Client {
  connection: Connection | null = null;
  reconnect(): void {
    const oldConnection = this.connection;
    this.connection = new Connection();
    oldConnection?.close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 8,
        column: 5,
      },
    ],
  },
  {
    name: 'a new expression behind a type assertion: no guard',
    code: `
interface Closeable {
  close(): void;
}
class Connection implements Closeable {
  close(): void {}
}
class Client {
  connection: Closeable = new Connection();
  reconnect(): void {
    this.connection = new Connection() as Closeable;
  }
}
`,
    output: `
interface Closeable {
  close(): void;
}
class Connection implements Closeable {
  close(): void {}
}
class Client {
  connection: Closeable = new Connection();
  reconnect(): void {
    const oldConnection = this.connection;
    this.connection = new Connection() as Closeable;
    oldConnection.close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'new with an await in its arguments: build first, no guard',
    code: `
declare function dial(): Promise<number>;
class Connection {
  constructor(readonly fd: number) {}
  close(): void {}
}
class Client {
  connection: Connection | undefined;
  async reconnect(): Promise<void> {
    this.connection = new Connection(await dial());
  }
  close(): void {
    this.connection?.close();
  }
}
`,
    output: `
declare function dial(): Promise<number>;
class Connection {
  constructor(readonly fd: number) {}
  close(): void {}
}
class Client {
  connection: Connection | undefined;
  async reconnect(): Promise<void> {
    const nextConnection = new Connection(await dial());
    const oldConnection = this.connection;
    this.connection = nextConnection;
    oldConnection?.close();
  }
  close(): void {
    this.connection?.close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'dispose()',
    code: `
interface Subscription {
  dispose(): void;
}
declare function subscribe(): Subscription;
class View {
  subscription: Subscription | undefined;
  bind(): void {
    this.subscription = subscribe();
  }
}
`,
    output: `
interface Subscription {
  dispose(): void;
}
declare function subscribe(): Subscription;
class View {
  subscription: Subscription | undefined;
  bind(): void {
    const oldSubscription = this.subscription;
    this.subscription = subscribe();
    if (oldSubscription !== this.subscription) oldSubscription?.dispose();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 9,
        column: 5,
      },
    ],
  },
  {
    name: 'destroy()',
    code: `
interface Socket {
  destroy(): void;
}
declare function openSocket(): Socket;
class Peer {
  socket: Socket = openSocket();
  redial(): void {
    this.socket = openSocket();
  }
}
`,
    output: `
interface Socket {
  destroy(): void;
}
declare function openSocket(): Socket;
class Peer {
  socket: Socket = openSocket();
  redial(): void {
    const oldSocket = this.socket;
    this.socket = openSocket();
    if (oldSocket !== this.socket) oldSocket.destroy();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 9,
        column: 5,
      },
    ],
  },
  {
    name: 'free()',
    code: `
interface Buffer2 {
  free(): void;
}
declare function allocate(): Buffer2;
class Pool {
  slab: Buffer2 = allocate();
  grow(): void {
    this.slab = allocate();
  }
}
`,
    output: `
interface Buffer2 {
  free(): void;
}
declare function allocate(): Buffer2;
class Pool {
  slab: Buffer2 = allocate();
  grow(): void {
    const oldSlab = this.slab;
    this.slab = allocate();
    if (oldSlab !== this.slab) oldSlab.free();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 9,
        column: 5,
      },
    ],
  },
  {
    name: "a web stream's writer: releaseLock(), not the close() that would close the stream",
    code: `
class Pump {
  writer: WritableStreamDefaultWriter<Uint8Array> | undefined;
  attach(stream: WritableStream<Uint8Array>): void {
    this.writer = stream.getWriter();
  }
}
`,
    output: `
class Pump {
  writer: WritableStreamDefaultWriter<Uint8Array> | undefined;
  attach(stream: WritableStream<Uint8Array>): void {
    const oldWriter = this.writer;
    this.writer = stream.getWriter();
    if (oldWriter !== this.writer) oldWriter?.releaseLock();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 5,
        column: 5,
      },
    ],
  },
  {
    name: 'Symbol.dispose',
    code: `
declare function lock(): Disposable;
class Guarded {
  held: Disposable | undefined;
  relock(): void {
    this.held = lock();
  }
}
`,
    output: `
declare function lock(): Disposable;
class Guarded {
  held: Disposable | undefined;
  relock(): void {
    const oldHeld = this.held;
    this.held = lock();
    if (oldHeld !== this.held) oldHeld?.[Symbol.dispose]();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 6,
        column: 5,
      },
    ],
  },
  {
    name: 'Symbol.asyncDispose in an async function is awaited',
    code: `
declare function openFile(): Promise<AsyncDisposable>;
class Log {
  file: AsyncDisposable | undefined;
  async rotate(): Promise<void> {
    this.file = await openFile();
  }
}
`,
    output: `
declare function openFile(): Promise<AsyncDisposable>;
class Log {
  file: AsyncDisposable | undefined;
  async rotate(): Promise<void> {
    const nextFile = await openFile();
    const oldFile = this.file;
    this.file = nextFile;
    if (oldFile !== nextFile) await oldFile?.[Symbol.asyncDispose]();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 6,
        column: 5,
      },
    ],
  },
  {
    name: 'Symbol.asyncDispose outside an async function: suggestion only (void)',
    code: `
declare function openFileSync(): AsyncDisposable;
class Log {
  file: AsyncDisposable | undefined;
  rotate(): void {
    this.file = openFileSync();
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 6,
        column: 5,
        suggestions: [
          { messageId: 'suggestUnawaitedAsyncDispose', output: `
declare function openFileSync(): AsyncDisposable;
class Log {
  file: AsyncDisposable | undefined;
  rotate(): void {
    const oldFile = this.file;
    this.file = openFileSync();
    if (oldFile !== this.file) void oldFile?.[Symbol.asyncDispose]();
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'a new value piped from the old one: suggestion only',
    code: `
import { PassThrough, type Readable } from 'node:stream';
class Download {
  body: Readable | undefined;
  decode(): void {
    this.body = this.body?.pipe(new PassThrough());
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 6,
        column: 5,
        suggestions: [
          { messageId: 'suggestReleaseAfterAssign', output: `
import { PassThrough, type Readable } from 'node:stream';
class Download {
  body: Readable | undefined;
  decode(): void {
    const oldBody = this.body;
    this.body = this.body?.pipe(new PassThrough());
    if (oldBody !== this.body) oldBody?.destroy();
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'a types entry with a method',
    code: `
interface Lease {
  giveBack(): void;
}
declare function borrow(): Lease;
class Tenant {
  lease: Lease = borrow();
  renew(): void {
    this.lease = borrow();
  }
}
`,
    options: [{"types":[{"type":{"from":"file","name":"Lease"},"release":{"method":"giveBack"}}]}],
    output: `
interface Lease {
  giveBack(): void;
}
declare function borrow(): Lease;
class Tenant {
  lease: Lease = borrow();
  renew(): void {
    const oldLease = this.lease;
    this.lease = borrow();
    if (oldLease !== this.lease) oldLease.giveBack();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 9,
        column: 5,
      },
    ],
  },
  {
    name: 'a types entry with a function adds the import',
    code: `
import { readFileSync } from 'node:fs';

interface Buf {
  refCnt: number;
}
declare function wrap(bytes: Uint8Array): Buf;
class Reader {
  buffer: Buf = wrap(readFileSync('a'));
  reread(): void {
    this.buffer = wrap(readFileSync('a'));
  }
}
`,
    options: [{"types":[{"type":{"from":"file","name":"Buf"},"release":{"function":"ReferenceCountUtil.release","from":"eslint-plugin-resource-leak/runtime"}}]}],
    output: `
import { readFileSync } from 'node:fs';
import { ReferenceCountUtil } from 'eslint-plugin-resource-leak/runtime';

interface Buf {
  refCnt: number;
}
declare function wrap(bytes: Uint8Array): Buf;
class Reader {
  buffer: Buf = wrap(readFileSync('a'));
  reread(): void {
    const oldBuffer = this.buffer;
    this.buffer = wrap(readFileSync('a'));
    if (oldBuffer !== this.buffer) ReferenceCountUtil.release(oldBuffer);
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'the release function joins an existing import of its module',
    code: `
import { retain } from 'eslint-plugin-resource-leak/runtime';
${ssl}
class Server {
  sslContext: SslContext = retain(buildSslContext());
  reload(): void {
    this.sslContext = buildSslContext();
  }
}
`,
    options: [{"releaseWith":{"function":"releaseResource","from":"eslint-plugin-resource-leak/runtime"}}],
    output: `
import { retain, releaseResource } from 'eslint-plugin-resource-leak/runtime';
${ssl}
class Server {
  sslContext: SslContext = retain(buildSslContext());
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) void releaseResource(oldSslContext);
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 12,
        column: 5,
      },
    ],
  },
  {
    name: 'releaseWith overrides the method, imports it, and skips an empty old value',
    code: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  reload(): void {
    this.sslContext = buildSslContext();
  }
}
`,
    options: [{"releaseWith":{"function":"releaseResource","from":"eslint-plugin-resource-leak/runtime"}}],
    output: `import { releaseResource } from 'eslint-plugin-resource-leak/runtime';

${ssl}
class Server {
  sslContext: SslContext | undefined;
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext && oldSslContext !== this.sslContext) void releaseResource(oldSslContext);
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'releaseWith already imported: no second import',
    code: `
import { releaseResource } from 'eslint-plugin-resource-leak/runtime';
${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext = buildSslContext();
    void releaseResource;
  }
}
`,
    options: [{"releaseWith":{"function":"releaseResource","from":"eslint-plugin-resource-leak/runtime"}}],
    output: `
import { releaseResource } from 'eslint-plugin-resource-leak/runtime';
${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) void releaseResource(oldSslContext);
    void releaseResource;
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 12,
        column: 5,
      },
    ],
  },
  {
    name: 'releaseWith without a module: the function is called as it is',
    code: `${ssl}
declare function disposeLater(value: SslContext): void;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext = buildSslContext();
  }
}
`,
    options: [{"releaseWith":{"function":"disposeLater"}}],
    output: `${ssl}
declare function disposeLater(value: SslContext): void;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) disposeLater(oldSslContext);
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'SecureContext read per handshake in an SNICallback: autofix closes the native context',
    code: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer({
      SNICallback: (_servername, callback) => {
        callback(null, this.sslContext);
      },
    });
  }
  reload(): void {
    this.sslContext = tls.createSecureContext(this.pems);
  }
}
`,
    output: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer({
      SNICallback: (_servername, callback) => {
        callback(null, this.sslContext);
      },
    });
  }
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = tls.createSecureContext(this.pems);
    if (oldSslContext !== this.sslContext) (oldSslContext.context as { close(): void }).close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 15,
        column: 5,
      },
    ],
  },
  {
    name: 'SecureContext used as a server default: suggestion only, pointing at the runtime holder',
    code: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer({ secureContext: this.sslContext });
  }
  reload(): void {
    this.sslContext = tls.createSecureContext(this.pems);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
        suggestions: [
          { messageId: 'suggestCloseSecureContext', output: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer({ secureContext: this.sslContext });
  }
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = tls.createSecureContext(this.pems);
    if (oldSslContext !== this.sslContext) (oldSslContext.context as { close(): void }).close();
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'SecureContext handed to addContext: suggestion only',
    code: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  readonly server = tls.createServer();
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server.addContext('example.test', this.sslContext);
  }
  reload(): void {
    this.sslContext = tls.createSecureContext(this.pems);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
        suggestions: [
          { messageId: 'suggestCloseSecureContext', output: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  readonly server = tls.createServer();
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server.addContext('example.test', this.sslContext);
  }
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = tls.createSecureContext(this.pems);
    if (oldSslContext !== this.sslContext) (oldSslContext.context as { close(): void }).close();
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'SecureContext passed to each new TLSSocket: autofix',
    code: `
import net from 'node:net';
import tls from 'node:tls';
class TlsProxy {
  sslContext: tls.SecureContext;
  readonly server: net.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = net.createServer((socket) => {
      new tls.TLSSocket(socket, { isServer: true, secureContext: this.sslContext }).end();
    });
  }
  reload(): void {
    this.sslContext = tls.createSecureContext(this.pems);
  }
}
`,
    output: `
import net from 'node:net';
import tls from 'node:tls';
class TlsProxy {
  sslContext: tls.SecureContext;
  readonly server: net.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = net.createServer((socket) => {
      new tls.TLSSocket(socket, { isServer: true, secureContext: this.sslContext }).end();
    });
  }
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = tls.createSecureContext(this.pems);
    if (oldSslContext !== this.sslContext) (oldSslContext.context as { close(): void }).close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 14,
        column: 5,
      },
    ],
  },
  {
    name: 'SecureContext reached through a method the SNICallback calls, nullable field',
    code: `
import tls from 'node:tls';
type SniCallback = (error: Error | null, context?: tls.SecureContext) => void;
class TlsServer {
  sslContext: tls.SecureContext | undefined;
  readonly server = tls.createServer({ SNICallback: (name, callback) => { this.pick(name, callback); } });
  constructor(private readonly pems: { key: string; cert: string }) {}
  pick(_name: string, callback: SniCallback): void {
    callback(null, this.sslContext);
  }
  reload(): void {
    this.sslContext = tls.createSecureContext(this.pems);
  }
}
`,
    output: `
import tls from 'node:tls';
type SniCallback = (error: Error | null, context?: tls.SecureContext) => void;
class TlsServer {
  sslContext: tls.SecureContext | undefined;
  readonly server = tls.createServer({ SNICallback: (name, callback) => { this.pick(name, callback); } });
  constructor(private readonly pems: { key: string; cert: string }) {}
  pick(_name: string, callback: SniCallback): void {
    callback(null, this.sslContext);
  }
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = tls.createSecureContext(this.pems);
    if (oldSslContext && oldSslContext !== this.sslContext) (oldSslContext.context as { close(): void }).close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 12,
        column: 5,
      },
    ],
  },
  {
    name: 'SecureContext with releaseWith pointing at the runtime: releaseResource(old), its promise marked as dropped in a sync method',
    code: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer({ SNICallback: (_name, callback) => { callback(null, this.sslContext); } });
  }
  reload(): void {
    this.sslContext = tls.createSecureContext(this.pems);
  }
}
`,
    options: [{"releaseWith":{"function":"releaseResource","from":"eslint-plugin-resource-leak/runtime"}}],
    output: `
import tls from 'node:tls';
import { releaseResource } from 'eslint-plugin-resource-leak/runtime';
class TlsServer {
  sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer({ SNICallback: (_name, callback) => { callback(null, this.sslContext); } });
  }
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = tls.createSecureContext(this.pems);
    if (oldSslContext !== this.sslContext) void releaseResource(oldSslContext);
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'old<Field> taken by a local: old<Field>2',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = 'the previous one';
    console.log(oldSslContext);
    this.sslContext = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = 'the previous one';
    console.log(oldSslContext);
    const oldSslContext2 = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext2 !== this.sslContext) oldSslContext2.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 12,
        column: 5,
      },
    ],
  },
  {
    name: 'old<Field> and old<Field>2 taken: old<Field>3',
    code: `${ssl}
const oldSslContext = 1;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(oldSslContext2: number): void {
    this.sslContext = buildSslContext();
    console.log(oldSslContext, oldSslContext2);
  }
}
`,
    output: `${ssl}
const oldSslContext = 1;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(oldSslContext2: number): void {
    const oldSslContext3 = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext3 !== this.sslContext) oldSslContext3.release();
    console.log(oldSslContext, oldSslContext2);
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'next<Field> taken by a name read from outside',
    code: `${ssl}
declare const nextSslContext: string;
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    this.sslContext = await buildSslContextAsync();
    console.log(nextSslContext);
  }
}
`,
    output: `${ssl}
declare const nextSslContext: string;
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    const nextSslContext2 = await buildSslContextAsync();
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext2;
    if (oldSslContext !== nextSslContext2) oldSslContext.release();
    console.log(nextSslContext);
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'a name declared in a nested function is not reused either',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext = buildSslContext();
    setTimeout(() => {
      const oldSslContext = 0;
      console.log(oldSslContext);
    });
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext2 = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext2 !== this.sslContext) oldSslContext2.release();
    setTimeout(() => {
      const oldSslContext = 0;
      console.log(oldSslContext);
    });
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'a private field gives a readable name',
    code: `${ssl}
class Server {
  #sslContext: SslContext = buildSslContext();
  reload(): void {
    this.#sslContext = buildSslContext();
  }
  close(): void {
    this.#sslContext.release();
  }
}
`,
    output: `${ssl}
class Server {
  #sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.#sslContext;
    this.#sslContext = buildSslContext();
    if (oldSslContext !== this.#sslContext) oldSslContext.release();
  }
  close(): void {
    this.#sslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'an underscore field gives a readable name',
    code: `${ssl}
class Server {
  private _sslContext: SslContext = buildSslContext();
  reload(): void {
    this._sslContext = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  private _sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this._sslContext;
    this._sslContext = buildSslContext();
    if (oldSslContext !== this._sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'a string-literal key gives a readable name',
    code: `${ssl}
class Server {
  'tls-context': SslContext = buildSslContext();
  reload(): void {
    this['tls-context'] = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  'tls-context': SslContext = buildSslContext();
  reload(): void {
    const oldTlsContext = this['tls-context'];
    this['tls-context'] = buildSslContext();
    if (oldTlsContext !== this['tls-context']) oldTlsContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'two fields with the same readable name in one block: fixed one pass at a time',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  private _sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext = buildSslContext();
    this._sslContext = buildSslContext();
  }
}
`,
    output: [
      `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  private _sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext.release();
    this._sslContext = buildSslContext();
  }
}
`,
      `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  private _sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext.release();
    const oldSslContext2 = this._sslContext;
    this._sslContext = buildSslContext();
    if (oldSslContext2 !== this._sslContext) oldSslContext2.release();
  }
}
`,
    ],
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
      {
        messageId: 'overwrite',
        line: 12,
        column: 5,
      },
    ],
  },
  {
    name: 'braceless if',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(force: boolean): void {
    if (force) this.sslContext = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(force: boolean): void {
    if (force) {
      const oldSslContext = this.sslContext;
      this.sslContext = buildSslContext();
      if (oldSslContext !== this.sslContext) oldSslContext.release();
    }
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 16,
      },
    ],
  },
  {
    name: 'braceless if with the body on its own line',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(force: boolean): void {
    if (force)
      this.sslContext = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(force: boolean): void {
    if (force) {
      const oldSslContext = this.sslContext;
      this.sslContext = buildSslContext();
      if (oldSslContext !== this.sslContext) oldSslContext.release();
    }
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 7,
      },
    ],
  },
  {
    name: 'braceless else with a comment before the body',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(force: boolean): void {
    if (!force) {
      return;
    } else /* rotate */ this.sslContext = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(force: boolean): void {
    if (!force) {
      return;
    } else {
      /* rotate */
      const oldSslContext = this.sslContext;
      this.sslContext = buildSslContext();
      if (oldSslContext !== this.sslContext) oldSslContext.release();
    }
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 12,
        column: 25,
      },
    ],
  },
  {
    name: 'braceless for-of',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reloadAll(times: number[]): void {
    for (const _ of times) this.sslContext = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reloadAll(times: number[]): void {
    for (const _ of times) {
      const oldSslContext = this.sslContext;
      this.sslContext = buildSslContext();
      if (oldSslContext !== this.sslContext) oldSslContext.release();
    }
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 28,
      },
    ],
  },
  {
    name: 'braceless while with await: build first inside the new block',
    code: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  async keepFresh(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) this.sslContext = await buildSslContextAsync();
  }
  close(): void {
    this.sslContext?.release();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  async keepFresh(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const nextSslContext = await buildSslContextAsync();
      const oldSslContext = this.sslContext;
      this.sslContext = nextSslContext;
      if (oldSslContext !== nextSslContext) oldSslContext?.release();
    }
  }
  close(): void {
    this.sslContext?.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 29,
      },
    ],
  },
  {
    name: 'braceless do-while',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    do this.sslContext = buildSslContext(); while (Math.random() < 0.5);
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    do {
      const oldSslContext = this.sslContext;
      this.sslContext = buildSslContext();
      if (oldSslContext !== this.sslContext) oldSslContext.release();
    } while (Math.random() < 0.5);
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 8,
      },
    ],
  },
  {
    name: 'a case clause gets a block of its own (the switch shares one scope)',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  on(event: 'rotate' | 'stop'): void {
    switch (event) {
      case 'rotate':
        this.sslContext = buildSslContext();
        break;
      case 'stop':
        break;
    }
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  on(event: 'rotate' | 'stop'): void {
    switch (event) {
      case 'rotate':
        {
          const oldSslContext = this.sslContext;
          this.sslContext = buildSslContext();
          if (oldSslContext !== this.sslContext) oldSslContext.release();
        }
        break;
      case 'stop':
        break;
    }
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 12,
        column: 9,
      },
    ],
  },
  {
    name: 'a static field in a static method',
    code: `${ssl}
class Registry {
  static shared: SslContext = buildSslContext();
  static refresh(): void {
    Registry.shared = buildSslContext();
  }
}
`,
    output: `${ssl}
class Registry {
  static shared: SslContext = buildSslContext();
  static refresh(): void {
    const oldShared = Registry.shared;
    Registry.shared = buildSslContext();
    if (oldShared !== Registry.shared) oldShared.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'this.f inside a static method',
    code: `${ssl}
class Registry {
  static shared: SslContext | undefined;
  static refresh(): void {
    this.shared = buildSslContext();
  }
}
`,
    output: `${ssl}
class Registry {
  static shared: SslContext | undefined;
  static refresh(): void {
    const oldShared = this.shared;
    this.shared = buildSslContext();
    if (oldShared !== this.shared) oldShared?.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'a static field assigned from the constructor',
    code: `${ssl}
class Registry {
  static shared: SslContext | undefined;
  constructor() {
    Registry.shared = buildSslContext();
  }
}
`,
    output: `${ssl}
class Registry {
  static shared: SslContext | undefined;
  constructor() {
    const oldShared = Registry.shared;
    Registry.shared = buildSslContext();
    if (oldShared !== Registry.shared) oldShared?.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'a field inherited from a base class that releases it',
    code: `${ssl}
class Base {
  protected sslContext: SslContext | undefined;
  close(): void {
    this.sslContext?.release();
  }
}
class Server extends Base {
  reload(): void {
    this.sslContext = buildSslContext();
  }
}
`,
    output: `${ssl}
class Base {
  protected sslContext: SslContext | undefined;
  close(): void {
    this.sslContext?.release();
  }
}
class Server extends Base {
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext?.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 15,
        column: 5,
      },
    ],
  },
  {
    name: 'a field of another object (a parameter)',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
}
function rotate(server: Server): void {
  server.sslContext = buildSslContext();
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
}
function rotate(server: Server): void {
  const oldSslContext = server.sslContext;
  server.sslContext = buildSslContext();
  if (oldSslContext !== server.sslContext) oldSslContext.release();
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 3,
      },
    ],
  },
  {
    name: 'a callback registered in the constructor (block body)',
    code: `${ssl}
import { EventEmitter } from 'node:events';
class Server {
  sslContext: SslContext = buildSslContext();
  constructor(events: EventEmitter) {
    events.on('rotate', () => {
      this.sslContext = buildSslContext();
    });
  }
}
`,
    output: `${ssl}
import { EventEmitter } from 'node:events';
class Server {
  sslContext: SslContext = buildSslContext();
  constructor(events: EventEmitter) {
    events.on('rotate', () => {
      const oldSslContext = this.sslContext;
      this.sslContext = buildSslContext();
      if (oldSslContext !== this.sslContext) oldSslContext.release();
    });
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 12,
        column: 7,
      },
    ],
  },
  {
    name: 'arrow expression body whose result nobody reads: block without return (suggestion)',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  readonly timer = setInterval(() => this.sslContext = buildSslContext(), 60_000);
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 9,
        column: 38,
        suggestions: [
          { messageId: 'suggestBlockBody', output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  readonly timer = setInterval(() => {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }, 60_000);
}
` },
        ],
      },
    ],
  },
  {
    name: 'arrow expression body whose result is used: block that returns the new value (suggestion)',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  readonly rotate = (): SslContext => (this.sslContext = buildSslContext());
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 9,
        column: 40,
        suggestions: [
          { messageId: 'suggestBlockBody', output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  readonly rotate = (): SslContext => {
    const nextSslContext = buildSslContext();
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
    return nextSslContext;
  };
}
` },
        ],
      },
    ],
  },
  {
    name: 'async arrow expression body with void result: build first (suggestion)',
    code: `${ssl}
import { EventEmitter } from 'node:events';
class Server {
  sslContext: SslContext | undefined;
  constructor(events: EventEmitter) {
    events.on('rotate', async () => this.sslContext = await buildSslContextAsync());
  }
  close(): void {
    this.sslContext?.release();
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 37,
        suggestions: [
          { messageId: 'suggestBlockBody', output: `${ssl}
import { EventEmitter } from 'node:events';
class Server {
  sslContext: SslContext | undefined;
  constructor(events: EventEmitter) {
    events.on('rotate', async () => {
      const nextSslContext = await buildSslContextAsync();
      const oldSslContext = this.sslContext;
      this.sslContext = nextSslContext;
      if (oldSslContext !== nextSslContext) oldSslContext?.release();
    });
  }
  close(): void {
    this.sslContext?.release();
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'return of the assignment (suggestion)',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): SslContext {
    return this.sslContext = buildSslContext();
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 12,
        suggestions: [
          { messageId: 'suggestKeepValue', output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): SslContext {
    const nextSslContext = buildSslContext();
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
    return nextSslContext;
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'chained assignment (suggestion)',
    code: `${ssl}
let lastContext: SslContext | undefined;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    lastContext = this.sslContext = buildSslContext();
  }
}
console.log(lastContext);
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 19,
        suggestions: [
          { messageId: 'suggestKeepValue', output: `${ssl}
let lastContext: SslContext | undefined;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const nextSslContext = buildSslContext();
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
    lastContext = nextSslContext;
  }
}
console.log(lastContext);
` },
        ],
      },
    ],
  },
  {
    name: 'assignment as a call argument (suggestion)',
    code: `${ssl}
declare function announce(context: SslContext): void;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    announce(this.sslContext = buildSslContext());
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 14,
        suggestions: [
          { messageId: 'suggestKeepValue', output: `${ssl}
declare function announce(context: SslContext): void;
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const nextSslContext = buildSslContext();
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
    announce(nextSslContext);
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'assignment in a const initializer (suggestion)',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const fresh = (this.sslContext = buildSslContext());
    console.log(fresh);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 20,
        suggestions: [
          { messageId: 'suggestKeepValue', output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const nextSslContext = buildSslContext();
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
    const fresh = nextSslContext;
    console.log(fresh);
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'return of the assignment in a braceless if (suggestion with braces)',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(force: boolean): SslContext | undefined {
    if (force) return this.sslContext = buildSslContext();
    return undefined;
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 23,
        suggestions: [
          { messageId: 'suggestKeepValue', output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(force: boolean): SslContext | undefined {
    if (force) {
      const nextSslContext = buildSslContext();
      const oldSslContext = this.sslContext;
      this.sslContext = nextSslContext;
      if (oldSslContext !== nextSslContext) oldSslContext.release();
      return nextSslContext;
    }
    return undefined;
  }
}
` },
        ],
      },
    ],
  },
  {
    name: '&&= (suggestion)',
    code: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  refreshIfOpen(): void {
    this.sslContext &&= buildSslContext();
  }
  close(): void {
    this.sslContext?.release();
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
        suggestions: [
          { messageId: 'suggestReleaseAfterAssign', output: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  refreshIfOpen(): void {
    const oldSslContext = this.sslContext;
    this.sslContext &&= buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext?.release();
  }
  close(): void {
    this.sslContext?.release();
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'released before an await: suggestion moves the release after the assignment',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    this.sslContext.release();
    this.sslContext = await buildSslContextAsync();
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'releasedTooEarly',
        line: 11,
        column: 5,
        suggestions: [
          { messageId: 'suggestMoveRelease', output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    const nextSslContext = await buildSslContextAsync();
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'released with ?. before an await: the moved release keeps its form',
    code: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  async reload(): Promise<void> {
    this.sslContext?.release();
    this.sslContext = await buildSslContextAsync();
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'releasedTooEarly',
        line: 11,
        column: 5,
        suggestions: [
          { messageId: 'suggestMoveRelease', output: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  async reload(): Promise<void> {
    const nextSslContext = await buildSslContextAsync();
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext?.release();
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'order release-after-assign: the adjacent release moves after the assignment (fix)',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext.release();
    this.sslContext = buildSslContext();
  }
}
`,
    options: [{"order":"release-after-assign"}],
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'releaseBeforeAssign',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'order release-after-assign: a release function moves too',
    code: `${ssl}
declare const ReferenceCountUtil: { release(value: unknown): boolean };
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    ReferenceCountUtil.release(this.sslContext);
    this.sslContext = buildSslContext();
  }
}
`,
    options: [{"order":"release-after-assign"}],
    output: `${ssl}
declare const ReferenceCountUtil: { release(value: unknown): boolean };
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) ReferenceCountUtil.release(oldSslContext);
  }
}
`,
    errors: [
      {
        messageId: 'releaseBeforeAssign',
        line: 12,
        column: 5,
      },
    ],
  },
  {
    name: 'order release-after-assign: code between release and assignment makes it a suggestion',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext.release();
    console.log('released');
    this.sslContext = buildSslContext();
  }
}
`,
    options: [{"order":"release-after-assign"}],
    output: null,
    errors: [
      {
        messageId: 'releaseBeforeAssign',
        line: 12,
        column: 5,
        suggestions: [
          { messageId: 'suggestMoveRelease', output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    console.log('released');
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'released on some paths only: a release after the assignment would repeat it, so nothing is offered',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(flush: boolean): void {
    if (flush) this.sslContext.release();
    this.sslContext = buildSslContext();
  }
}
`,
    output: null,
    errors: [{ messageId: 'overwrite', line: 11, column: 5 }],
  },
  {
    name: 'handed off on some paths only: nothing is offered',
    code: `${ssl}
const retired: SslContext[] = [];
class Server {
  sslContext: SslContext = buildSslContext();
  reload(archive: boolean): void {
    if (archive) retired.push(this.sslContext);
    this.sslContext = buildSslContext();
  }
}
`,
    output: null,
    errors: [{ messageId: 'overwrite', line: 12, column: 5 }],
  },
  {
    name: 'released only on a branch that returns first: the path to the assignment still needs the fix',
    code: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  reload(closing: boolean): void {
    if (closing) {
      this.sslContext?.release();
      this.sslContext = undefined;
      return;
    }
    this.sslContext = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext | undefined;
  reload(closing: boolean): void {
    if (closing) {
      this.sslContext?.release();
      this.sslContext = undefined;
      return;
    }
    const oldSslContext = this.sslContext;
    this.sslContext = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext?.release();
  }
}
`,
    errors: [{ messageId: 'overwrite', line: 15, column: 5 }],
  },
  {
    name: 'SecureContext in a private field read by the SNICallback: autofix',
    code: `
import tls from 'node:tls';
class TlsServer {
  #sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.#sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer({ SNICallback: (_name, callback) => { callback(null, this.#sslContext); } });
  }
  reload(): void {
    this.#sslContext = tls.createSecureContext(this.pems);
  }
}
`,
    output: `
import tls from 'node:tls';
class TlsServer {
  #sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.#sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer({ SNICallback: (_name, callback) => { callback(null, this.#sslContext); } });
  }
  reload(): void {
    const oldSslContext = this.#sslContext;
    this.#sslContext = tls.createSecureContext(this.pems);
    if (oldSslContext !== this.#sslContext) (oldSslContext.context as { close(): void }).close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'SecureContext read by a method bound as the SNICallback: autofix',
    code: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer({ SNICallback: this.pick.bind(this) });
  }
  pick(_name: string, callback: (error: Error | null, context?: tls.SecureContext) => void): void {
    callback(null, this.sslContext);
  }
  reload(): void {
    this.sslContext = tls.createSecureContext(this.pems);
  }
}
`,
    output: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer({ SNICallback: this.pick.bind(this) });
  }
  pick(_name: string, callback: (error: Error | null, context?: tls.SecureContext) => void): void {
    callback(null, this.sslContext);
  }
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = tls.createSecureContext(this.pems);
    if (oldSslContext !== this.sslContext) (oldSslContext.context as { close(): void }).close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 14,
        column: 5,
      },
    ],
  },
  {
    name: 'SecureContext returned by a getter, which hands it to anyone: suggestion only',
    code: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    tls.createServer({ SNICallback: (_name, callback) => { callback(null, this.sslContext); } });
  }
  get current(): tls.SecureContext {
    return this.sslContext;
  }
  reload(): void {
    this.sslContext = tls.createSecureContext(this.pems);
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 13,
        column: 5,
        suggestions: [
          { messageId: 'suggestCloseSecureContext', output: `
import tls from 'node:tls';
class TlsServer {
  sslContext: tls.SecureContext;
  constructor(private readonly pems: { key: string; cert: string }) {
    this.sslContext = tls.createSecureContext(pems);
    tls.createServer({ SNICallback: (_name, callback) => { callback(null, this.sslContext); } });
  }
  get current(): tls.SecureContext {
    return this.sslContext;
  }
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = tls.createSecureContext(this.pems);
    if (oldSslContext !== this.sslContext) (oldSslContext.context as { close(): void }).close();
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'SecureContext passed to each client connect(): autofix',
    code: `
import tls from 'node:tls';
class TlsClient {
  sslContext: tls.SecureContext;
  constructor(private readonly pems: { ca: string }) {
    this.sslContext = tls.createSecureContext(pems);
  }
  open(port: number): tls.TLSSocket {
    return tls.connect({ port, host: '127.0.0.1', secureContext: this.sslContext });
  }
  reload(): void {
    this.sslContext = tls.createSecureContext(this.pems);
  }
}
`,
    output: `
import tls from 'node:tls';
class TlsClient {
  sslContext: tls.SecureContext;
  constructor(private readonly pems: { ca: string }) {
    this.sslContext = tls.createSecureContext(pems);
  }
  open(port: number): tls.TLSSocket {
    return tls.connect({ port, host: '127.0.0.1', secureContext: this.sslContext });
  }
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext = tls.createSecureContext(this.pems);
    if (oldSslContext !== this.sslContext) (oldSslContext.context as { close(): void }).close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 12,
        column: 5,
      },
    ],
  },
  {
    name: 'a static SecureContext read by the SNICallback: autofix',
    code: `
import tls from 'node:tls';
class Certificates {
  static current: tls.SecureContext = tls.createSecureContext({});
  static readonly server = tls.createServer({
    SNICallback: (_name, callback) => {
      callback(null, Certificates.current);
    },
  });
  static rotate(pems: { key: string; cert: string }): void {
    Certificates.current = tls.createSecureContext(pems);
  }
}
`,
    output: `
import tls from 'node:tls';
class Certificates {
  static current: tls.SecureContext = tls.createSecureContext({});
  static readonly server = tls.createServer({
    SNICallback: (_name, callback) => {
      callback(null, Certificates.current);
    },
  });
  static rotate(pems: { key: string; cert: string }): void {
    const oldCurrent = Certificates.current;
    Certificates.current = tls.createSecureContext(pems);
    if (oldCurrent !== Certificates.current) (oldCurrent.context as { close(): void }).close();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'an async arrow body awaits an asyncDispose release (suggestion)',
    code: `
import { EventEmitter } from 'node:events';
declare function openFile(): Promise<AsyncDisposable>;
class Log {
  file: AsyncDisposable | undefined;
  constructor(events: EventEmitter) {
    events.on('rotate', async () => this.file = await openFile());
  }
}
`,
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 7,
        column: 37,
        suggestions: [
          { messageId: 'suggestBlockBody', output: `
import { EventEmitter } from 'node:events';
declare function openFile(): Promise<AsyncDisposable>;
class Log {
  file: AsyncDisposable | undefined;
  constructor(events: EventEmitter) {
    events.on('rotate', async () => {
      const nextFile = await openFile();
      const oldFile = this.file;
      this.file = nextFile;
      if (oldFile !== nextFile) await oldFile?.[Symbol.asyncDispose]();
    });
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'an asyncDispose value released through releaseWith in a sync method: suggestion only',
    code: `
declare function openFileSync(): AsyncDisposable;
class Log {
  file: AsyncDisposable | undefined;
  rotate(): void {
    this.file = openFileSync();
  }
}
`,
    options: [{"releaseWith":{"function":"releaseResource","from":"eslint-plugin-resource-leak/runtime"}}],
    output: null,
    errors: [
      {
        messageId: 'overwrite',
        line: 6,
        column: 5,
        suggestions: [
          { messageId: 'suggestUnawaitedAsyncDispose', output: `
import { releaseResource } from 'eslint-plugin-resource-leak/runtime';

declare function openFileSync(): AsyncDisposable;
class Log {
  file: AsyncDisposable | undefined;
  rotate(): void {
    const oldFile = this.file;
    this.file = openFileSync();
    if (oldFile && oldFile !== this.file) void releaseResource(oldFile);
  }
}
` },
        ],
      },
    ],
  },
  {
    name: 'a parenthesized left side',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    (this.sslContext) = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    (this.sslContext) = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 6,
      },
    ],
  },
  {
    name: 'a doubly parenthesized assignment statement',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    ((this.sslContext = await buildSslContextAsync()));
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    const nextSslContext = await buildSslContextAsync();
    const oldSslContext = this.sslContext;
    ((this.sslContext = nextSslContext));
    if (oldSslContext !== nextSslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 7,
      },
    ],
  },
  {
    name: 'a parenthesized sequence with an await moves whole, parentheses included',
    code: `${ssl}
declare function logReload(): void;
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    this.sslContext = (logReload(), await buildSslContextAsync());
  }
}
`,
    output: `${ssl}
declare function logReload(): void;
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    const nextSslContext = (logReload(), await buildSslContextAsync());
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 11,
        column: 5,
      },
    ],
  },
  {
    name: 'a comment between the left side and = stays',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    this.sslContext /* swapped per rotation */ = buildSslContext();
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  reload(): void {
    const oldSslContext = this.sslContext;
    this.sslContext /* swapped per rotation */ = buildSslContext();
    if (oldSslContext !== this.sslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: 'a multi-line parenthesized await with a comment moves whole',
    code: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    this.sslContext = (
      // from the files on disk
      await buildSslContextAsync()
    );
  }
}
`,
    output: `${ssl}
class Server {
  sslContext: SslContext = buildSslContext();
  async reload(): Promise<void> {
    const nextSslContext = (
      // from the files on disk
      await buildSslContextAsync()
    );
    const oldSslContext = this.sslContext;
    this.sslContext = nextSslContext;
    if (oldSslContext !== nextSslContext) oldSslContext.release();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
      },
    ],
  },
  {
    name: "a Node timer that may be null: clearTimeout behind a guard (@types/node's clearTimeout takes no null)",
    code: `
class Heartbeat {
  timer: NodeJS.Timeout | null = null;
  arm(ms: number): void {
    this.timer = setTimeout(() => undefined, ms);
  }
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
`,
    output: `
class Heartbeat {
  timer: NodeJS.Timeout | null = null;
  arm(ms: number): void {
    const oldTimer = this.timer;
    this.timer = setTimeout(() => undefined, ms);
    if (oldTimer && oldTimer !== this.timer) clearTimeout(oldTimer);
  }
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
`,
    errors: [{ messageId: 'overwrite', line: 5, column: 5 }],
  },
  {
    name: 'a Node interval that is always set: clearInterval with no guard',
    code: `
class Ticker {
  ticker: NodeJS.Timeout = setInterval(() => undefined, 1000);
  restart(ms: number): void {
    this.ticker = setInterval(() => undefined, ms);
  }
  stop(): void {
    clearInterval(this.ticker);
  }
}
`,
    output: `
class Ticker {
  ticker: NodeJS.Timeout = setInterval(() => undefined, 1000);
  restart(ms: number): void {
    const oldTicker = this.ticker;
    this.ticker = setInterval(() => undefined, ms);
    if (oldTicker !== this.ticker) clearInterval(oldTicker);
  }
  stop(): void {
    clearInterval(this.ticker);
  }
}
`,
    errors: [{ messageId: 'overwrite', line: 5, column: 5 }],
  },
  {
    name: 'a key that the field literal leaves out: the old value widened, released with ?.',
    code: `
declare class Socket {
  destroy(): void;
}
interface Config {
  name: string;
  socket: Socket;
}
class Provider {
  config: Config = { name: '' } as Config;
  configure(): void {
    this.config.socket = new Socket();
  }
  destroy(): void {
    this.config.socket.destroy();
  }
}
`,
    output: `
declare class Socket {
  destroy(): void;
}
interface Config {
  name: string;
  socket: Socket;
}
class Provider {
  config: Config = { name: '' } as Config;
  configure(): void {
    const oldSocket = this.config.socket as typeof this.config.socket | undefined;
    this.config.socket = new Socket();
    oldSocket?.destroy();
  }
  destroy(): void {
    this.config.socket.destroy();
  }
}
`,
    errors: [{ messageId: 'overwrite', line: 12, column: 5 }],
  },
  {
    name: 'a store of null: the release needs no guard (the old value cannot be null again), and ?. stays needed',
    code: `
class Res {
  dispose(): void {}
}
class Owner {
  private x: Res | null = null;
  open(): void {
    this.x?.dispose();
    this.x = new Res();
  }
  clear(): void {
    this.x = null;
  }
}
`,
    output: `
class Res {
  dispose(): void {}
}
class Owner {
  private x: Res | null = null;
  open(): void {
    this.x?.dispose();
    this.x = new Res();
  }
  clear(): void {
    const oldX = this.x;
    this.x = null;
    oldX?.dispose();
  }
}
`,
    errors: [{ messageId: 'overwrite', line: 12, column: 5 }],
  },
  {
    name: 'a store of void 0: no guard either',
    code: `
class Res {
  dispose(): void {}
}
class Owner {
  res: Res | undefined = new Res();
  drop(): void {
    this.res = void 0;
  }
  close(): void {
    this.res?.dispose();
  }
}
`,
    output: `
class Res {
  dispose(): void {}
}
class Owner {
  res: Res | undefined = new Res();
  drop(): void {
    const oldRes = this.res;
    this.res = void 0;
    oldRes?.dispose();
  }
  close(): void {
    this.res?.dispose();
  }
}
`,
    errors: [{ messageId: 'overwrite', line: 8, column: 5 }],
  },
  {
    name: 'a store of undefined into a timer field: clearTimeout keeps its emptiness guard, without a comparison',
    code: `
class Heartbeat {
  timer: NodeJS.Timeout | undefined;
  arm(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => undefined, ms);
  }
  forget(): void {
    this.timer = undefined;
  }
}
`,
    output: `
class Heartbeat {
  timer: NodeJS.Timeout | undefined;
  arm(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => undefined, ms);
  }
  forget(): void {
    const oldTimer = this.timer;
    this.timer = undefined;
    if (oldTimer) clearTimeout(oldTimer);
  }
}
`,
    errors: [{ messageId: 'overwrite', line: 9, column: 5 }],
  },
  {
    name: 'a release method that returns a promise, in an async method: awaited after the swap',
    code: `
export interface Processor {
  destroy: () => Promise<void>;
}
declare function createProcessor(): Processor;
class Track {
  processor: Processor | undefined;
  async restart(): Promise<void> {
    await Promise.resolve();
    this.processor = createProcessor();
  }
}
`,
    output: `
export interface Processor {
  destroy: () => Promise<void>;
}
declare function createProcessor(): Processor;
class Track {
  processor: Processor | undefined;
  async restart(): Promise<void> {
    await Promise.resolve();
    const oldProcessor = this.processor;
    this.processor = createProcessor();
    if (oldProcessor !== this.processor) await oldProcessor?.destroy();
  }
}
`,
    errors: [{ messageId: 'overwrite', line: 10, column: 5 }],
  },
  {
    name: 'a release method that returns a promise, outside an async function: a suggestion that marks it dropped',
    code: `
class Channel {
  close(): Promise<void> {
    return Promise.resolve();
  }
}
class Client {
  channel: Channel | null = null;
  reconnect(): void {
    this.channel = new Channel();
  }
}
`,
    errors: [
      {
        messageId: 'overwrite',
        line: 10,
        column: 5,
        suggestions: [
          {
            messageId: 'suggestUnawaitedAsyncDispose',
            output: `
class Channel {
  close(): Promise<void> {
    return Promise.resolve();
  }
}
class Client {
  channel: Channel | null = null;
  reconnect(): void {
    const oldChannel = this.channel;
    this.channel = new Channel();
    void oldChannel?.close();
  }
}
`,
          },
        ],
      },
    ],
  },
];

/** The code each case ends with: its last fix pass, and each suggestion's result. */
export function repairedOutputs(testCase: FixCase): string[] {
  const outputs: string[] = [];
  if (typeof testCase.output === 'string') outputs.push(testCase.output);
  if (Array.isArray(testCase.output)) outputs.push(...testCase.output.slice(-1));
  for (const error of testCase.errors) {
    for (const suggestion of error.suggestions ?? []) outputs.push(suggestion.output);
  }
  return outputs;
}

