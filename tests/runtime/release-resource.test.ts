import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import {
  AbstractReferenceCounted,
  ReferenceCountUtil,
  isSecureContextLike,
  releaseResource,
} from '../../src/runtime/index.js';

class Counted extends AbstractReferenceCounted {
  freed = false;
  protected deallocate(): void {
    this.freed = true;
  }
}

describe('releaseResource', () => {
  it('is the same function on ReferenceCountUtil', () => {
    expect(ReferenceCountUtil.releaseResource).toBe(releaseResource);
  });

  it('does nothing for null and undefined', () => {
    expect(releaseResource(null)).toBe(false);
    expect(releaseResource(undefined)).toBe(false);
  });

  it('releases one reference of a ReferenceCounted value and returns whether it was freed', () => {
    const counted = new Counted().retain();
    expect(releaseResource(counted)).toBe(false);
    expect(releaseResource(counted)).toBe(true);
    expect(counted.freed).toBe(true);
  });

  it('disposes a Disposable', () => {
    let disposed = 0;
    const timer = {
      [Symbol.dispose]() {
        disposed += 1;
      },
    };
    expect(releaseResource(timer)).toBe(true);
    expect(disposed).toBe(1);
  });

  it('prefers release() when a value is both counted and Disposable', () => {
    const counted = new Counted().retain();
    expect(releaseResource(counted)).toBe(false);
    expect(counted.refCnt()).toBe(1);
  });

  it('returns the promise of an AsyncDisposable', async () => {
    const steps: string[] = [];
    const pool = {
      async [Symbol.asyncDispose]() {
        await Promise.resolve();
        steps.push('closed');
      },
    };
    const result = releaseResource(pool);
    expect(result).toBeInstanceOf(Promise);
    expect(steps).toEqual([]);
    await result;
    expect(steps).toEqual(['closed']);
  });

  it('closes the native context of a real tls.SecureContext, detected by shape', () => {
    const secureContext = createSecureContext();
    expect(isSecureContextLike(secureContext)).toBe(true);
    let closed = 0;
    const native = secureContext.context as { close: () => void };
    const close = native.close.bind(native);
    native.close = () => {
      closed += 1;
      close();
    };
    expect(releaseResource(secureContext)).toBe(true);
    expect(closed).toBe(1);
  });

  it('calls the first release method the rule knows (release, dispose, close, destroy, free)', () => {
    const calls: string[] = [];
    const socketLike = {
      close() {
        calls.push('close');
      },
      destroy() {
        calls.push('destroy');
      },
    };
    expect(releaseResource(socketLike)).toBe(true);
    expect(calls).toEqual(['close']);
    const tensorLike = {
      free() {
        calls.push('free');
      },
    };
    expect(releaseResource(tensorLike)).toBe(true);
    expect(calls).toEqual(['close', 'free']);
  });

  it('returns the promise of a release method that returns one', async () => {
    let closed = false;
    const pool = {
      close: async () => {
        await Promise.resolve();
        closed = true;
      },
    };
    const result = releaseResource(pool);
    expect(result).toBeInstanceOf(Promise);
    await result;
    expect(closed).toBe(true);
  });

  it('leaves other values alone and returns false', () => {
    expect(releaseResource(42)).toBe(false);
    expect(releaseResource({ context: {} })).toBe(false);
    expect(releaseResource({ release: 'not a function' })).toBe(false);
  });

  it('lets a release error propagate', () => {
    const broken = {
      [Symbol.dispose]() {
        throw new Error('disk gone');
      },
    };
    expect(() => releaseResource(broken)).toThrow('disk gone');
  });
});
