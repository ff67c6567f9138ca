/**
 * eslint-plugin-resource-leak/runtime/tls: ReloadableSecureContext, a TLS certificate holder that
 * reloads without leaking native contexts and without closing one that can still be handed out.
 */
import { X509Certificate, createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { watch as watchDirectory, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createSecureContext, type SecureContext, type SecureContextOptions, type Server } from 'node:tls';
import { OwnedSlot } from './owned-slot.js';
import { AbstractReferenceCounted } from './reference-counted.js';
import { setServerDefaultContext } from './tls-server-default.js';

/** Paths of PEM files. `ca` may list several files (each may hold a bundle). */
export interface PemFiles {
  cert: string;
  key: string;
  ca?: string | string[];
  passphrase?: string;
}

/** PEM text or buffers. */
export interface PemMaterial {
  cert: string | Buffer;
  key: string | Buffer;
  ca?: string | Buffer | (string | Buffer)[];
  passphrase?: string;
}

/** Other tls.createSecureContext options (ciphers, minVersion, …) used for every context built. */
export type ContextOptions = Omit<SecureContextOptions, 'cert' | 'key' | 'ca' | 'passphrase' | 'pfx'>;

export interface ReloadableSecureContextOptions {
  contextOptions?: ContextOptions;
}

export interface WatchOptions {
  /** Quiet time after the last file-system event before the files are read. Default 100 ms. */
  debounceMs?: number;
}

/** Why a certificate could not be loaded; the holder keeps serving the previous one. */
export type CertificateLoadFailure =
  | 'missing-file'
  | 'unreadable-file'
  | 'invalid-certificate'
  | 'invalid-key'
  | 'key-mismatch'
  | 'context-rejected'
  | 'watch-failed';

export class CertificateLoadError extends Error {
  override readonly name = 'CertificateLoadError';
  constructor(
    readonly reason: CertificateLoadFailure,
    message: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type ReloadTrigger = 'reload' | 'watch';

export interface ReloadedEvent {
  generation: number;
  fingerprint256: string;
  trigger: ReloadTrigger;
}

export interface ReloadFailedEvent {
  error: CertificateLoadError;
  /** The error's message: what is wrong and with which file. */
  reason: string;
  trigger: ReloadTrigger;
  /** The generation still being served. */
  generation: number;
}

export type ReloadResult =
  | ({ ok: true } & ReloadedEvent)
  | ({ ok: false } & ReloadFailedEvent);

export interface ReloadableSecureContextStats {
  /** The generation being handed out: 1 for the first context, +1 per successful reload. */
  generation: number;
  /** Successful reloads. */
  reloads: number;
  /** Reloads that kept the old context because the new files were bad. */
  failures: number;
  /** Native contexts built by this holder and not yet closed. */
  liveContexts: number;
  /** Servers this holder sets the default context of. */
  servers: number;
  watching: boolean;
  closed: boolean;
}

interface ReloadableSecureContextEvents {
  reload: [ReloadedEvent];
  reloadError: [ReloadFailedEvent];
}

/** The SNICallback signature of tls.createServer. */
export type SNICallback = (
  servername: string,
  callback: (error: Error | null, context?: SecureContext) => void,
) => void;

/**
 * One native context and the references to it: the holder's, one per attached server while it is
 * that server's default, and one per handshake it was handed out to. The native context is closed
 * when the last one is released, so it is never closed while something can still hand it out.
 */
export class HeldSecureContext extends AbstractReferenceCounted {
  readonly #onClosed: () => void;

  /** @internal Built by ReloadableSecureContext. */
  constructor(
    readonly secureContext: SecureContext,
    readonly generation: number,
    readonly fingerprint256: string,
    onClosed: () => void,
  ) {
    super();
    this.#onClosed = onClosed;
  }

  protected deallocate(): void {
    (this.secureContext.context as { close: () => void }).close();
    this.#onClosed();
  }

  override toString(): string {
    return `HeldSecureContext(generation ${String(this.generation)})`;
  }
}

type Source = { kind: 'files'; files: PemFiles } | { kind: 'pem'; material: PemMaterial };

interface LoadedMaterial {
  material: PemMaterial;
  digest: string;
}

async function readPemFile(path: string, role: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') {
      throw new CertificateLoadError('missing-file', `${role} file ${path} does not exist`, path, { cause: error });
    }
    throw new CertificateLoadError(
      'unreadable-file',
      `${role} file ${path} could not be read: ${(error as Error).message}`,
      path,
      { cause: error },
    );
  }
}

function caList(ca: PemFiles['ca']): string[] {
  if (ca === undefined) return [];
  return Array.isArray(ca) ? ca : [ca];
}

async function readMaterial(files: PemFiles): Promise<LoadedMaterial> {
  const [cert, key, ...ca] = await Promise.all([
    readPemFile(files.cert, 'certificate'),
    readPemFile(files.key, 'private key'),
    ...caList(files.ca).map((path) => readPemFile(path, 'CA')),
  ]);
  const material: PemMaterial = { cert, key };
  if (ca.length > 0) material.ca = ca;
  if (files.passphrase !== undefined) material.passphrase = files.passphrase;
  return { material, digest: digestOf(material) };
}

function digestOf(material: PemMaterial): string {
  const hash = createHash('sha256');
  const caParts = material.ca === undefined ? [] : Array.isArray(material.ca) ? material.ca : [material.ca];
  for (const part of [material.cert, material.key, ...caParts]) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex');
}

function origin(source: Source, role: 'cert' | 'key'): string {
  return source.kind === 'files' ? ` (${source.files[role]})` : '';
}

/** Builds and checks a context; throws CertificateLoadError saying what is wrong. */
function buildSecureContext(
  material: PemMaterial,
  contextOptions: ContextOptions,
  source: Source,
): { secureContext: SecureContext; fingerprint256: string } {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(material.cert);
  } catch (error) {
    throw new CertificateLoadError(
      'invalid-certificate',
      `the certificate${origin(source, 'cert')} is not a valid PEM certificate: ${(error as Error).message}`,
      source.kind === 'files' ? source.files.cert : undefined,
      { cause: error },
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(
      material.passphrase === undefined
        ? material.key
        : { key: material.key, passphrase: material.passphrase },
    );
  } catch (error) {
    throw new CertificateLoadError(
      'invalid-key',
      `the private key${origin(source, 'key')} could not be parsed: ${(error as Error).message}`,
      source.kind === 'files' ? source.files.key : undefined,
      { cause: error },
    );
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new CertificateLoadError(
      'key-mismatch',
      `the private key${origin(source, 'key')} does not match the certificate${origin(source, 'cert')} (${certificate.subject.replaceAll('\n', ', ')}, SHA-256 ${certificate.fingerprint256})`,
      source.kind === 'files' ? source.files.key : undefined,
    );
  }
  try {
    const options: SecureContextOptions = { ...contextOptions, cert: material.cert, key: material.key };
    if (material.ca !== undefined) options.ca = material.ca;
    if (material.passphrase !== undefined) options.passphrase = material.passphrase;
    return { secureContext: createSecureContext(options), fingerprint256: certificate.fingerprint256 };
  } catch (error) {
    throw new CertificateLoadError(
      'context-rejected',
      `tls.createSecureContext rejected the certificate, key or CA: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
}

function asLoadError(error: unknown): CertificateLoadError {
  if (error instanceof CertificateLoadError) return error;
  return new CertificateLoadError('context-rejected', String((error as Error | undefined)?.message ?? error), undefined, {
    cause: error,
  });
}

/**
 * Holds `handle` until the handshake it was handed out to has finished: Node keeps the context in
 * `sni_context` and applies it only in certCbDone, which can come after an asynchronous
 * OCSPRequest listener. Closing it before then would crash the process.
 */
function holdUntilHandshakeEnds(socket: unknown, handle: HeldSecureContext): void {
  let held = true;
  const releaseOnce = (): void => {
    if (!held) return;
    held = false;
    handle.release();
  };
  const events = socket as { once?: unknown; destroyed?: unknown } | undefined;
  if (events?.destroyed === true) {
    // Already closed: no 'close' will come. Node checks for that before using the context.
    setImmediate(releaseOnce);
  } else if (typeof events?.once === 'function') {
    const emitter = socket as EventEmitter;
    emitter.once('secure', releaseOnce);
    emitter.once('close', releaseOnce);
  } else {
    // Called outside Node's TLS handshake (no socket as `this`): nothing can be pending after a turn.
    setImmediate(releaseOnce);
  }
}

type HolderSelector = (
  servername: string,
) => ReloadableSecureContext | undefined | Promise<ReloadableSecureContext | undefined>;

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Serves one SNI request: `socket` is the TLSSocket Node calls the SNICallback on. */
function serveServerName(
  select: HolderSelector,
  socket: unknown,
  servername: string,
  callback: Parameters<SNICallback>[1],
): void {
  const serve = (holder: ReloadableSecureContext | undefined): void => {
    if (holder === undefined) {
      callback(null, undefined);
      return;
    }
    let handle: HeldSecureContext;
    try {
      handle = holder.lease();
    } catch (error) {
      // A closed holder: fail this handshake rather than hand out nothing or throw into Node.
      callback(asError(error));
      return;
    }
    holdUntilHandshakeEnds(socket, handle);
    callback(null, handle.secureContext);
  };
  let selected: ReturnType<HolderSelector>;
  try {
    selected = select(servername);
  } catch (error) {
    callback(asError(error));
    return;
  }
  if (selected instanceof Promise) {
    selected.then(serve, (error: unknown) => {
      callback(asError(error));
    });
  } else {
    serve(selected);
  }
}

/** An SNICallback that hands out a lease from whichever holder `select` names (or the default). */
function sniCallbackFor(select: HolderSelector): SNICallback {
  return function handOut(this: unknown, servername, callback) {
    serveServerName(select, this, servername, callback);
  };
}

/** One attached server: it holds a reference to the context that is its default. */
class ServerBinding {
  readonly #slot = new OwnedSlot<HeldSecureContext>();
  constructor(readonly server: Server) {}

  /** Retain, assign, then release the old: the order the rule's fix writes. */
  install(next: HeldSecureContext): void {
    const held = next.retain();
    try {
      setServerDefaultContext(this.server, next.secureContext);
    } catch (error) {
      held.release();
      throw error;
    }
    this.#slot.set(held);
  }

  release(): void {
    this.#slot[Symbol.dispose]();
  }
}

/**
 * A `tls.SecureContext` that can be reloaded while servers use it.
 *
 * - `attach(server)` makes it the default context of a tls.Server, https.Server or http2 secure
 *   server, so clients with and without SNI get it.
 * - `reload()` builds the new context first; on bad files it keeps serving the old one and emits
 *   `reloadError`. On success it swaps, then releases the old native context, which is closed once
 *   nothing can hand it out any more (no server default, no handshake in progress).
 * - `watch()` reloads when the certificate, key or CA files change (content hash, debounced,
 *   atomic rename and symlink swap included).
 */
export class ReloadableSecureContext extends EventEmitter<ReloadableSecureContextEvents> {
  readonly #source: Source;
  readonly #contextOptions: ContextOptions;
  readonly #current: OwnedSlot<HeldSecureContext>;
  readonly #servers = new Map<Server, ServerBinding>();
  #generation: number;
  #reloads = 0;
  #failures = 0;
  #liveContexts = 0;
  #closed = false;
  /** Reloads run one at a time, in call order. */
  #queue: Promise<unknown> = Promise.resolve();
  #loadedDigest: string;
  /** What is served now, so that reload() without arguments rebuilds the latest material. */
  #loadedMaterial: PemMaterial;
  #failedDigest: string | undefined;
  #watchers: FSWatcher[] = [];
  #debounceTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * For `tls.createServer({ SNICallback: holder.SNICallback })`: hands SNI clients this holder's
   * context and holds it until their handshake ends. Optional: attach() alone serves SNI clients
   * of a server without an SNICallback, and clients without SNI never call it.
   */
  readonly SNICallback: SNICallback;

  private constructor(source: Source, loaded: LoadedMaterial, options: ReloadableSecureContextOptions) {
    super();
    this.#source = source;
    this.#contextOptions = options.contextOptions ?? {};
    const built = buildSecureContext(loaded.material, this.#contextOptions, source);
    this.#generation = 1;
    this.#loadedDigest = loaded.digest;
    this.#loadedMaterial = loaded.material;
    this.#current = new OwnedSlot(this.#hold(built.secureContext, 1, built.fingerprint256));
    this.SNICallback = sniCallbackFor(() => this);
  }

  /** Reads the PEM files and builds the first context; rejects with a CertificateLoadError if they are bad. */
  static async fromFiles(files: PemFiles, options: ReloadableSecureContextOptions = {}): Promise<ReloadableSecureContext> {
    const absolute: PemFiles = { ...files, cert: resolve(files.cert), key: resolve(files.key) };
    if (files.ca !== undefined) absolute.ca = caList(files.ca).map((path) => resolve(path));
    const loaded = await readMaterial(absolute);
    return new ReloadableSecureContext({ kind: 'files', files: absolute }, loaded, options);
  }

  /** Builds the first context from PEM text or buffers; throws a CertificateLoadError if they are bad. */
  static fromPem(material: PemMaterial, options: ReloadableSecureContextOptions = {}): ReloadableSecureContext {
    return new ReloadableSecureContext(
      { kind: 'pem', material },
      { material, digest: digestOf(material) },
      options,
    );
  }

  /**
   * An SNICallback that asks `select` (sync or async) which holder serves a server name, and holds
   * that holder's context until the handshake ends. `undefined` means the server's default context.
   */
  static sniCallback(select: HolderSelector): SNICallback {
    return sniCallbackFor(select);
  }

  /** The context handed out now. Do not close it; use lease() to keep one across an await. */
  get secureContext(): SecureContext {
    return this.#currentHandle().secureContext;
  }

  get fingerprint256(): string {
    return this.#currentHandle().fingerprint256;
  }

  /**
   * A reference to the current context, for asynchronous code that hands it out later (an async
   * SNI step). The context stays open until the lease is released (`release()` or `using`).
   */
  lease(): HeldSecureContext {
    return this.#currentHandle().retain();
  }

  /** Makes this holder's context the default of `server` (tls, https or http2 secure), now and after every reload. */
  attach(server: Server): this {
    if (this.#closed) throw new Error('ReloadableSecureContext.attach() after close()');
    if (this.#servers.has(server)) return this;
    const binding = new ServerBinding(server);
    binding.install(this.#currentHandle());
    this.#servers.set(server, binding);
    return this;
  }

  /**
   * Builds a new context (from the files again, or from `material` for a holder made with fromPem)
   * and, when it is good, swaps it in. Never rejects for bad certificates: the result (and the
   * `reloadError` event) says why the old context is still served.
   */
  reload(material?: PemMaterial): Promise<ReloadResult> {
    return this.#enqueue(async () => {
      if (material !== undefined && this.#source.kind === 'files') {
        throw new TypeError('reload(material) is for holders made with fromPem; this one reads files');
      }
      let loaded: LoadedMaterial;
      try {
        loaded = await this.#readSource(material);
      } catch (error) {
        return this.#fail(asLoadError(error), 'reload', undefined);
      }
      try {
        return this.#apply(loaded, 'reload');
      } catch (error) {
        return this.#fail(asLoadError(error), 'reload', loaded.digest);
      }
    });
  }

  /** Reloads when any of the files changes (content, atomic rename or symlink swap). Idempotent. */
  watch(options: WatchOptions = {}): this {
    if (this.#closed) throw new Error('ReloadableSecureContext.watch() after close()');
    if (this.#source.kind !== 'files') {
      throw new TypeError('watch() needs a holder made with ReloadableSecureContext.fromFiles()');
    }
    if (this.#watchers.length > 0) return this;
    const debounceMs = options.debounceMs ?? 100;
    const files = this.#source.files;
    // Watch the directories, not the files: an atomic rename or a Kubernetes `..data` symlink swap
    // replaces the file, and a watch on the old inode would never fire again.
    const directories = new Set([files.cert, files.key, ...caList(files.ca)].map((path) => dirname(path)));
    for (const directory of directories) {
      const watcher = watchDirectory(directory, { persistent: false }, () => {
        this.#scheduleCheck(debounceMs);
      });
      watcher.on('error', (error: Error) => {
        this.#failures += 1;
        this.emit('reloadError', {
          error: new CertificateLoadError('watch-failed', `watching ${directory} failed: ${error.message}`, directory, {
            cause: error,
          }),
          reason: `watching ${directory} failed: ${error.message}`,
          trigger: 'watch',
          generation: this.#generation,
        });
      });
      this.#watchers.push(watcher);
    }
    return this;
  }

  /** Stops watching. */
  unwatch(): void {
    for (const watcher of this.#watchers) watcher.close();
    this.#watchers = [];
    if (this.#debounceTimer !== undefined) clearTimeout(this.#debounceTimer);
    this.#debounceTimer = undefined;
  }

  stats(): ReloadableSecureContextStats {
    return {
      generation: this.#generation,
      reloads: this.#reloads,
      failures: this.#failures,
      liveContexts: this.#liveContexts,
      servers: this.#servers.size,
      watching: this.#watchers.length > 0,
      closed: this.#closed,
    };
  }

  /**
   * Stops watching and drops the holder's reference. A server still listening keeps its default
   * context until it closes; then that context is closed too. Do not listen again afterwards.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.unwatch();
    for (const binding of this.#servers.values()) {
      if (binding.server.listening) binding.server.once('close', () => { binding.release(); });
      else binding.release();
    }
    this.#servers.clear();
    this.#current[Symbol.dispose]();
  }

  #currentHandle(): HeldSecureContext {
    const handle = this.#current.get();
    if (handle === undefined) throw new Error('ReloadableSecureContext is closed');
    return handle;
  }

  #hold(secureContext: SecureContext, generation: number, fingerprint256: string): HeldSecureContext {
    this.#liveContexts += 1;
    return new HeldSecureContext(secureContext, generation, fingerprint256, () => {
      this.#liveContexts -= 1;
    });
  }

  #enqueue<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(step);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #readSource(material: PemMaterial | undefined): Promise<LoadedMaterial> {
    if (this.#source.kind === 'files') return readMaterial(this.#source.files);
    const chosen = material ?? this.#loadedMaterial;
    return { material: chosen, digest: digestOf(chosen) };
  }

  /** Build new, assign (servers, then the holder), release old. */
  #apply(loaded: LoadedMaterial, trigger: ReloadTrigger): ReloadResult {
    if (this.#closed) throw new CertificateLoadError('context-rejected', 'the holder was closed during the reload');
    const built = buildSecureContext(loaded.material, this.#contextOptions, this.#source);
    const generation = this.#generation + 1;
    const next = this.#hold(built.secureContext, generation, built.fingerprint256);
    try {
      for (const binding of this.#servers.values()) binding.install(next);
    } catch (error) {
      // Servers already switched hold their own reference; only the holder's is dropped.
      next.release();
      throw error;
    }
    this.#current.set(next);
    this.#generation = generation;
    this.#reloads += 1;
    this.#loadedDigest = loaded.digest;
    this.#loadedMaterial = loaded.material;
    this.#failedDigest = undefined;
    const event: ReloadedEvent = { generation, fingerprint256: built.fingerprint256, trigger };
    this.emit('reload', event);
    return { ok: true, ...event };
  }

  #fail(error: CertificateLoadError, trigger: ReloadTrigger, digest: string | undefined): ReloadResult {
    this.#failures += 1;
    this.#failedDigest = digest;
    const event: ReloadFailedEvent = { error, reason: error.message, trigger, generation: this.#generation };
    this.emit('reloadError', event);
    return { ok: false, ...event };
  }

  #scheduleCheck(debounceMs: number): void {
    const previous = this.#debounceTimer;
    // A fired timer needs no release, so the field keeps it until the next schedule or unwatch.
    const timer = setTimeout(() => {
      void this.#enqueue(() => this.#checkFiles());
    }, debounceMs);
    timer.unref();
    this.#debounceTimer = timer;
    clearTimeout(previous);
  }

  /** After file events: reload only when the content differs from what is served (or last failed). */
  async #checkFiles(): Promise<void> {
    if (this.#closed || this.#source.kind !== 'files') return;
    let loaded: LoadedMaterial;
    try {
      loaded = await readMaterial(this.#source.files);
    } catch (error) {
      this.#fail(asLoadError(error), 'watch', undefined);
      return;
    }
    if (loaded.digest === this.#loadedDigest || loaded.digest === this.#failedDigest) return;
    try {
      this.#apply(loaded, 'watch');
    } catch (error) {
      this.#fail(asLoadError(error), 'watch', loaded.digest);
    }
  }
}
