import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import { typeOrValueSpecifiersSchema } from '@typescript-eslint/type-utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** How to release a value of a configured type. */
export type ReleaseSpec = { method: string } | { function: string; from?: string };

export interface TypeEntry {
  type: TypeOrValueSpecifier;
  release: ReleaseSpec | false;
}

export interface ReleaseWith {
  function: string;
  from?: string;
}

export type Order = 'any' | 'release-after-assign';

const orders: readonly string[] = ['any', 'release-after-assign'] satisfies Order[];

/**
 * Throws an error that names the option and its allowed values when `order` is none of them
 * (the schema only asks for a string, so that this message is the one the user sees).
 */
export function checkOrder(ruleId: string, order: string): void {
  if (orders.includes(order)) return;
  throw new Error(
    `${ruleId}: option "order" is ${JSON.stringify(order)}; it must be ${orders.map((value) => `"${value}"`).join(' or ')}.`,
  );
}

export interface RuleOptions {
  releaseMethods: string[];
  releaseFunctions: string[];
  types: TypeEntry[];
  order: Order;
  /** When set, the fix calls this function on the old value instead of a method. */
  releaseWith?: ReleaseWith;
  initMethods: string[];
}

export type Options = [RuleOptions];

export const defaultRuleOptions: RuleOptions = {
  releaseMethods: ['release', 'dispose', 'close', 'destroy', 'free'],
  releaseFunctions: [
    'ReferenceCountUtil.release',
    'ReferenceCountUtil.safeRelease',
    'clearTimeout',
    'clearInterval',
  ],
  types: [],
  order: 'any',
  initMethods: ['ngOnInit', 'onModuleInit', '@postConstruct', '@PostConstruct'],
};

const specifierItem = (typeOrValueSpecifiersSchema as { items: JSONSchema4 }).items;

const functionRelease: JSONSchema4 = {
  type: 'object',
  additionalProperties: false,
  required: ['function'],
  properties: {
    function: {
      type: 'string',
      minLength: 1,
      description: 'The function to call with the old value, e.g. "ReferenceCountUtil.release".',
    },
    from: {
      type: 'string',
      minLength: 1,
      description: 'The module that exports the function; the fix adds the import when it is missing.',
    },
  },
};

export const optionsSchema: JSONSchema4[] = [
  {
    type: 'object',
    additionalProperties: false,
    properties: {
      releaseMethods: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description:
          'Names of no-argument methods that release a value. Replaces the default list (release, dispose, close, destroy, free).',
      },
      releaseFunctions: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description:
          'Functions (plain or dotted names) that release the value passed as their first argument, e.g. "ReferenceCountUtil.release".',
      },
      types: {
        type: 'array',
        description:
          'Types that are release-able (or, with release: false, that are not), matched with typescript-eslint TypeOrValueSpecifiers.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'release'],
          properties: {
            type: { ...specifierItem, description: 'A TypeOrValueSpecifier naming the type.' },
            release: {
              description:
                'How to release it: { method } or { function, from }; false marks the type as not release-able.',
              oneOf: [
                {
                  type: 'object',
                  additionalProperties: false,
                  required: ['method'],
                  properties: {
                    method: {
                      type: 'string',
                      minLength: 1,
                      description: 'The no-argument method that releases the value.',
                    },
                  },
                },
                functionRelease,
                { type: 'boolean', enum: [false] },
              ],
            },
          },
        },
      },
      order: {
        // Checked by `checkOrder` rather than an `enum`: ESLint prints a schema error without the
        // property's name ("Value "x" should be equal to one of the allowed values"), which leaves
        // the user to guess which option is wrong.
        type: 'string',
        description:
          '"any" accepts releasing the old value before or after the assignment; "release-after-assign" reports every release that comes before it.',
      },
      releaseWith: {
        ...functionRelease,
        description:
          'A helper the autofix calls on the old value instead of a method, e.g. { function: "releaseResource", from: "eslint-plugin-resource-leak/runtime" }.',
      },
      initMethods: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description:
          'Methods that a framework calls once per instance, whose first assignments count like the constructor\'s. "@name" matches methods decorated with @name.',
      },
    },
  },
];
