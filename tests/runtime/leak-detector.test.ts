import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AbstractReferenceCounted,
  LEAK_WARNING_CODE,
  ResourceLeakDetector,
  type LeakDetectorOptions,
  type LeakReport,
} from '../../src/runtime/index.js';

class PooledBuffer extends AbstractReferenceCounted {
  protected deallocate(): void {
    // returns nothing to a pool in this test
  }
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** Drops what was allocated, collects, and waits for FinalizationRegistry callbacks (bounded). */
async function collectUntil(done: () => boolean, attempts = 50): Promise<void> {
  if (collectGarbage === undefined) throw new Error('run with --expose-gc (vitest.config.ts passes it)');
  for (let attempt = 0; attempt < attempts && !done(); attempt += 1) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Allocated in named functions so the allocation site is recognizable in the stack.
function allocateAndDropHere(): void {
  new PooledBuffer().touch('decoded frame header');
}
function allocateAndReleaseHere(): void {
  new PooledBuffer().release();
}

let saved: Required<LeakDetectorOptions>;
let reports: LeakReport[];
let removeListener: () => void;
beforeEach(() => {
  saved = ResourceLeakDetector.configure({ level: 'paranoid' });
  reports = [];
  removeListener = ResourceLeakDetector.addListener((report) => reports.push(report));
});
afterEach(() => {
  removeListener();
  ResourceLeakDetector.configure(saved);
});

describe('ResourceLeakDetector under --expose-gc', () => {
  it('reports a dropped object with its allocation site', async () => {
    allocateAndDropHere();
    await collectUntil(() => reports.length > 0);
    expect(reports).toHaveLength(1);
    const report = reports[0];
    expect(report?.resourceName).toBe('PooledBuffer');
    expect(report?.allocationStack.split('\n')[0]).toMatch(/at new PooledBuffer|at allocateAndDropHere/);
    expect(report?.allocationStack).toMatch(/allocateAndDropHere .*leak-detector\.test\.ts:\d+:\d+/);
    expect(report?.allocationStack).not.toMatch(/AbstractReferenceCounted|trackResource/);
    expect(report?.message).toMatch(/^LEAK: PooledBuffer was garbage-collected without being released\.\nAllocated at:\n/);
  });

  it('at paranoid (and advanced) the report lists the last touch hints', async () => {
    allocateAndDropHere();
    await collectUntil(() => reports.length > 0);
    expect(reports[0]?.accessRecords.map((record) => record.hint)).toEqual(['decoded frame header']);
    expect(reports[0]?.message).toMatch(/Recent access records \(oldest first\):\n#1 decoded frame header:\n.*allocateAndDropHere/s);
  });

  it('keeps only the last 4 access records', async () => {
    (function touchManyTimes() {
      const buffer = new PooledBuffer();
      for (let step = 1; step <= 6; step += 1) buffer.touch(`step ${String(step)}`);
    })();
    await collectUntil(() => reports.length > 0);
    expect(reports[0]?.accessRecords.map((record) => record.hint)).toEqual(['step 3', 'step 4', 'step 5', 'step 6']);
  });

  it('at simple the report has no access records and says how to get them', async () => {
    ResourceLeakDetector.configure({ level: 'simple', samplingInterval: 1 });
    allocateAndDropHere();
    await collectUntil(() => reports.length > 0);
    expect(reports[0]?.accessRecords).toEqual([]);
    expect(reports[0]?.message).toMatch(/Set RESOURCE_LEAK_DETECTION=advanced to see where it was last touched\.$/);
  });

  it('does not report a released object', async () => {
    allocateAndReleaseHere();
    allocateAndDropHere();
    await collectUntil(() => reports.length > 0);
    // The dropped one proves finalizers ran; the released one never shows up.
    await collectUntil(() => false, 5);
    expect(reports.map((report) => report.allocationStack.includes('allocateAndReleaseHere'))).toEqual([false]);
  });

  it('reports nothing when disabled', async () => {
    ResourceLeakDetector.level = 'disabled';
    allocateAndDropHere();
    await collectUntil(() => false, 5);
    expect(reports).toEqual([]);
  });

  it('without a listener, warns through process.emitWarning with a code', async () => {
    removeListener();
    const warnings: (Error & { code?: string })[] = [];
    const onWarning = (warning: Error & { code?: string }) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      (function leakForTheWarning() {
        new PooledBuffer();
      })();
      await collectUntil(() => warnings.length > 0);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings[0]?.name).toBe('ResourceLeakWarning');
    expect(warnings[0]?.code).toBe(LEAK_WARNING_CODE);
    expect(warnings[0]?.message).toMatch(/^LEAK: PooledBuffer .*leakForTheWarning/s);
  });
});

describe('sampling', () => {
  it('tracks about 1 in samplingInterval allocations at simple', () => {
    ResourceLeakDetector.configure({ level: 'simple', samplingInterval: 4 });
    let tracked = 0;
    for (let index = 0; index < 4000; index += 1) {
      if (ResourceLeakDetector.track({}) !== undefined) tracked += 1;
    }
    // Binomial(4000, 1/4): mean 1000, sd ~27; 8 sd either way.
    expect(tracked).toBeGreaterThan(780);
    expect(tracked).toBeLessThan(1220);
  });

  it('tracks every allocation at paranoid and none when disabled', () => {
    ResourceLeakDetector.configure({ level: 'paranoid', samplingInterval: 1000 });
    expect(ResourceLeakDetector.track({})).toBeDefined();
    ResourceLeakDetector.level = 'disabled';
    expect(ResourceLeakDetector.track({})).toBeUndefined();
  });
});

describe('configuration', () => {
  it('defaults to Netty: simple, 1 in 128', async () => {
    const { DEFAULT_SAMPLING_INTERVAL } = await import('../../src/runtime/index.js');
    expect(DEFAULT_SAMPLING_INTERVAL).toBe(128);
    expect(saved).toEqual({ level: 'simple', samplingInterval: 128 });
  });

  it('rejects an unknown level or a bad interval, naming the allowed values', () => {
    expect(() => {
      ResourceLeakDetector.level = 'verbose' as 'simple';
    }).toThrow(new TypeError('ResourceLeakDetector.level must be one of disabled, simple, advanced, paranoid; got "verbose"'));
    expect(() => {
      ResourceLeakDetector.samplingInterval = 0;
    }).toThrow(new TypeError('ResourceLeakDetector.samplingInterval must be an integer >= 1; got 0'));
    expect(ResourceLeakDetector.level).toBe('paranoid');
  });

  it('reads the level and interval from the environment', () => {
    ResourceLeakDetector.configureFromEnvironment({
      RESOURCE_LEAK_DETECTION: 'Advanced',
      RESOURCE_LEAK_DETECTION_SAMPLING_INTERVAL: '16',
    });
    expect(ResourceLeakDetector.level).toBe('advanced');
    expect(ResourceLeakDetector.samplingInterval).toBe(16);
  });

  it('warns about a bad environment value and keeps the setting', async () => {
    const warning = new Promise<Error & { code?: string }>((resolve) => {
      process.once('warning', resolve);
    });
    ResourceLeakDetector.configureFromEnvironment({ RESOURCE_LEAK_DETECTION: 'loud' });
    const emitted = await warning;
    expect(emitted.code).toBe('RESOURCE_LEAK_CONFIG');
    expect(emitted.message).toBe(
      'RESOURCE_LEAK_DETECTION must be one of disabled, simple, advanced, paranoid; got "loud"; keeping level paranoid, sampling interval 128',
    );
    expect(ResourceLeakDetector.level).toBe('paranoid');
  });

  it('a child process picks the level from RESOURCE_LEAK_DETECTION', async () => {
    const { execFileSync } = await import('node:child_process');
    const output = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "import { ResourceLeakDetector } from './src/runtime/index.ts'; console.log(ResourceLeakDetector.level)",
      ],
      { env: { ...process.env, RESOURCE_LEAK_DETECTION: 'paranoid' }, encoding: 'utf8', timeout: 30_000 },
    );
    expect(output.trim()).toBe('paranoid');
  });
});

