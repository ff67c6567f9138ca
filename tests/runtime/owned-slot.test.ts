import { describe, expect, it } from 'vitest';
import {
  AbstractReferenceCounted,
  AsyncOwnedSlot,
  OwnedSlot,
  SlotDisposedError,
} from '../../src/runtime/index.js';

/** Logs what happens to it, so tests can assert the order of store and release. */
class Session implements Disposable {
  constructor(
    readonly name: string,
    readonly log: string[],
    readonly failOnDispose = false,
  ) {}
  [Symbol.dispose](): void {
    this.log.push(`dispose ${this.name}`);
    if (this.failOnDispose) throw new Error(`${this.name} refused to close`);
  }
  toString(): string {
    return `Session(${this.name})`;
  }
}

class Counted extends AbstractReferenceCounted {
  protected deallocate(): void {
    // nothing held
  }
}

describe('OwnedSlot', () => {
  it('starts with its initial value, or empty', () => {
    const log: string[] = [];
    const first = new Session('a', log);
    expect(new OwnedSlot(first).get()).toBe(first);
    expect(new OwnedSlot<Session>().get()).toBeUndefined();
  });

  it('set stores the new value before releasing the previous one', () => {
    const log: string[] = [];
    const slot = new OwnedSlot<Session>(new Session('a', log));
    const b = new Session('b', log);
    const a = slot.get();
    if (a === undefined) throw new Error('slot lost its initial value');
    a[Symbol.dispose] = () => {
      log.push(`dispose a while slot holds ${String(slot.get())}`);
    };
    slot.set(b);
    expect(log).toEqual(['dispose a while slot holds Session(b)']);
    expect(slot.get()).toBe(b);
  });

  it('set with the stored value does nothing', () => {
    const log: string[] = [];
    const a = new Session('a', log);
    const slot = new OwnedSlot(a);
    slot.set(a);
    expect(log).toEqual([]);
    expect(slot.get()).toBe(a);
  });

  it('set(undefined) empties the slot and releases the old value', () => {
    const log: string[] = [];
    const slot = new OwnedSlot(new Session('a', log));
    slot.set(undefined);
    expect(slot.get()).toBeUndefined();
    expect(log).toEqual(['dispose a']);
  });

  it('if releasing the old value throws, the new value stays stored', () => {
    const log: string[] = [];
    const slot = new OwnedSlot(new Session('a', log, true));
    const b = new Session('b', log);
    expect(() => {
      slot.set(b);
    }).toThrow('a refused to close');
    expect(slot.get()).toBe(b);
  });

  it('releases reference-counted values with release()', () => {
    const first = new Counted();
    const slot = new OwnedSlot<Counted>(first);
    slot.set(new Counted());
    expect(first.refCnt()).toBe(0);
  });

  it('swap returns the previous value unreleased (ownership moves to the caller)', () => {
    const log: string[] = [];
    const a = new Session('a', log);
    const slot = new OwnedSlot(a);
    const b = new Session('b', log);
    expect(slot.swap(b)).toBe(a);
    expect(slot.get()).toBe(b);
    expect(log).toEqual([]);
  });

  it('take empties the slot without releasing', () => {
    const log: string[] = [];
    const a = new Session('a', log);
    const slot = new OwnedSlot(a);
    expect(slot.take()).toBe(a);
    expect(slot.get()).toBeUndefined();
    expect(log).toEqual([]);
  });

  it('dispose releases the value once and empties the slot', () => {
    const log: string[] = [];
    const slot = new OwnedSlot(new Session('a', log));
    slot[Symbol.dispose]();
    slot[Symbol.dispose]();
    expect(log).toEqual(['dispose a']);
    expect(slot.get()).toBeUndefined();
    expect(slot.isDisposed).toBe(true);
  });

  it('set after dispose releases the value passed in and throws', () => {
    const log: string[] = [];
    const slot = new OwnedSlot<Session>();
    slot[Symbol.dispose]();
    expect(() => {
      slot.set(new Session('late', log));
    }).toThrow(
      new SlotDisposedError(
        'OwnedSlot.set(Session(late)) on a disposed slot: the value was released instead of stored',
      ),
    );
    expect(log).toEqual(['dispose late']);
    expect(slot.get()).toBeUndefined();
  });

  it('swap after dispose releases the value passed in and throws', () => {
    const log: string[] = [];
    const slot = new OwnedSlot<Session>();
    slot[Symbol.dispose]();
    expect(() => slot.swap(new Session('late', log))).toThrow(SlotDisposedError);
    expect(log).toEqual(['dispose late']);
  });

  it('set after dispose reports both errors when releasing the late value also throws', () => {
    const log: string[] = [];
    const slot = new OwnedSlot<Session>();
    slot[Symbol.dispose]();
    let caught: unknown;
    try {
      slot.set(new Session('late', log, true));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AggregateError);
    const errors = (caught as AggregateError).errors as Error[];
    expect(errors[0]).toBeInstanceOf(SlotDisposedError);
    expect(errors[1]?.message).toBe('late refused to close');
  });

  it('refuses an async-only value before storing it, so the caller keeps it', () => {
    const pool = { async [Symbol.asyncDispose]() {} };
    const slot = new OwnedSlot<object>();
    expect(() => {
      slot.set(pool);
    }).toThrow(
      'Object can only be released asynchronously (it has [Symbol.asyncDispose] but no [Symbol.dispose] or release()); use AsyncOwnedSlot or await releaseResource()',
    );
    expect(slot.get()).toBeUndefined();
  });

  it('uses a custom release function when given one', () => {
    const closed: number[] = [];
    const slot = new OwnedSlot<number>(1, { release: (fd) => closed.push(fd) });
    slot.set(2);
    slot[Symbol.dispose]();
    expect(closed).toEqual([1, 2]);
  });
});

