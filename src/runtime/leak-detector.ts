/// <reference lib="esnext.disposable" preserve="true" />
// The declarations use Disposable and Symbol.dispose: consumers need them whatever their own `lib` says.
/**
 * ResourceLeakDetector: Netty's leak detector for JavaScript, plus a deterministic census.
 *
 * Platform-neutral: no `node:*` import. `process` (for the environment and emitWarning) is reached
 * through `globalThis`, so the module also loads in browsers and workers.
 */

/** How much the detector does, from nothing to tracking every allocation with access records. */
export type LeakDetectionLevel = 'disabled' | 'simple' | 'advanced' | 'paranoid';

export const leakDetectionLevels: readonly LeakDetectionLevel[] = [
  'disabled',
  'simple',
  'advanced',
  'paranoid',
];

/** Netty samples 1 allocation in 128 at `simple` and `advanced`. */
export const DEFAULT_SAMPLING_INTERVAL = 128;

/** Netty keeps the last 4 access records per object; more costs memory for little insight. */
const MAX_ACCESS_RECORDS = 4;

/** Environment variables read once, when this module loads. */
export const LEVEL_ENV = 'RESOURCE_LEAK_DETECTION';
export const SAMPLING_INTERVAL_ENV = 'RESOURCE_LEAK_DETECTION_SAMPLING_INTERVAL';

/** The `code` of the warnings passed to `process.emitWarning`. */
export const LEAK_WARNING_CODE = 'RESOURCE_LEAK';

/** One access record: a `touch(hint)` (or retain/release at `advanced`) and where it happened. */
export interface AccessRecord {
  hint: string;
  stack: string;
}

/** What a leak report (or a census entry) says about one object. */
export interface TrackedResource {
  /** The object's name: its class name, or what its `toString()` returns. */
  resourceName: string;
  /** The stack where it was allocated, without the detector's own frames. */
  allocationStack: string;
  /** The last few access records, oldest first. Empty below `advanced`. */
  accessRecords: AccessRecord[];
}

export interface LeakReport extends TrackedResource {
  /** The formatted report, as it is passed to `process.emitWarning`. */
  message: string;
}

export type LeakListener = (report: LeakReport) => void;

interface ProcessLike {
  env?: Record<string, string | undefined>;
  emitWarning?: (warning: string, options: { type: string; code: string }) => void;
}

function hostProcess(): ProcessLike | undefined {
  return (globalThis as { process?: ProcessLike }).process;
}

/**
 * The stack of `error` without its first line ("Error") and without the detector's frames.
 * Reading `error.stack` is what makes V8 format it (~11 µs), so this runs only when reporting.
 */
function stackOf(error: Error): string {
  const stack = error.stack ?? '';
  const firstFrame = stack.indexOf('\n');
  return firstFrame === -1 ? '' : stack.slice(firstFrame + 1);
}

/** A function whose frame, and the frames above it, a captured stack leaves out. */
type StackBoundary = object;

const captureStackTrace = (Error as { captureStackTrace?: (target: object, boundary?: object) => void })
  .captureStackTrace;

/**
 * Captures the current stack without formatting it (formatting costs ~10x more, so it waits until
 * a report or an error needs the text). On V8 the stack is captured once, into an object that
 * inherits from Error.prototype, starting below `skipAbove`; other engines get a plain `new Error()`.
 */
function captureSite(skipAbove: StackBoundary | undefined): Error {
  if (captureStackTrace === undefined) return new Error();
  const site = Object.create(Error.prototype) as Error;
  captureStackTrace(site, skipAbove ?? captureSite);
  return site;
}

function hintText(hint: unknown): string {
  if (typeof hint === 'string') return hint;
  if (hint === undefined) return '(no hint)';
  if (typeof hint === 'number' || typeof hint === 'boolean' || typeof hint === 'bigint' || hint === null) {
    return String(hint);
  }
  if (typeof hint === 'symbol') return hint.toString();
  if (typeof hint === 'function') return `[function ${hint.name}]`;
  try {
    const text = (hint as { toString: () => string }).toString();
    return text === '[object Object]' ? JSON.stringify(hint) : text;
  } catch {
    return Object.prototype.toString.call(hint);
  }
}

