/** Messages of the fixer's suggestions; merged into the rule's meta.messages. */
export const fixMessages = {
  suggestReleaseAfterAssign:
    'Save the previous `{{target}}` in `{{old}}`, assign, then release it: `{{release}}`.',
  suggestKeepValue:
    'Assign `{{target}}` in statements of its own, release the previous value after it, and use `{{next}}` where the assigned value was used.',
  suggestBlockBody:
    "Turn the arrow function's body into a block that releases the previous `{{target}}` after the assignment.",
  suggestHoistObject:
    'Evaluate `{{object}}` once into `{{owner}}`, then release the previous `{{target}}` after the assignment.',
  suggestMoveRelease: 'Move the release of `{{target}}` after the assignment: `{{release}}`.',
  // Also for a release method that returns a promise (`close(): Promise<void>`); the id predates that.
  suggestUnawaitedAsyncDispose:
    'Release the previous `{{target}}` after the assignment without awaiting it (this function is not async, so the release finishes later and its errors are not seen here).',
  suggestCloseSecureContext:
    "Close the previous context after the swap. Safe only if no server still hands it out as its default context; otherwise hold it in `ReloadableSecureContext` from 'eslint-plugin-resource-leak/runtime/tls'.",
} as const;

export type FixMessageIds = keyof typeof fixMessages;
