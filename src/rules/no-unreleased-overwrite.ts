import { createRule } from './create-rule.js';
import { fixMessages, type FixMessageIds } from '../fixes/messages.js';
import type { Options } from './options.js';
import { defaultRuleOptions, optionsSchema } from './options.js';

export type MessageIds = 'overwrite' | 'releasedTooEarly' | 'releaseBeforeAssign' | FixMessageIds;

export const rule = createRule<Options, MessageIds>({
  name: 'no-unreleased-overwrite',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow overwriting a field that owns a release-able value without releasing the previous value',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: optionsSchema,
    defaultOptions: [defaultRuleOptions],
    messages: {
      ...fixMessages,
      overwrite:
        '`{{target}}` ({{type}}) is overwritten without releasing the previous value; call `{{release}}` on it after the assignment.',
      releasedTooEarly:
        '`{{target}}` ({{type}}) is released before an `await`/`yield` that runs before the new value is assigned, so other code can see the released value; release it after the assignment.',
      releaseBeforeAssign:
        '`{{target}}` ({{type}}) is released before the new value is assigned; if building the new value throws, the field keeps a released value. Release it after the assignment.',
    },
  },
  create() {
    return {};
  },
});

export default rule;
