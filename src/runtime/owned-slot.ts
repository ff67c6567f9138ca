/// <reference lib="esnext.disposable" preserve="true" />
// The declarations use Disposable and Symbol.dispose: consumers need them whatever their own `lib` says.
import { describeResource } from './leak-detector.js';
import { asyncOnlyError, isAsyncDisposable, isDisposable, isReferenceCounted, releaseResource, releaseResourceNow } from './release.js';

/** Thrown by `set`/`swap` on a slot that was already disposed (after releasing the value passed in). */
export class SlotDisposedError extends Error {
  override readonly name = 'SlotDisposedError';
}

function nameOf(value: unknown): string {
  return typeof value === 'object' && value !== null ? describeResource(value) : String(value);
}

function checkSyncReleasable(value: unknown): void {
  if (value === null || value === undefined) return;
  if (isReferenceCounted(value) || isDisposable(value)) return;
  if (isAsyncDisposable(value)) throw asyncOnlyError(value);
}

export interface OwnedSlotOptions<T> {
  /** How to release a value the slot drops. Default: releaseResource (without async-only values). */
  release?: (value: T) => void;
}

/**
 * A field that owns its value: storing a new value releases the old one, after the store.
 *
 * Unlike VS Code's MutableDisposable, `set` stores first and releases second, so a reader never
 * sees a released value, and a value set after disposal is released instead of leaked.
 */
export class OwnedSlot<T> implements Disposable {
  #value: T | undefined;
  #disposed = false;
  readonly #release: (value: T) => void;
  /** Only the default release refuses async-only values; a custom one decides for itself. */
  readonly #usesDefaultRelease: boolean;

  constructor(initial?: T, options: OwnedSlotOptions<T> = {}) {
    this.#usesDefaultRelease = options.release === undefined;
    if (this.#usesDefaultRelease) checkSyncReleasable(initial);
    this.#value = initial;
    this.#release = options.release ?? ((value: T) => void releaseResourceNow(value));
  }

  /** The stored value (undefined when empty or disposed). */
  get(): T | undefined {
    return this.#value;
  }

  get isDisposed(): boolean {
    return this.#disposed;
  }

  /**
   * Stores `next`, then releases the previous value. Does nothing when `next` is the stored value.
   * If releasing the previous value throws, `next` stays stored and the error propagates.
   * On a disposed slot, releases `next` and throws SlotDisposedError.
   */
  set(next: T | undefined): void {
    if (this.#disposed) this.#rejectAfterDispose(next, 'set');
    if (next === this.#value) return;
    this.#checkReleasable(next);
    const previous = this.#value;
    this.#value = next;
    if (previous !== undefined && previous !== null) this.#release(previous);
  }

  /**
   * Stores `next` and returns the previous value *unreleased*: the caller now owns it.
   * On a disposed slot, releases `next` and throws SlotDisposedError.
   */
  swap(next: T | undefined): T | undefined {
    if (this.#disposed) this.#rejectAfterDispose(next, 'swap');
    this.#checkReleasable(next);
    const previous = this.#value;
    this.#value = next;
    return previous;
  }

  /** Empties the slot and returns its value unreleased (ownership moves to the caller). */
  take(): T | undefined {
    const value = this.#value;
    this.#value = undefined;
    return value;
  }

  /** Releases the stored value and refuses further values. Idempotent. */
  [Symbol.dispose](): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const value = this.take();
    if (value !== undefined && value !== null) this.#release(value);
  }

  #checkReleasable(next: T | undefined): void {
    // Refuse an async-only value before storing it: the caller keeps ownership and loses nothing.
    if (this.#usesDefaultRelease) checkSyncReleasable(next);
  }

  #rejectAfterDispose(next: T | undefined, operation: string): never {
    const error = new SlotDisposedError(
      `OwnedSlot.${operation}(${nameOf(next)}) on a disposed slot: the value was released instead of stored`,
    );
    if (next !== undefined && next !== null && next !== this.#value) {
      try {
        this.#release(next);
      } catch (releaseError) {
        throw new AggregateError([error, releaseError], `${error.message}, and releasing it threw`);
      }
    }
    throw error;
  }
}

export interface AsyncOwnedSlotOptions<T> {
  /** How to release a value the slot drops. Default: releaseResource (awaits Symbol.asyncDispose). */
  release?: (value: T) => unknown;
}

/** Prefers `[Symbol.asyncDispose]` over the synchronous forms, and awaits it. */
async function releaseAsync(value: unknown): Promise<void> {
  if (isAsyncDisposable(value)) {
    await value[Symbol.asyncDispose]();
    return;
  }
  await releaseResource(value);
}

/**
 * OwnedSlot for values released asynchronously: `set` stores `next` at once (synchronously, before
 * its first await) and resolves once the previous value's release has finished.
 */
export class AsyncOwnedSlot<T> implements AsyncDisposable {
  #value: T | undefined;
  #disposed = false;
  readonly #release: (value: T) => unknown;

  constructor(initial?: T, options: AsyncOwnedSlotOptions<T> = {}) {
    this.#value = initial;
    this.#release = options.release ?? releaseAsync;
  }

  get(): T | undefined {
    return this.#value;
  }

  get isDisposed(): boolean {
    return this.#disposed;
  }

  /** Stores `next`, then awaits the release of the previous value. See {@link OwnedSlot.set}. */
  async set(next: T | undefined): Promise<void> {
    if (this.#disposed) {
      await this.#rejectAfterDispose(next, 'set');
      return;
    }
    if (next === this.#value) return;
    const previous = this.#value;
    this.#value = next;
    if (previous !== undefined && previous !== null) await this.#release(previous);
  }

  /** Stores `next`, returns the previous value unreleased. Rejects (after releasing `next`) when disposed. */
  async swap(next: T | undefined): Promise<T | undefined> {
    if (this.#disposed) await this.#rejectAfterDispose(next, 'swap');
    const previous = this.#value;
    this.#value = next;
    return previous;
  }

  take(): T | undefined {
    const value = this.#value;
    this.#value = undefined;
    return value;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    const value = this.take();
    if (value !== undefined && value !== null) await this.#release(value);
  }

  async #rejectAfterDispose(next: T | undefined, operation: string): Promise<never> {
    const error = new SlotDisposedError(
      `AsyncOwnedSlot.${operation}(${nameOf(next)}) on a disposed slot: the value was released instead of stored`,
    );
    if (next !== undefined && next !== null) {
      try {
        await this.#release(next);
      } catch (releaseError) {
        throw new AggregateError([error, releaseError], `${error.message}, and releasing it threw`);
      }
    }
    throw error;
  }
}