describe('census (trackLive)', () => {
  it('lists every live tracked object with its allocation site, whatever the level', () => {
    ResourceLeakDetector.level = 'disabled';
    const before = new PooledBuffer();
    using census = ResourceLeakDetector.trackLive();
    const kept = (function allocateKeptBuffer() {
      return new PooledBuffer();
    })();
    const released = new PooledBuffer();
    released.release();
    expect(census.size).toBe(1);
    const live = census.live();
    expect(live).toHaveLength(1);
    expect(live[0]?.resourceName).toBe('PooledBuffer');
    expect(live[0]?.allocationStack).toMatch(/allocateKeptBuffer/);
    expect(() => {
      census.assertNoneLive();
    }).toThrow(/^1 tracked object\(s\) were not released:\n#1 PooledBuffer allocated at:\n.*allocateKeptBuffer/s);
    kept.release();
    expect(census.size).toBe(0);
    census.assertNoneLive();
    before.release();
  });

  it('stops admitting after close, and keeps listing what it holds until freed', () => {
    ResourceLeakDetector.level = 'disabled';
    const census = ResourceLeakDetector.trackLive();
    const inside = new PooledBuffer();
    census.close();
    const outside = new PooledBuffer();
    expect(census.size).toBe(1);
    inside.release();
    outside.release();
    expect(census.size).toBe(0);
  });

  it('nested censuses both see an allocation', () => {
    using outer = ResourceLeakDetector.trackLive();
    using inner = ResourceLeakDetector.trackLive();
    const buffer = new PooledBuffer();
    expect([outer.size, inner.size]).toEqual([1, 1]);
    buffer.release();
    expect([outer.size, inner.size]).toEqual([0, 0]);
  });

  it('tracks resources that are not reference counted through track()/close()', () => {
    using census = ResourceLeakDetector.trackLive();
    const nativeHandle = { fd: 3 };
    const tracker = ResourceLeakDetector.track(nativeHandle);
    expect(census.live()[0]?.resourceName).toBe('Object');
    expect(tracker?.close()).toBe(true);
    expect(tracker?.close()).toBe(false);
    expect(census.size).toBe(0);
  });
});

describe('allocation sites do not keep the object alive', () => {
  beforeEach(() => {
    ResourceLeakDetector.level = 'paranoid';
  });
  it('with an explicit constructor that works after super()', async () => {
    class Framed extends AbstractReferenceCounted {
      readonly frames: number[];
      constructor(readonly capacity: number) {
        super();
        this.frames = new Array<number>(capacity).fill(0);
        this.touch('sized');
      }
      grow(): this {
        return this.touch(`grow to ${String(this.capacity * 2)}`);
      }
      protected deallocate(): void {
        this.frames.length = 0;
      }
    }
    (function allocateFramedHere() {
      new Framed(4).grow();
    })();
    // Objects dropped by earlier tests may be collected in the same GC; pick this test's own report.
    const framedReport = (): LeakReport | undefined =>
      reports.find((report) => report.allocationStack.includes('allocateFramedHere'));
    await collectUntil(() => framedReport() !== undefined);
    expect(framedReport()?.resourceName).toBe('Framed');
    expect(framedReport()?.accessRecords.map((record) => record.hint)).toEqual(['sized', 'grow to 8']);
  });
});
