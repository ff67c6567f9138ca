import { RuleTester } from '@typescript-eslint/rule-tester';
import { AST_NODE_TYPES, ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Finding, FindingKind } from '../../src/analysis/finding.js';
import { planRepair } from '../../src/fixes/index.js';
import { fixMessages } from '../../src/fixes/messages.js';
import type { RuleOptions } from '../../src/rules/options.js';
import { fixtureFile, fixturesDir } from './lint-harness.js';

// planRepair on findings built here, for the places where no rewrite is safe and for shapes
// checked apart from detection (the rule's own cases for an object with side effects,
// `make().ctx = v`, are in tests/rules). A probe rule reports every store into a field named `ctx`
// with a `release()` method.

interface ProbeOptions {
  kind?: FindingKind;
  mayBeEmpty?: boolean;
}

type ProbeMessageIds = 'overwrite' | keyof typeof fixMessages;

/** The repaired store comes right after `const old… = …`: the probe, unlike the rule, would report it again. */
function followsSavedOldValue(assignment: TSESTree.AssignmentExpression): boolean {
  const statement = assignment.parent;
  const list = statement.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || !list || !('body' in list) || !Array.isArray(list.body)) {
    return false;
  }
  const body = list.body as TSESTree.Node[];
  const previous = body[body.indexOf(statement) - 1];
  return (
    previous?.type === AST_NODE_TYPES.VariableDeclaration &&
    previous.declarations.some(
      (declarator) => declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name.startsWith('old'),
    )
  );
}

const probe = ESLintUtils.RuleCreator.withoutDocs<[ProbeOptions], ProbeMessageIds>({
  meta: {
    type: 'problem',
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          kind: { type: 'string', enum: ['overwrite', 'releasedTooEarly', 'releaseBeforeAssign'] },
          mayBeEmpty: { type: 'boolean' },
        },
      },
    ],
    messages: { ...fixMessages, overwrite: '`{{target}}` is overwritten without releasing the previous value.' },
    defaultOptions: [{}],
  },
  create(context, [options]) {
    return {
      AssignmentExpression(assignment) {
        const left = assignment.left;
        if (
          left.type !== AST_NODE_TYPES.MemberExpression ||
          left.computed ||
          left.property.type !== AST_NODE_TYPES.Identifier ||
          left.property.name !== 'ctx' ||
          followsSavedOldValue(assignment)
        ) {
          return;
        }
        const finding: Finding = {
          kind: options.kind ?? 'overwrite',
          assignment: assignment as Finding['assignment'] & { left: TSESTree.MemberExpression },
          target: context.sourceCode.getText(left),
          fieldName: 'ctx',
          typeText: 'Ctx',
          release: { kind: 'method', name: 'release' },
          mayBeEmpty: options.mayBeEmpty ?? true,
          // The probe's programs never release the old value before the store.
          oldValueHandledOnSomePath: false,
          releaseRunsFieldListener: false,
          emptiesAfterOwnRefill: false,
        };
        context.report({
          node: left,
          messageId: 'overwrite',
          data: { target: finding.target },
          // The probe has no RuleOptions; planRepair reads only `releaseWith` from them.
          ...(planRepair(
            context as unknown as Readonly<TSESLint.RuleContext<string, readonly [RuleOptions]>>,
            finding,
          ) as Pick<TSESLint.ReportDescriptor<ProbeMessageIds>, 'fix' | 'suggest'>),
        });
      },
    };
  },
});

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fixturesDir } },
});

const holder = `interface Ctx {
  release(): boolean;
}
interface Holder {
  ctx: Ctx | undefined;
}
declare function build(): Ctx;
declare function buildAsync(): Promise<Ctx>;
declare function make(): Holder;
`;

ruleTester.run('planRepair on constructed findings', probe, {
  valid: [],
  invalid: [
    {
      name: 'an object with side effects is hoisted into a const (suggestion)',
      filename: fixtureFile,
      code: `${holder}
export function reload(): void {
  make().ctx = build();
}
`,
      output: null,
      errors: [
        {
          messageId: 'overwrite',
          line: 12,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestHoistObject',
              output: `${holder}
export function reload(): void {
  const ctxOwner = make();
  const oldCtx = ctxOwner.ctx;
  ctxOwner.ctx = build();
  if (oldCtx !== ctxOwner.ctx) oldCtx?.release();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a computed key with side effects, and an await: hoist, then build first (suggestion)',
      filename: fixtureFile,
      code: `${holder}
declare const holders: Holder[];
let cursor = 0;
export async function reload(): Promise<void> {
  holders[cursor++]!.ctx = await buildAsync();
}
`,
      output: null,
      errors: [
        {
          messageId: 'overwrite',
          line: 14,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestHoistObject',
              output: `${holder}
declare const holders: Holder[];
let cursor = 0;
export async function reload(): Promise<void> {
  const ctxOwner = holders[cursor++]!;
  const nextCtx = await buildAsync();
  const oldCtx = ctxOwner.ctx;
  ctxOwner.ctx = nextCtx;
  if (oldCtx !== nextCtx) oldCtx?.release();
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a hoisted object whose assigned value is returned (suggestion)',
      filename: fixtureFile,
      code: `${holder}
export function reload(): Ctx {
  return make().ctx = build();
}
`,
      output: null,
      errors: [
        {
          messageId: 'overwrite',
          line: 12,
          column: 10,
          suggestions: [
            {
              messageId: 'suggestHoistObject',
              output: `${holder}
export function reload(): Ctx {
  const ctxOwner = make();
  const nextCtx = build();
  const oldCtx = ctxOwner.ctx;
  ctxOwner.ctx = nextCtx;
  if (oldCtx !== nextCtx) oldCtx?.release();
  return nextCtx;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF line endings are kept',
      filename: fixtureFile,
      code: 'declare const holder: { ctx: { release(): boolean } };\r\nexport function reload(): void {\r\n  holder.ctx = { release: () => true };\r\n}\r\n',
      options: [{ mayBeEmpty: false }],
      output:
        'declare const holder: { ctx: { release(): boolean } };\r\nexport function reload(): void {\r\n  const oldCtx = holder.ctx;\r\n  holder.ctx = { release: () => true };\r\n  if (oldCtx !== holder.ctx) oldCtx.release();\r\n}\r\n',
      errors: [{ messageId: 'overwrite', line: 3, column: 3 }],
    },
    {
      name: 'an assignment that runs only sometimes (&&) has no safe rewrite',
      filename: fixtureFile,
      code: `${holder}
declare const holder: Holder;
export function reload(ready: boolean): void {
  if (ready && (holder.ctx = build())) console.log('reloaded');
}
`,
      output: null,
      errors: [{ messageId: 'overwrite', line: 13, column: 17 }],
    },
    {
      name: 'an assignment in a loop header has no safe rewrite',
      filename: fixtureFile,
      code: `${holder}
declare const holder: Holder;
export function reloadAll(times: number): void {
  for (let round = 0; round < times; round += 1, holder.ctx = build()) console.log(round);
}
`,
      output: null,
      errors: [{ messageId: 'overwrite', line: 13, column: 50 }],
    },
    {
      name: 'released too early, with no release statement to move: nothing is offered',
      filename: fixtureFile,
      code: `${holder}
declare const holder: Holder;
export async function reload(): Promise<void> {
  holder.ctx = await buildAsync();
}
`,
      options: [{ kind: 'releasedTooEarly' }],
      output: null,
      errors: [{ messageId: 'overwrite', line: 13, column: 3 }],
    },
  ],
});
