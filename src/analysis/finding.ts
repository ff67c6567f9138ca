import type { TSESTree } from '@typescript-eslint/utils';
import type { OverwriteAssignment } from './field-target.js';

/**
 * How the old value of a field is released. Decided from the field's type (and the rule's
 * `types`/`releaseWith` options) by src/analysis; turned into text by src/fixes.
 */
export type ReleaseCall =
  /** `old.name()`: a no-argument method such as release/dispose/close/destroy/free. */
  | { kind: 'method'; name: string }
  /** `old[Symbol.dispose]()` */
  | { kind: 'dispose' }
  /** `await old[Symbol.asyncDispose]()` */
  | { kind: 'asyncDispose' }
  /** `fn(old)`, with `import { fn } from 'from'` added when missing (dotted names import the first part). */
  | { kind: 'function'; name: string; from?: string }
  /** Node's `tls.SecureContext`: its native `context.close()`, typed `any`. */
  | { kind: 'secureContext' };

/** Why the assignment is reported. */
export type FindingKind =
  /** the old value is dropped on some path */
  | 'overwrite'
  /** released first, but an await/yield lies between that release and the completed store */
  | 'releasedTooEarly'
  /** released first while `order: "release-after-assign"` is on */
  | 'releaseBeforeAssign';

/** Everything the fixer needs to know about one reported store; produced once by the rule. */
export interface Finding {
  kind: FindingKind;
  /**
   * The reported assignment (`=` or `&&=`). Its left side is a MemberExpression, possibly inside
   * type wrappers (`(this.f as T) = v`): `storedMemberOf` gives the member.
   */
  assignment: OverwriteAssignment;
  /** Source text naming the field as written, e.g. `this.sslContext`, `this.#ctx`, `Negotiator.ctx`. */
  target: string;
  /** The field's name without `#`, used to build `old<Field>`/`next<Field>`. */
  fieldName: string;
  /** The field's declared type, as the checker prints it (for messages). */
  typeText: string;
  release: ReleaseCall;
  /** True when the old value may be null/undefined here: nullable type, or possibly unassigned. */
  mayBeEmpty: boolean;
  /**
   * For releasedTooEarly/releaseBeforeAssign: the statement that released the old value before the
   * assignment (`this.f.release();` or `this.f?.release();`), when there is exactly one in the same
   * statement list; the fixer may move it after the assignment.
   */
  earlyRelease?: TSESTree.ExpressionStatement;
  /**
   * Only for `secureContext`: true when the class reads the field afresh for every handshake
   * (in an SNICallback, or passed to each TLSSocket), so closing the old context after the swap is
   * safe. False means a server may still hand the old context out: suggestion only.
   */
  perConnectionSource?: boolean;
  /**
   * True when the old value is released or handed off on some paths to the assignment but not on
   * all (`if (flag) this.f.release(); this.f = make();`): a release added after the assignment
   * would release it twice on those paths, so the fixer offers nothing. Decided by the path
   * analysis (src/analysis/old-value-paths.ts), the one place that knows every path.
   */
  oldValueHandledOnSomePath: boolean;
  /**
   * True when the class adds a listener to the values it stores into the field, and that listener
   * stores into the field (`this.conn.on('close', () => { this.conn = undefined; })`): releasing the
   * old value after the store runs the old value's listener, which would empty the field that now
   * holds the new value. Reported, with no fix (src/analysis/own-handlers.ts).
   */
  releaseRunsFieldListener: boolean;
  /**
   * True for an emptying store after a call of an own method that may store a new value into the
   * field (`this.processTimeline(); this.timer = undefined`, where the call re-arms the timer): the
   * store drops what the call stored, but releasing it would undo the call's work. Reported, with
   * no fix: the repair is to empty the field before the call (decided by the path analysis,
   * src/analysis/old-value-paths.ts).
   */
  emptiesAfterOwnRefill: boolean;
  /**
   * True when the field may hold a value its class does not own alone: its initializer or some
   * store of the class puts there a value something else keeps (another field's, a module-level or
   * imported one such as `http.globalAgent`). The store is reported, but a release after it may
   * free what the other holder still uses, so the fixer offers nothing (src/analysis/borrowed-value.ts).
   */
  oldValueMayBeBorrowed?: boolean;
}
