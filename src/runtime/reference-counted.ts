/// <reference lib="esnext.disposable" preserve="true" />
// The declarations use Disposable and Symbol.dispose: consumers need them whatever their own `lib` says.
import { ResourceLeakDetector, describeResource, type ResourceLeakTracker } from './leak-detector.js';

/**
 * Netty's ReferenceCounted: an object that is freed when its count drops to 0.
 * A new object starts with a count of 1, owned by whoever created it.
 */
export interface ReferenceCounted {
  /** The current count; 0 means freed. */
  refCnt(): number;
  /** Adds `increment` (default 1) references. Throws once the object is freed. */
  retain(increment?: number): this;
  /** Drops `decrement` (default 1) references; true only when this freed the object. */
  release(decrement?: number): boolean;
  /** Records where the object is now, for leak reports (kept at `advanced` and `paranoid`). */
  touch(hint?: unknown): this;
}

/**
 * A misuse of a reference count: over-release, retain or access after free, or a count <= 0.
 * The message names the object and the counts (`PooledBuffer: refCnt: 0, decrement: 1`) and,
 * when the leak detector tracked the object, where it was freed. The object is left unchanged.
 */
export class IllegalReferenceCountError extends Error {
  override readonly name = 'IllegalReferenceCountError';
  /** The object's name: its class, or its own `toString()`. */
  readonly resourceName: string;
  /** The count when the misuse happened. */
  readonly refCnt: number;
  /** What was attempted. */
  readonly operation: 'retain' | 'release' | 'access';
  /** The increment or decrement asked for (undefined for `access`). */
  readonly amount: number | undefined;
  /** The stack of the release that freed the object, when the leak detector tracked it. */
  readonly releaseStack: string | undefined;

  constructor(
    resourceName: string,
    refCnt: number,
    operation: 'retain' | 'release' | 'access',
    amount: number | undefined,
    releaseStack: string | undefined,
    problem?: string,
  ) {
    const delta =
      operation === 'access'
        ? ''
        : `, ${operation === 'retain' ? 'increment' : 'decrement'}: ${String(amount)}`;
    let message = `${resourceName}: refCnt: ${String(refCnt)}${delta}`;
    if (problem !== undefined) message += ` (${problem})`;
    if (releaseStack !== undefined) message += `\nIt was released at:\n${releaseStack}`;
    else if (refCnt === 0) {
      message += `\n(Set RESOURCE_LEAK_DETECTION=paranoid to see where it was released.)`;
    }
    super(message);
    this.resourceName = resourceName;
    this.refCnt = refCnt;
    this.operation = operation;
    this.amount = amount;
    this.releaseStack = releaseStack;
  }
}

/**
 * Netty's AbstractReferenceCounted: the count starts at 1, `release()` returns true exactly once,
 * when the count reaches 0 and `deallocate()` has run (synchronously). Misuse throws an
 * IllegalReferenceCountError and changes nothing. `using` (or `[Symbol.dispose]()`) releases one
 * reference.
 *
 * The leak detector may track the object from its allocation (see ResourceLeakDetector).
 */
export abstract class AbstractReferenceCounted implements ReferenceCounted, Disposable {
  #refCnt = 1;
  readonly #leak: ResourceLeakTracker | undefined;

  constructor() {
    this.#leak = ResourceLeakDetector.track(this, AbstractReferenceCounted);
  }

  /** Frees what the object holds. Called once, when the count reaches 0. */
  protected abstract deallocate(): void;

  refCnt(): number {
    return this.#refCnt;
  }

  retain(increment = 1): this {
    const count = this.#refCnt;
    if (!Number.isSafeInteger(increment) || increment <= 0) {
      throw this.#misuse('retain', increment, 'expected: an integer > 0');
    }
    if (count === 0) throw this.#misuse('retain', increment);
    if (count > Number.MAX_SAFE_INTEGER - increment) {
      throw this.#misuse('retain', increment, 'overflow');
    }
    this.#refCnt = count + increment;
    this.#leak?.record(`retain(${String(increment)}): refCnt ${String(this.#refCnt)}`);
    return this;
  }

  release(decrement = 1): boolean {
    const count = this.#refCnt;
    if (!Number.isSafeInteger(decrement) || decrement <= 0) {
      throw this.#misuse('release', decrement, 'expected: an integer > 0');
    }
    if (count < decrement) throw this.#misuse('release', decrement);
    this.#refCnt = count - decrement;
    if (count !== decrement) {
      this.#leak?.record(`release(${String(decrement)}): refCnt ${String(this.#refCnt)}`);
      return false;
    }
    this.#leak?.close();
    this.deallocate();
    return true;
  }

  touch(hint?: unknown): this {
    this.#leak?.record(hint);
    return this;
  }

  /** Throws (with the release stack when known) if the object is already freed. For subclasses' methods. */
  protected ensureAccessible(): void {
    if (this.#refCnt === 0) throw this.#misuse('access', undefined);
  }

  [Symbol.dispose](): void {
    this.release();
  }

  #misuse(
    operation: 'retain' | 'release' | 'access',
    amount: number | undefined,
    problem?: string,
  ): IllegalReferenceCountError {
    return new IllegalReferenceCountError(
      describeResource(this),
      this.#refCnt,
      operation,
      amount,
      this.#leak?.releaseStack,
      problem,
    );
  }
}
