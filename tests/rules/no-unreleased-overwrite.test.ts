// Detection cases for resource-leak/no-unreleased-overwrite, with real type information from
// tests/fixtures (tsconfig.json with types: ["node"], strict; file.ts is the linted file name).
//
// These cases were written while the autofix was a placeholder, so the invalid ones carry no
// `output`. When the fixer (src/fixes) produces a fix or suggestions for one of them, RuleTester
// will ask for them: adding `output`/`suggestions` to these cases is expected and welcome. The
// fix cases proper live in tests/fixes/.
import { RuleTester } from '@typescript-eslint/rule-tester';
import path from 'node:path';
import rule from '../../src/rules/no-unreleased-overwrite.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const filename = path.join(fixtures, 'file.ts');

const ruleTester = new RuleTester({
  languageOptions: {
    parserOptions: { projectService: true, tsconfigRootDir: fixtures },
  },
});

/** A reference-counted buffer (Netty style) and its factory: the line `BUF` becomes these two lines. */
const buf = 'BUF';
const bufDeclarations = 'declare class Buf { refCnt(): number; release(): boolean }\ndeclare function alloc(): Buf;';

/** Removes the first line break and the common indentation, so line 1 is the first code line. */
function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)?.[0].length ?? 0));
  return lines
    .map((line) => line.slice(indent))
    .join('\n')
    .replace(/^BUF$/m, bufDeclarations);
}

const strict = [{ order: 'release-after-assign' as const }] as const;

