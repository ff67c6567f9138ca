/// <reference lib="esnext.disposable" preserve="true" />
// The declarations use Disposable and Symbol.dispose: consumers need them whatever their own `lib` says.
import { LEAK_WARNING_CODE, describeResource } from './leak-detector.js';
import type { ReferenceCounted } from './reference-counted.js';

/**
 * The shape of Node's `tls.SecureContext`, detected without importing `node:tls`:
 * its native handle (`context`) has a `close()` that frees the OpenSSL context at once.
 */
export interface SecureContextLike {
  context: { close: () => void };
}

function isObject(value: unknown): value is Record<PropertyKey, unknown> {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** True for objects with Netty's counting methods (`refCnt`, `retain`, `release`). */
export function isReferenceCounted(value: unknown): value is ReferenceCounted {
  return (
    isObject(value) &&
    typeof value.refCnt === 'function' &&
    typeof value.retain === 'function' &&
    typeof value.release === 'function'
  );
}

export function isDisposable(value: unknown): value is Disposable {
  return isObject(value) && typeof value[Symbol.dispose] === 'function';
}

export function isAsyncDisposable(value: unknown): value is AsyncDisposable {
  return isObject(value) && typeof value[Symbol.asyncDispose] === 'function';
}

export function isSecureContextLike(value: unknown): value is SecureContextLike {
  if (!isObject(value)) return false;
  const context = value.context;
  return isObject(context) && typeof context.close === 'function';
}

/**
 * Releases whatever `value` is, the one way that frees it:
 * - `null`/`undefined`: nothing, returns false;
 * - ReferenceCounted: `release()`, returns its result (true when this freed it);
 * - Disposable: `[Symbol.dispose]()`, returns true;
 * - AsyncDisposable (and not Disposable): returns the promise of `[Symbol.asyncDispose]()`;
 * - a `tls.SecureContext`: closes its native context, returns true;
 * - an object with a `release`, `dispose`, `close`, `destroy` or `free` method (the rule's default
 *   release methods, in that order): calls the first one with no arguments, returns true, or the
 *   promise when it returns one;
 * - anything else: nothing, returns false.
 *
 * The rule's `releaseWith` option can point at it:
 * `{ function: "releaseResource", from: "eslint-plugin-resource-leak/runtime" }`.
 */
export function releaseResource(value: unknown): boolean | Promise<void> {
  if (value === null || value === undefined) return false;
  if (isReferenceCounted(value)) return value.release();
  if (isDisposable(value)) {
    value[Symbol.dispose]();
    return true;
  }
  if (isAsyncDisposable(value)) return Promise.resolve(value[Symbol.asyncDispose]());
  if (isSecureContextLike(value)) {
    value.context.close();
    return true;
  }
  // The rule accepts these methods as releasing, so its `releaseWith: releaseResource` fix must too.
  const method = releaseMethodOf(value);
  if (method) {
    const result: unknown = method.call(value);
    return isPromiseLike(result) ? Promise.resolve(result).then(() => undefined) : true;
  }
  return false;
}

/** The rule's default release methods, in the order the rule's doc lists them. */
const releaseMethodNames = ['release', 'dispose', 'close', 'destroy', 'free'] as const;

function releaseMethodOf(value: unknown): ((this: unknown) => unknown) | undefined {
  if (!isObject(value)) return undefined;
  for (const name of releaseMethodNames) {
    const candidate = value[name];
    if (typeof candidate === 'function') return candidate as (this: unknown) => unknown;
  }
  return undefined;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return isObject(value) && typeof value.then === 'function';
}

/**
 * Releases `value` synchronously or throws a TypeError when it can only be released
 * asynchronously. Used by OwnedSlot, which must finish releasing before it returns.
 */
export function releaseResourceNow(value: unknown): boolean {
  if (value !== null && value !== undefined && !isReferenceCounted(value) && !isDisposable(value)) {
    if (isAsyncDisposable(value)) throw asyncOnlyError(value);
  }
  return releaseResource(value) === true;
}

export function asyncOnlyError(value: object): TypeError {
  return new TypeError(
    `${describeResource(value)} can only be released asynchronously (it has [Symbol.asyncDispose] but no [Symbol.dispose] or release()); use AsyncOwnedSlot or await releaseResource()`,
  );
}

/** Called by {@link ReferenceCountUtil.safeRelease} when a release throws. */
export type SafeReleaseHook = (error: unknown, value: unknown) => void;

function warnReleaseFailure(error: unknown, value: unknown): void {
  const name = typeof value === 'object' && value !== null ? describeResource(value) : typeof value;
  const reason = error instanceof Error ? error.message : String(error);
  const message = `Failed to release ${name}: ${reason}`;
  const host = (globalThis as {
    process?: { emitWarning?: (warning: string, options: { type: string; code: string }) => void };
  }).process;
  if (typeof host?.emitWarning === 'function') {
    host.emitWarning(message, {
      type: 'ResourceLeakWarning',
      code: `${LEAK_WARNING_CODE}_RELEASE_FAILED`,
    });
  } else {
    console.error(message);
  }
}

let safeReleaseHook: SafeReleaseHook = warnReleaseFailure;

function release(value: unknown, decrement = 1): boolean {
  return isReferenceCounted(value) ? value.release(decrement) : false;
}

/**
 * Netty's ReferenceCountUtil: the counting calls for values that may or may not be counted.
 * Non-counted values pass through untouched.
 */
export const ReferenceCountUtil = {
  /** `value.release(decrement)` for a ReferenceCounted value; false (and nothing done) otherwise. */
  release,

  /**
   * Like `release`, but never throws: a failure goes to the safe-release hook (by default a
   * process warning with code RESOURCE_LEAK_RELEASE_FAILED) and the result is false.
   */
  safeRelease(value: unknown, decrement = 1): boolean {
    try {
      return release(value, decrement);
    } catch (error) {
      try {
        safeReleaseHook(error, value);
      } catch {
        // The hook is the last resort; nothing is left to report its failure to.
      }
      return false;
    }
  },

  /** Replaces the hook that hears about safeRelease failures; returns the previous hook. */
  setSafeReleaseHook(hook: SafeReleaseHook): SafeReleaseHook {
    const previous = safeReleaseHook;
    safeReleaseHook = hook;
    return previous;
  },

  /** `value.retain(increment)` for a ReferenceCounted value; returns `value` either way. */
  retain<T>(value: T, increment = 1): T {
    if (isReferenceCounted(value)) value.retain(increment);
    return value;
  },

  /** `value.touch(hint)` when it has one; returns `value` either way. */
  touch<T>(value: T, hint?: unknown): T {
    if (isReferenceCounted(value) && typeof (value as { touch?: unknown }).touch === 'function') {
      value.touch(hint);
    }
    return value;
  },

  /** The count of a ReferenceCounted value, or -1 for anything else. */
  refCnt(value: unknown): number {
    return isReferenceCounted(value) ? value.refCnt() : -1;
  },

  /** The same function as the standalone {@link releaseResource}. */
  releaseResource,
};