/** The class name, available from the first line of a constructor (before subclass fields exist). */
function classNameOf(resource: object): string {
  const ctor = (resource as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' && ctor.name !== '' ? ctor.name : 'object';
}

/**
 * The name used in reports and errors: `toString()` when the class defines one, else the class name.
 */
export function describeResource(resource: object): string {
  try {
    const ownToString = (resource as { toString: unknown }).toString;
    if (typeof ownToString === 'function' && ownToString !== Object.prototype.toString) {
      return String(ownToString.call(resource));
    }
  } catch {
    // fall through to the class name
  }
  return classNameOf(resource);
}

/**
 * The per-object state the detector keeps. It never references the tracked object, so the
 * object stays collectable and the FinalizationRegistry can report it.
 */
class LeakRecord {
  /** Known at allocation; a leak report (the object is gone) names the object by it. */
  readonly className: string;
  readonly allocation: Error;
  readonly keepsAccessRecords: boolean;
  readonly accessRecords: { hint: unknown; stack: string }[] = [];
  /** Where the object was freed (or the tracker closed); set once. */
  released: Error | undefined;
  censuses: LeakCensus[] | undefined;
  /** Only for census entries: lets a census name a live object by its toString(), without keeping it alive. */
  liveObject: WeakRef<object> | undefined;

  constructor(className: string, allocation: Error, keepsAccessRecords: boolean) {
    this.className = className;
    this.allocation = allocation;
    this.keepsAccessRecords = keepsAccessRecords;
  }

  get resourceName(): string {
    const live = this.liveObject?.deref();
    return live === undefined ? this.className : describeResource(live);
  }

  describe(): TrackedResource {
    return {
      resourceName: this.resourceName,
      allocationStack: stackOf(this.allocation),
      accessRecords: this.accessRecords.map((record) => ({
        hint: hintText(record.hint),
        stack: record.stack,
      })),
    };
  }
}

function recordAccess(record: LeakRecord, hint: unknown): void {
  if (!record.keepsAccessRecords || record.released !== undefined) return;
  if (record.accessRecords.length === MAX_ACCESS_RECORDS) record.accessRecords.shift();
  const site = captureSite(recordAccess);
  // Format now, unlike the allocation site: until V8 formats a stack it keeps every frame's
  // receiver alive, and a touch()/retain() frame's receiver is the tracked object itself, so an
  // unformatted record would keep the object from ever being collected (and reported).
  record.accessRecords.push({ hint, stack: stackOf(site) });
}

function closeRecord(record: LeakRecord): boolean {
  if (record.released !== undefined) return false;
  record.released = captureSite(closeRecord);
  registry?.unregister(record);
  if (record.censuses !== undefined) {
    for (const census of record.censuses) census.forget(record);
    record.censuses = undefined;
  }
  return true;
}

/**
 * What the detector hands back for one tracked object (Netty's ResourceLeakTracker).
 * Call `close()` when the object is freed; a closed tracker keeps the stack of that call.
 */
export class ResourceLeakTracker {
  readonly #record: LeakRecord;

  /** @internal Created by {@link ResourceLeakDetector.track}. */
  constructor(record: LeakRecord) {
    this.#record = record;
  }

  /** Records an access (with a hint) when the level keeps access records; a no-op otherwise. */
  record(hint?: unknown): void {
    recordAccess(this.#record, hint);
  }

  /** Marks the object freed: it will not be reported, and leaves every census. False if already closed. */
  close(): boolean {
    return closeRecord(this.#record);
  }

  get isClosed(): boolean {
    return this.#record.released !== undefined;
  }

  /** Where `close()` was called (the object's final release), formatted; undefined while open. */
  get releaseStack(): string | undefined {
    const released = this.#record.released;
    return released === undefined ? undefined : stackOf(released);
  }

  get resourceName(): string {
    return this.#record.resourceName;
  }
}

/**
 * A deterministic list of the tracked objects allocated while it is open and not yet freed.
 * While any census is open every allocation is tracked, whatever the level or sampling.
 * It sees what the garbage collector does not (a native TLS context weighs 1 KiB to V8).
 */
export class LeakCensus implements Disposable {
  readonly #live = new Set<LeakRecord>();
  #open = true;

  /** @internal Use {@link ResourceLeakDetector.trackLive}. */
  constructor() {
    openCensuses.add(this);
    refreshTracking();
  }

  /** @internal */
  admit(record: LeakRecord): void {
    this.#live.add(record);
  }

  /** @internal */
  forget(record: LeakRecord): void {
    this.#live.delete(record);
  }

  /** How many tracked objects are live (allocated in this census and not freed). */
  get size(): number {
    return this.#live.size;
  }

  /** Every live object, in allocation order, with its allocation stack and access records. */
  live(): TrackedResource[] {
    return [...this.#live].map((record) => record.describe());
  }

  /** Throws an Error listing every live object with its allocation site; does nothing when none. */
  assertNoneLive(): void {
    if (this.#live.size === 0) return;
    const entries = this.live().map(
      (resource, index) =>
        `#${String(index + 1)} ${resource.resourceName} allocated at:\n${resource.allocationStack}`,
    );
    throw new Error(
      `${String(this.#live.size)} tracked object(s) were not released:\n${entries.join('\n')}`,
    );
  }

  /** Stops admitting new allocations. The objects it already lists stay listed until freed. */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    openCensuses.delete(this);
    refreshTracking();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

const listeners = new Set<LeakListener>();
const openCensuses = new Set<LeakCensus>();
/** Allocation sites already reported through process.emitWarning, as Netty dedupes its log. */
const warnedSites = new Set<string>();
const MAX_WARNED_SITES = 1024;

let level: LeakDetectionLevel = 'simple';
let samplingInterval = DEFAULT_SAMPLING_INTERVAL;
/** False when neither the level nor a census asks for tracking: the allocation fast path. */
let trackingActive = true;

function refreshTracking(): void {
  trackingActive = level !== 'disabled' || openCensuses.size > 0;
}

function reportLeak(record: LeakRecord): void {
  const described = record.describe();
  let message = `LEAK: ${described.resourceName} was garbage-collected without being released.\nAllocated at:\n${described.allocationStack}`;
  if (described.accessRecords.length > 0) {
    const records = described.accessRecords.map(
      (access, index) => `#${String(index + 1)} ${access.hint}:\n${access.stack}`,
    );
    message += `\nRecent access records (oldest first):\n${records.join('\n')}`;
  } else if (!record.keepsAccessRecords) {
    message += `\nSet ${LEVEL_ENV}=advanced to see where it was last touched.`;
  }
  const report: LeakReport = { ...described, message };
  if (listeners.size > 0) {
    for (const listener of listeners) {
      try {
        listener(report);
      } catch (error) {
        // A broken listener must not hide the next report or crash the finalizer.
        console.error('ResourceLeakDetector listener threw:', error);
      }
    }
    return;
  }
  if (warnedSites.has(described.allocationStack)) return;
  if (warnedSites.size < MAX_WARNED_SITES) warnedSites.add(described.allocationStack);
  const host = hostProcess();
  if (typeof host?.emitWarning === 'function') {
    host.emitWarning(message, { type: 'ResourceLeakWarning', code: LEAK_WARNING_CODE });
  } else {
    console.error(message);
  }
}

const registry =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<LeakRecord>((record) => {
        if (record.released === undefined) reportLeak(record);
      })
    : undefined;

function parseLevel(value: string, source: string): LeakDetectionLevel {
  const normalized = value.trim().toLowerCase();
  const found = leakDetectionLevels.find((candidate) => candidate === normalized);
  if (found === undefined) {
    throw new TypeError(
      `${source} must be one of ${leakDetectionLevels.join(', ')}; got ${JSON.stringify(value)}`,
    );
  }
  return found;
}

function checkSamplingInterval(value: number, source: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`${source} must be an integer >= 1; got ${String(value)}`);
  }
  return value;
}

function trackResource(resource: object, skipAbove?: StackBoundary): ResourceLeakTracker | undefined {
  if (!trackingActive) return undefined;
  const sampled =
    level === 'paranoid' ||
    (level !== 'disabled' && (samplingInterval === 1 || Math.random() * samplingInterval < 1));
  if (!sampled && openCensuses.size === 0) return undefined;
  const record = new LeakRecord(
    classNameOf(resource),
    captureSite(skipAbove ?? trackResource),
    level === 'advanced' || level === 'paranoid',
  );
  if (sampled) registry?.register(resource, record, record);
  if (openCensuses.size > 0) {
    if (typeof WeakRef === 'function') record.liveObject = new WeakRef(resource);
    record.censuses = [...openCensuses];
    for (const census of record.censuses) census.admit(record);
  }
  return new ResourceLeakTracker(record);
}

/** Options accepted by {@link ResourceLeakDetector.configure}. */
export interface LeakDetectorOptions {
  level?: LeakDetectionLevel;
  samplingInterval?: number;
}

/**
 * The process-wide leak detector. Levels, as in Netty:
 * - `disabled`: nothing is tracked (a census still tracks what is allocated while it is open);
 * - `simple`: 1 allocation in `samplingInterval` is tracked; a leak report names its allocation site;
 * - `advanced`: as simple, and the last few `touch()`/retain/release calls are recorded;
 * - `paranoid`: every allocation is tracked, with access records.
 */
export const ResourceLeakDetector = {
  get level(): LeakDetectionLevel {
    return level;
  },
  set level(next: LeakDetectionLevel) {
    level = parseLevel(next, 'ResourceLeakDetector.level');
    refreshTracking();
  },
  get samplingInterval(): number {
    return samplingInterval;
  },
  set samplingInterval(next: number) {
    samplingInterval = checkSamplingInterval(next, 'ResourceLeakDetector.samplingInterval');
  },

  /** Sets the level and/or the sampling interval; returns the previous settings for restoring. */
  configure(options: LeakDetectorOptions): Required<LeakDetectorOptions> {
    const previous = { level, samplingInterval };
    if (options.samplingInterval !== undefined) this.samplingInterval = options.samplingInterval;
    if (options.level !== undefined) this.level = options.level;
    return previous;
  },

  /**
   * Reads RESOURCE_LEAK_DETECTION (a level) and RESOURCE_LEAK_DETECTION_SAMPLING_INTERVAL.
   * Runs once at load; an invalid value is reported as a warning and the setting is kept.
   */
  configureFromEnvironment(env: Record<string, string | undefined> | undefined = hostProcess()?.env): void {
    const levelValue = env?.[LEVEL_ENV];
    const intervalValue = env?.[SAMPLING_INTERVAL_ENV];
    try {
      if (intervalValue !== undefined && intervalValue !== '') {
        this.samplingInterval = checkSamplingInterval(Number(intervalValue), SAMPLING_INTERVAL_ENV);
      }
      if (levelValue !== undefined && levelValue !== '') this.level = parseLevel(levelValue, LEVEL_ENV);
    } catch (error) {
      const host = hostProcess();
      const message = `${(error as Error).message}; keeping level ${level}, sampling interval ${String(samplingInterval)}`;
      if (typeof host?.emitWarning === 'function') {
        host.emitWarning(message, { type: 'ResourceLeakWarning', code: 'RESOURCE_LEAK_CONFIG' });
      } else {
        console.error(message);
      }
    }
  },

  /**
   * Starts tracking `resource` when the level and sampling say so, or a census is open.
   * Returns undefined when it is not tracked. `skipAbove` (a function) hides its own frame and the
   * ones above it from the allocation stack.
   */
  track: trackResource,

  /** Opens a census: every tracked object allocated from now on is listed until it is freed. */
  trackLive(): LeakCensus {
    return new LeakCensus();
  },

  /**
   * Sends leak reports to `listener` instead of process.emitWarning (every report, no dedupe).
   * Returns a function that removes it.
   */
  addListener(listener: LeakListener): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

ResourceLeakDetector.configureFromEnvironment();
