import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AbstractReferenceCounted,
  IllegalReferenceCountError,
  ReferenceCountUtil,
  ResourceLeakDetector,
  type LeakDetectorOptions,
} from '../../src/runtime/index.js';

/** A pooled buffer as a user would write one: deallocate returns its memory to the pool. */
class PooledBuffer extends AbstractReferenceCounted {
  deallocations = 0;
  read(): number {
    this.ensureAccessible();
    return 42;
  }
  protected deallocate(): void {
    this.deallocations += 1;
  }
}

class NamedConnection extends AbstractReferenceCounted {
  constructor(readonly id: number) {
    super();
  }
  override toString(): string {
    return `NamedConnection(${String(this.id)})`;
  }
  protected deallocate(): void {
    // nothing to free
  }
}

function misuse(action: () => unknown): IllegalReferenceCountError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(IllegalReferenceCountError);
    return error as IllegalReferenceCountError;
  }
  throw new Error('expected an IllegalReferenceCountError');
}

let saved: Required<LeakDetectorOptions>;
beforeEach(() => {
  saved = ResourceLeakDetector.configure({ level: 'disabled' });
});
afterEach(() => {
  ResourceLeakDetector.configure(saved);
});

describe('AbstractReferenceCounted', () => {
  it('starts at refCnt 1, and release() returns true once, when deallocate() ran', () => {
    const buffer = new PooledBuffer();
    expect(buffer.refCnt()).toBe(1);
    expect(buffer.retain()).toBe(buffer);
    expect(buffer.refCnt()).toBe(2);
    expect(buffer.release()).toBe(false);
    expect(buffer.deallocations).toBe(0);
    expect(buffer.release()).toBe(true);
    expect(buffer.deallocations).toBe(1);
    expect(buffer.refCnt()).toBe(0);
  });

  it('retains and releases by n', () => {
    const buffer = new PooledBuffer();
    buffer.retain(4);
    expect(buffer.refCnt()).toBe(5);
    expect(buffer.release(3)).toBe(false);
    expect(buffer.release(2)).toBe(true);
    expect(buffer.deallocations).toBe(1);
  });

  it('over-release throws naming the object and the counts, and changes nothing', () => {
    const buffer = new PooledBuffer();
    const error = misuse(() => buffer.release(2));
    expect(error.message.split('\n')[0]).toBe('PooledBuffer: refCnt: 1, decrement: 2');
    expect(error.refCnt).toBe(1);
    expect(error.amount).toBe(2);
    expect(error.operation).toBe('release');
    expect(buffer.refCnt()).toBe(1);
    expect(buffer.deallocations).toBe(0);
    expect(buffer.release()).toBe(true);
    const again = misuse(() => buffer.release());
    expect(again.message.split('\n')[0]).toBe('PooledBuffer: refCnt: 0, decrement: 1');
    expect(buffer.deallocations).toBe(1);
  });

  it('retain after free throws and does not resurrect the object', () => {
    const buffer = new PooledBuffer();
    buffer.release();
    const error = misuse(() => buffer.retain());
    expect(error.message.split('\n')[0]).toBe('PooledBuffer: refCnt: 0, increment: 1');
    expect(buffer.refCnt()).toBe(0);
  });

  it('n <= 0 or not an integer throws and leaves the count', () => {
    const buffer = new PooledBuffer();
    expect(misuse(() => buffer.release(0)).message).toBe(
      'PooledBuffer: refCnt: 1, decrement: 0 (expected: an integer > 0)',
    );
    expect(misuse(() => buffer.retain(-1)).message).toBe(
      'PooledBuffer: refCnt: 1, increment: -1 (expected: an integer > 0)',
    );
    expect(misuse(() => buffer.retain(1.5)).message).toBe(
      'PooledBuffer: refCnt: 1, increment: 1.5 (expected: an integer > 0)',
    );
    expect(buffer.refCnt()).toBe(1);
  });

  it('refuses to overflow the count', () => {
    const buffer = new PooledBuffer();
    buffer.retain(Number.MAX_SAFE_INTEGER - 1);
    expect(misuse(() => buffer.retain()).message).toBe(
      `PooledBuffer: refCnt: ${String(Number.MAX_SAFE_INTEGER)}, increment: 1 (overflow)`,
    );
  });

  it("names the object by its own toString() when it has one", () => {
    const connection = new NamedConnection(7);
    connection.release();
    expect(misuse(() => connection.release()).message.split('\n')[0]).toBe(
      'NamedConnection(7): refCnt: 0, decrement: 1',
    );
  });

  it('ensureAccessible() lets subclasses refuse use after free', () => {
    const buffer = new PooledBuffer();
    expect(buffer.read()).toBe(42);
    buffer.release();
    const error = misuse(() => buffer.read());
    expect(error.operation).toBe('access');
    expect(error.message).toBe(
      'PooledBuffer: refCnt: 0\n(Set RESOURCE_LEAK_DETECTION=paranoid to see where it was released.)',
    );
  });

  it('use after release carries the stack of the release when the object was tracked', () => {
    ResourceLeakDetector.level = 'paranoid';
    const buffer = new PooledBuffer();
    (function releaseTheBufferHere() {
      buffer.release();
    })();
    const error = misuse(() => buffer.retain());
    expect(error.releaseStack).toMatch(/releaseTheBufferHere/);
    expect(error.message).toMatch(/^PooledBuffer: refCnt: 0, increment: 1\nIt was released at:\n.*releaseTheBufferHere/s);
  });

  it('touch() returns the object', () => {
    const buffer = new PooledBuffer();
    expect(buffer.touch('handed to the encoder')).toBe(buffer);
  });

  it('[Symbol.dispose]() releases one reference', () => {
    const buffer = new PooledBuffer();
    buffer.retain();
    buffer[Symbol.dispose]();
    expect(buffer.refCnt()).toBe(1);
    buffer[Symbol.dispose]();
    expect(buffer.deallocations).toBe(1);
    expect(() => {
      buffer[Symbol.dispose]();
    }).toThrow('PooledBuffer: refCnt: 0, decrement: 1');
  });

  it('deallocate runs synchronously within the final release', () => {
    const order: string[] = [];
    class Logged extends AbstractReferenceCounted {
      protected deallocate(): void {
        order.push('deallocate');
      }
    }
    const logged = new Logged();
    order.push('before');
    logged.release();
    order.push('after');
    expect(order).toEqual(['before', 'deallocate', 'after']);
  });
});

