import type { ReleaseCall } from '../analysis/finding.js';

/** The native context's close(), typed so that typescript-eslint's strictTypeChecked accepts it. */
const secureContextClose = (old: string): string => `(${old}.context as { close(): void }).close()`;

export interface ReleaseStatementInput {
  release: ReleaseCall;
  /** The local holding the old value. */
  old: string;
  /** What the old value is compared with to skip releasing a value that is still live; none for `new` or an empty value. */
  sameAs: string | undefined;
  /** The old value may be null/undefined here. */
  mayBeEmpty: boolean;
  /** The statement runs inside an async function, so an asyncDispose can be awaited. */
  inAsync: boolean;
  /**
   * The release function or method may return a promise: await it in an async function, else mark
   * it dropped with `void` (outside an async function a method's release is offered as a suggestion only).
   */
  mayReturnPromise?: boolean;
  /** A release call already written by the user (moved from before the assignment), with `old` in it. */
  movedCall?: string;
}

/** The call expression that releases `old`; `?.` only where the value may be empty. */
export function releaseCallText(input: Omit<ReleaseStatementInput, 'sameAs'>): string {
  const { release, old, mayBeEmpty } = input;
  const dot = mayBeEmpty ? '?.' : '.';
  const member = mayBeEmpty ? '?.' : '';
  const settled = (call: string): string =>
    input.mayReturnPromise === true ? `${input.inAsync ? 'await' : 'void'} ${call}` : call;
  switch (release.kind) {
    case 'method':
      return settled(`${old}${dot}${release.name}()`);
    case 'dispose':
      return `${old}${member}[Symbol.dispose]()`;
    case 'asyncDispose':
      // Outside an async function nothing can await it; `void` says the promise is dropped on purpose.
      return `${input.inAsync ? 'await' : 'void'} ${old}${member}[Symbol.asyncDispose]()`;
    case 'function':
      return settled(`${release.name}(${old})`);
    case 'secureContext':
      return secureContextClose(old);
  }
}

/** Calls that take the old value as it is, so an empty value must be filtered out first. */
const needsValue = (release: ReleaseCall): boolean =>
  release.kind === 'function' || release.kind === 'secureContext';

/**
 * The statement after the assignment that releases the old value:
 * `if (oldF !== this.f) oldF?.release();`, or without the guard when the new value is fresh
 * (`new …`) or empty (`null`, `undefined`, `void 0`).
 */
export function releaseStatementText(input: ReleaseStatementInput): string {
  const call = input.movedCall ?? releaseCallText(input);
  const conditions: string[] = [];
  if (input.movedCall === undefined && input.mayBeEmpty && needsValue(input.release)) {
    conditions.push(input.old);
  }
  if (input.sameAs !== undefined) conditions.push(`${input.old} !== ${input.sameAs}`);
  return conditions.length > 0 ? `if (${conditions.join(' && ')}) ${call};` : `${call};`;
}
