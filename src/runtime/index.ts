/**
 * eslint-plugin-resource-leak/runtime: reference counting (Netty's contract), a leak detector with
 * a deterministic census, a swap-and-release slot, and `releaseResource`.
 *
 * Platform-neutral: it imports nothing from `node:*`, eslint or typescript, so it also runs in
 * browsers and workers (it needs Symbol.dispose, as Node 20 has).
 */
export {
  AbstractReferenceCounted,
  IllegalReferenceCountError,
  type ReferenceCounted,
} from './reference-counted.js';
export {
  DEFAULT_SAMPLING_INTERVAL,
  LEAK_WARNING_CODE,
  LEVEL_ENV,
  LeakCensus,
  ResourceLeakDetector,
  ResourceLeakTracker,
  SAMPLING_INTERVAL_ENV,
  describeResource,
  leakDetectionLevels,
  type AccessRecord,
  type LeakDetectionLevel,
  type LeakDetectorOptions,
  type LeakListener,
  type LeakReport,
  type TrackedResource,
} from './leak-detector.js';
export {
  ReferenceCountUtil,
  isAsyncDisposable,
  isDisposable,
  isReferenceCounted,
  isSecureContextLike,
  releaseResource,
  type SafeReleaseHook,
  type SecureContextLike,
} from './release.js';
export {
  AsyncOwnedSlot,
  OwnedSlot,
  SlotDisposedError,
  type AsyncOwnedSlotOptions,
  type OwnedSlotOptions,
} from './owned-slot.js';