describe('ReferenceCountUtil', () => {
  it('release: counted values are released; others pass through and return false', () => {
    const buffer = new PooledBuffer();
    buffer.retain();
    expect(ReferenceCountUtil.release(buffer)).toBe(false);
    expect(ReferenceCountUtil.release(buffer)).toBe(true);
    expect(ReferenceCountUtil.release('text')).toBe(false);
    expect(ReferenceCountUtil.release(null)).toBe(false);
    expect(ReferenceCountUtil.release({ release: () => true })).toBe(false);
  });

  it('release(value, n) releases n', () => {
    const buffer = new PooledBuffer().retain(2);
    expect(ReferenceCountUtil.release(buffer, 3)).toBe(true);
  });

  it('release rethrows misuse', () => {
    const buffer = new PooledBuffer();
    buffer.release();
    expect(() => ReferenceCountUtil.release(buffer)).toThrow(IllegalReferenceCountError);
  });

  it('safeRelease never throws and tells its hook', () => {
    const heard: [unknown, unknown][] = [];
    const previous = ReferenceCountUtil.setSafeReleaseHook((error, value) => {
      heard.push([error, value]);
    });
    try {
      const buffer = new PooledBuffer();
      expect(ReferenceCountUtil.safeRelease(buffer)).toBe(true);
      expect(ReferenceCountUtil.safeRelease(buffer)).toBe(false);
      expect(heard).toHaveLength(1);
      expect(heard[0]?.[0]).toBeInstanceOf(IllegalReferenceCountError);
      expect(heard[0]?.[1]).toBe(buffer);
      expect(ReferenceCountUtil.safeRelease(42)).toBe(false);
      expect(heard).toHaveLength(1);
    } finally {
      ReferenceCountUtil.setSafeReleaseHook(previous);
    }
  });

  it('safeRelease survives a hook that throws', () => {
    const previous = ReferenceCountUtil.setSafeReleaseHook(() => {
      throw new Error('hook broke');
    });
    try {
      const buffer = new PooledBuffer();
      buffer.release();
      expect(ReferenceCountUtil.safeRelease(buffer)).toBe(false);
    } finally {
      ReferenceCountUtil.setSafeReleaseHook(previous);
    }
  });

  it('safeRelease reports through a process warning by default', async () => {
    const buffer = new PooledBuffer();
    buffer.release();
    const warning = new Promise<Error & { code?: string }>((resolve) => {
      process.once('warning', resolve);
    });
    expect(ReferenceCountUtil.safeRelease(buffer)).toBe(false);
    const emitted = await warning;
    expect(emitted.code).toBe('RESOURCE_LEAK_RELEASE_FAILED');
    expect(emitted.message).toMatch(/^Failed to release PooledBuffer: PooledBuffer: refCnt: 0, decrement: 1/);
  });

  it('retain and touch return the value, counted or not', () => {
    const buffer = new PooledBuffer();
    expect(ReferenceCountUtil.retain(buffer, 2)).toBe(buffer);
    expect(buffer.refCnt()).toBe(3);
    expect(ReferenceCountUtil.touch(buffer, 'hint')).toBe(buffer);
    const plain = { name: 'plain' };
    expect(ReferenceCountUtil.retain(plain)).toBe(plain);
    expect(ReferenceCountUtil.touch(plain)).toBe(plain);
  });

  it('refCnt is the count, or -1 for values that are not counted', () => {
    const buffer = new PooledBuffer();
    expect(ReferenceCountUtil.refCnt(buffer)).toBe(1);
    buffer.release();
    expect(ReferenceCountUtil.refCnt(buffer)).toBe(0);
    expect(ReferenceCountUtil.refCnt({})).toBe(-1);
    expect(ReferenceCountUtil.refCnt(undefined)).toBe(-1);
  });
});