ruleTester.run('no-unreleased-overwrite', rule, {
  valid: [
    // ── Release-ability of the field's type ────────────────────────────────────────────────
    {
      name: 'a primitive field',
      code: dedent(`
        class Counter {
          count = 0;
          bump(): void {
            this.count = this.count + 1;
          }
        }`),
    },
    {
      name: 'a close() that needs an argument is a look-alike, not a release',
      code: dedent(`
        declare class Channel { close(code: number): void }
        declare function open(): Channel;
        class Client {
          channel = open();
          reconnect(): void {
            this.channel = open();
          }
        }`),
    },
    {
      name: 'unsubscribe(type, name) is not a release method',
      code: dedent(`
        declare class Listener { unsubscribe(type: string, name: string): void }
        declare function listen(): Listener;
        class Bus {
          listener = listen();
          relisten(): void {
            this.listener = listen();
          }
        }`),
    },
    {
      name: 'an any-typed field never counts',
      code: dedent(`
        declare function alloc(): any;
        class Holder {
          value: any = alloc();
          swap(): void {
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'an unknown-typed field never counts',
      code: dedent(`
        declare function alloc(): unknown;
        class Holder {
          value: unknown = alloc();
          swap(): void {
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'a union counts only when every non-nullish member is release-able',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | string = alloc();
          swap(): void {
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'a type parameter without a constraint is not release-able',
      code: dedent(`
        class Holder<T> {
          constructor(private value: T, private make: () => T) {}
          swap(): void {
            this.value = this.make();
          }
        }`),
    },
    {
      name: 'types: release false silences a type with a release method',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          swap(): void {
            this.value = alloc();
          }
        }`),
      options: [{ types: [{ type: { from: 'file', name: 'Buf' }, release: false }] }],
    },
    {
      name: 'a releaseMethods list replaces the default list',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          swap(): void {
            this.value = alloc();
          }
        }`),
      options: [{ releaseMethods: ['shutdown'] }],
    },
    {
      name: 'types: release false silences the built-in tls.SecureContext',
      code: dedent(`
        import { createSecureContext, type SecureContext } from 'node:tls';
        class Server {
          context: SecureContext = createSecureContext({});
          reload(): void {
            this.context = createSecureContext({});
          }
        }`),
      options: [{ types: [{ type: { from: 'package', package: 'tls', name: 'SecureContext' }, release: false }] }],
    },
    // ── Targets that are not fields ─────────────────────────────────────────────────────────
    {
      name: 'a setter is not a field; the store behind it is checked in the setter',
      code: dedent(`
        ${buf}
        class Holder {
          #value = alloc();
          get value(): Buf { return this.#value; }
          set value(next: Buf) { this.#value.release(); this.#value = next; }
          swap(): void {
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'a dynamic key is not a named field',
      code: dedent(`
        ${buf}
        class Holder {
          [key: string]: Buf;
          swap(key: string): void {
            this[key] = alloc();
          }
        }`),
    },
    {
      name: 'a local variable is not a field',
      code: dedent(`
        ${buf}
        function use(): void {
          let value = alloc();
          value = alloc();
          value.release();
        }`),
    },
    {
      name: 'a method is not a field',
      code: dedent(`
        ${buf}
        class Holder {
          make(): Buf { return alloc(); }
          patch(): void {
            this.make = () => alloc();
          }
        }`),
    },
    // ── Not an overwrite ────────────────────────────────────────────────────────────────────
    {
      name: 'the first assignment in the constructor of a field without initializer',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf;
          constructor() {
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'one assignment on each branch of the constructor',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf;
          constructor(big: boolean) {
            if (big) this.value = alloc();
            else this.value = alloc();
          }
        }`),
    },
    {
      name: 'a private field assigned once in the constructor',
      code: dedent(`
        ${buf}
        class Holder {
          #value: Buf;
          constructor() {
            this.#value = alloc();
          }
          close(): void { this.#value.release(); }
        }`),
    },
    {
      name: 'Angular ngOnInit counts like a constructor',
      code: dedent(`
        ${buf}
        class Component {
          value!: Buf;
          ngOnInit(): void {
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'a method decorated @postConstruct counts like a constructor',
      code: dedent(`
        ${buf}
        declare function postConstruct(): MethodDecorator;
        class Service {
          value!: Buf;
          @postConstruct()
          init(): void {
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'initMethods names the methods that count like a constructor',
      code: dedent(`
        ${buf}
        class Plugin {
          value!: Buf;
          setup(): void {
            this.value = alloc();
          }
        }`),
      options: [{ initMethods: ['setup'] }],
    },
    {
      name: 'an inherited field that the base class leaves unassigned',
      code: dedent(`
        ${buf}
        class Base {
          protected value!: Buf;
        }
        class Derived extends Base {
          constructor() {
            super();
            this.value = alloc();
          }
        }`),
    },
    {
      name: '??= only stores into an empty field',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          get(): Buf {
            return (this.value ??= alloc());
          }
        }`),
    },
    {
      name: '||= only stores into an empty field',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          ensure(): void {
            this.value ||= alloc();
          }
        }`),
    },
    {
      name: 'storing the field into itself',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          touch(): void {
            this.value = this.value;
            this.value = this.value as Buf;
          }
        }`),
    },
    // ── Old value released before the assignment ─────────────────────────────────────────────
    {
      name: 'released first (the default order accepts it)',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          swap(): void {
            this.value.release();
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'released first with ?. on a nullable field',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          swap(): void {
            this.value?.release();
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'released by ReferenceCountUtil.release',
      code: dedent(`
        ${buf}
        declare const ReferenceCountUtil: { release(value: unknown): boolean };
        class Holder {
          value = alloc();
          swap(): void {
            ReferenceCountUtil.release(this.value);
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'a timer cleared with clearTimeout before it is replaced',
      code: dedent(`
        class Poller {
          timer = setTimeout(() => undefined, 10);
          restart(): void {
            clearTimeout(this.timer);
            this.timer = setTimeout(() => undefined, 10);
          }
        }`),
    },
    {
      name: 'released through [Symbol.dispose]()',
      code: dedent(`
        declare function open(): Disposable;
        class Holder {
          handle = open();
          swap(): void {
            this.handle[Symbol.dispose]();
            this.handle = open();
          }
        }`),
    },
    {
      name: 'released on both branches',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          swap(log: boolean): void {
            if (log) {
              console.log('releasing');
              this.value.release();
            } else {
              this.value.release();
            }
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'released in a loop body before each assignment',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          churn(times: number): void {
            for (let i = 0; i < times; i++) {
              this.value.release();
              this.value = alloc();
            }
          }
        }`),
    },
    {
      name: 'a private field released first',
      code: dedent(`
        ${buf}
        class Holder {
          #value = alloc();
          swap(): void {
            this.#value.release();
            this.#value = alloc();
          }
        }`),
    },
    {
      name: 'a static field released first',
      code: dedent(`
        ${buf}
        class Registry {
          static shared = alloc();
          static reset(): void {
            Registry.shared.release();
            Registry.shared = alloc();
          }
        }`),
    },
    {
      name: 'the release is inside the right-hand side (runs before the store)',
      code: dedent(`
        ${buf}
        declare function releaseAndAllocate(old: Buf): Buf;
        class Holder {
          value = alloc();
          swap(): void {
            this.value = releaseAndAllocate(this.value);
          }
        }`),
    },
    {
      name: 'the old value becomes part of the new one (linked list head)',
      code: dedent(`
        declare class Node { constructor(next: Node | undefined); release(): void }
        class Stack {
          head: Node | undefined;
          push(): void {
            this.head = new Node(this.head);
          }
        }`),
    },
    // ── Old value handed off ────────────────────────────────────────────────────────────────
    {
      name: 'pushed into a list that releases later',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          retired: Buf[] = [];
          swap(): void {
            this.retired.push(this.value);
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'passed to a method as an argument',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          swap(): void {
            this.retire(this.value);
            this.value = alloc();
          }
          retire(old: Buf): void { old.release(); }
        }`),
    },
    {
      name: 'stored in another field',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          previous: Buf | undefined;
          swap(): void {
            this.previous = this.value;
            this.value = alloc();
          }
        }`),
    },
    // ── Released by a method of the same class (one call deep) ─────────────────────────────
    {
      name: 'this.disconnect() releases the field on every path',
      code: dedent(`
        declare class Session { close(): void }
        declare function connect(): Session;
        class Client {
          session: Session | undefined;
          disconnect(): void {
            this.session?.close();
            this.session = undefined;
          }
          reconnect(): void {
            this.disconnect();
            this.session = connect();
          }
        }`),
    },
    {
      name: 'the releasing method is declared after its caller',
      code: dedent(`
        declare class Session { close(): void }
        declare function connect(): Session;
        class Client {
          session = connect();
          reconnect(): void {
            this.disconnect();
            this.session = connect();
          }
          disconnect(): void {
            this.session.close();
          }
        }`),
    },
    // ── Known empty on the path ─────────────────────────────────────────────────────────────
    {
      name: 'lazy init under if (!this.f)',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          get(): Buf {
            if (!this.value) {
              this.value = alloc();
            }
            return this.value;
          }
        }`),
    },
    {
      name: 'lazy init under if (this.f == null)',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | null = null;
          ensure(): void {
            if (this.value == null) this.value = alloc();
          }
        }`),
    },
    {
      name: 'lazy init under if (this.f === undefined)',
      code: dedent(`
        ${buf}
        class Holder {
          value?: Buf;
          ensure(): void {
            if (this.value === undefined) this.value = alloc();
          }
        }`),
    },
    {
      name: 'early return when the field is set',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          ensure(): void {
            if (this.value) return;
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'released under if (this.f), empty otherwise',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          swap(): void {
            if (this.value) {
              this.value.release();
            }
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'released under if (this.f != null) with an else that assigns',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | null = null;
          swap(): void {
            if (this.value != null) {
              this.value.release();
              this.value = alloc();
            } else {
              this.value = alloc();
            }
          }
        }`),
    },
    {
      name: 'released with && ',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          swap(): void {
            this.value && this.value.release();
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'released with ?: ',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          swap(): void {
            this.value ? this.value.release() : undefined;
            this.value = alloc();
          }
        }`),
    },
    {
      name: 'lazy init as the right operand of ||',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          ensure(): void {
            if (this.value || Math.random() > 2) return;
            this.value = alloc();
          }
        }`),
    },
    // ── Saved to a local and released after the assignment ──────────────────────────────────
    {
      name: 'save-old, assign, release',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          swap(): void {
            const old = this.value;
            this.value = alloc();
            old.release();
          }
        }`),
    },
    {
      name: 'save-old with ?. on a nullable field',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          swap(): void {
            const old = this.value;
            this.value = alloc();
            old?.release();
          }
        }`),
    },
    {
      name: 'save-old released with ReferenceCountUtil.release (the RocketMQ fix)',
      code: dedent(`
        ${buf}
        declare const ReferenceCountUtil: { release(value: unknown): boolean };
        class Holder {
          value = alloc();
          swap(): void {
            const old = this.value;
            this.value = alloc();
            ReferenceCountUtil.release(old);
          }
        }`),
    },
    {
      name: 'save-old with a same-object guard',
      code: dedent(`
        ${buf}
        declare function cachedOrNew(): Buf;
        class Holder {
          value: Buf | undefined;
          swap(): void {
            const old = this.value;
            this.value = cachedOrNew();
            if (old !== this.value) old?.release();
          }
        }`),
    },
    {
      name: 'save-old returned to the caller',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          swap(): Buf {
            const old = this.value;
            this.value = alloc();
            return old;
          }
        }`),
    },
    {
      name: 'save-old handed to a list',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          retired: Buf[] = [];
          swap(): void {
            const old = this.value;
            this.value = alloc();
            this.retired.push(old);
          }
        }`),
    },
    {
      name: 'save-old with the await before the swap',
      code: dedent(`
        ${buf}
        declare function allocLater(): Promise<Buf>;
        class Holder {
          value = alloc();
          async swap(): Promise<void> {
            const next = await allocLater();
            const old = this.value;
            this.value = next;
            old.release();
          }
        }`),
    },
    {
      name: 'save-old of a tls.SecureContext closed through its native context',
      code: dedent(`
        import { createSecureContext, type SecureContext } from 'node:tls';
        class Server {
          context: SecureContext = createSecureContext({});
          reload(): void {
            const old = this.context;
            this.context = createSecureContext({});
            (old.context as { close(): void }).close();
          }
        }`),
    },
    // ── Ownership: borrowed values ──────────────────────────────────────────────────────────
    {
      name: 'a parameter is borrowed when the class never releases the field',
      code: dedent(`
        ${buf}
        class View {
          value = alloc();
          show(next: Buf): void {
            this.value = next;
          }
        }`),
    },
    {
      name: 'Map.prototype.get is a borrowing read',
      code: dedent(`
        ${buf}
        class Cache {
          entries = new Map<string, Buf>();
          current = alloc();
          select(key: string): void {
            this.current = this.entries.get(key)!;
          }
        }`),
    },
    {
      name: 'WeakMap.prototype.get is a borrowing read',
      code: dedent(`
        ${buf}
        class Cache {
          entries = new WeakMap<object, Buf>();
          current: Buf | undefined;
          select(key: object): void {
            this.current = this.entries.get(key);
          }
        }`),
    },
    {
      name: 'WeakRef.prototype.deref is a borrowing read',
      code: dedent(`
        ${buf}
        class Cache {
          ref = new WeakRef(alloc());
          current: Buf | undefined = undefined;
          select(): void {
            this.current = this.ref.deref();
          }
        }`),
    },
    {
      name: 'an element read is borrowed',
      code: dedent(`
        ${buf}
        class Ring {
          items = [alloc(), alloc()];
          current = alloc();
          select(index: number): void {
            this.current = this.items[index]!;
          }
        }`),
    },
    {
      name: 'setting null when the class never releases the field',
      code: dedent(`
        ${buf}
        class View {
          value: Buf | null = alloc();
          clear(): void {
            this.value = null;
          }
        }`),
    },
    {
      name: 'a field of an imported class that does not release it',
      code: dedent(`
        import { BufferViewer, type ReferenceCounted } from './resources.js';
        export function show(viewer: BufferViewer, next: ReferenceCounted): void {
          viewer.borrowed = next;
        }`),
    },
    // ── Order of release and assignment ─────────────────────────────────────────────────────
    {
      name: 'an await after the assignment does not matter',
      code: dedent(`
        ${buf}
        declare function flush(): Promise<void>;
        class Holder {
          value = alloc();
          async swap(): Promise<void> {
            this.value.release();
            this.value = alloc();
            await flush();
          }
        }`),
    },
    {
      name: 'release-after-assign accepts the save-old shape',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          swap(): void {
            const old = this.value;
            this.value = alloc();
            old.release();
          }
        }`),
      options: strict,
    },
    {
      name: 'release-after-assign accepts a lazy init',
      code: dedent(`
        ${buf}
        class Holder {
          value: Buf | undefined;
          ensure(): void {
            if (!this.value) this.value = alloc();
          }
        }`),
      options: strict,
    },
    // ── Callbacks and the motivating TLS server ─────────────────────────────────────────────
    {
      name: 'a callback that releases before it stores',
      code: dedent(`
        ${buf}
        class Holder {
          value = alloc();
          constructor(onTick: (f: () => void) => void) {
            onTick(() => {
              this.value.release();
              this.value = alloc();
            });
          }
        }`),
    },
    {
      name: 'the TLS server, release-first variant',
      code: dedent(`
        import { createSecureContext, type SecureContext } from 'node:tls';
        export class TlsServer {
          private sslContext: SecureContext;
          constructor() {
            this.sslContext = createSecureContext({});
          }
          reload(): void {
            (this.sslContext.context as { close(): void }).close();
            this.sslContext = createSecureContext({});
          }
        }`),
    },
    {
      name: 'the TLS server, save-old variant with releaseWith',
      code: dedent(`
        import { createSecureContext, type SecureContext } from 'node:tls';
        declare function releaseResource(value: unknown): void;
        export class TlsServer {
          private sslContext: SecureContext;
          constructor() {
            this.sslContext = createSecureContext({});
          }
          reload(): void {
            const oldSslContext = this.sslContext;
            this.sslContext = createSecureContext({});
            releaseResource(oldSslContext);
          }
        }`),
      options: [{ releaseWith: { function: 'releaseResource', from: 'eslint-plugin-resource-leak/runtime' } }],
    },
  ].map((testCase) => ({ filename, ...testCase })),
  invalid: [
    // ── The motivating pattern ──────────────────────────────────────────────────────────────
    {
      name: 'the TLS server reloading this.sslContext',
      code: dedent(`
        import { createSecureContext, type SecureContext } from 'node:tls';
        export class TlsServer {
          private sslContext: SecureContext;
          constructor() {
            this.sslContext = createSecureContext({});
          }
          reload(): void {
            this.sslContext = createSecureContext({});
          }
        }`),
      errors: [
        {
          messageId: 'overwrite',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 20,
          data: { target: 'this.sslContext', type: 'SecureContext', release: 'context.close()' },
        },
      ],
    },
  ].map((testCase) => ({ filename, ...testCase })),
});
