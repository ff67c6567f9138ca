/** Messages of the fixer's suggestions; merged into the rule's meta.messages. */
export const fixMessages = {} as const;

export type FixMessageIds = keyof typeof fixMessages;