describe('AsyncOwnedSlot', () => {
  function asyncPool(name: string, log: string[]): AsyncDisposable & { name: string } {
    return {
      name,
      async [Symbol.asyncDispose]() {
        log.push(`closing ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`closed ${name}`);
      },
    };
  }

  it('stores synchronously, then awaits Symbol.asyncDispose of the previous value', async () => {
    const log: string[] = [];
    const a = asyncPool('a', log);
    const b = asyncPool('b', log);
    const slot = new AsyncOwnedSlot(a);
    const pending = slot.set(b);
    expect(slot.get()).toBe(b);
    await pending;
    expect(log).toEqual(['closing a', 'closed a']);
  });

  it('set with the stored value does nothing', async () => {
    const log: string[] = [];
    const a = asyncPool('a', log);
    const slot = new AsyncOwnedSlot(a);
    await slot.set(a);
    expect(log).toEqual([]);
  });

  it('keeps the new value when releasing the old rejects', async () => {
    const b = { async [Symbol.asyncDispose]() {} };
    const slot = new AsyncOwnedSlot<AsyncDisposable>({
      [Symbol.asyncDispose]: () => Promise.reject(new Error('flush failed')),
    });
    await expect(slot.set(b)).rejects.toThrow('flush failed');
    expect(slot.get()).toBe(b);
  });

  it('swap and take hand the value over unreleased', async () => {
    const log: string[] = [];
    const a = asyncPool('a', log);
    const b = asyncPool('b', log);
    const slot = new AsyncOwnedSlot(a);
    expect(await slot.swap(b)).toBe(a);
    expect(slot.take()).toBe(b);
    expect(log).toEqual([]);
  });

  it('async dispose releases the value; set afterwards releases the late value and rejects', async () => {
    const log: string[] = [];
    const slot = new AsyncOwnedSlot(asyncPool('a', log));
    await slot[Symbol.asyncDispose]();
    await slot[Symbol.asyncDispose]();
    await expect(slot.set(asyncPool('late', log))).rejects.toThrow(
      'AsyncOwnedSlot.set(Object) on a disposed slot: the value was released instead of stored',
    );
    expect(log).toEqual(['closing a', 'closed a', 'closing late', 'closed late']);
  });

  it('also releases synchronous resources', async () => {
    const first = new Counted();
    const slot = new AsyncOwnedSlot<Counted>(first);
    await slot.set(new Counted());
    expect(first.refCnt()).toBe(0);
  });
});
