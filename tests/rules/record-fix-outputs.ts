// Writes the fixer's current `output` and `suggestions` into the invalid cases of a RuleTester
// file, so that detection cases stay exact when src/fixes changes what it offers. Review the diff
// it makes: the recorded text becomes the spec.
//
//   npx tsx tests/rules/record-fix-outputs.ts tests/rules/no-unreleased-overwrite.test.ts
import { RuleTester, type InvalidTestCase, type RunTests } from '@typescript-eslint/rule-tester';
import parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import rule from '../../src/rules/no-unreleased-overwrite.js';

type Case = InvalidTestCase<string, readonly unknown[]>;

const testFile = path.resolve(process.argv[2] ?? 'tests/rules/no-unreleased-overwrite.test.ts');
const fixtures = path.resolve(import.meta.dirname, '../fixtures');

// Capture the cases instead of running them.
const captured: RunTests<string, readonly unknown[]>[] = [];
RuleTester.afterAll = () => undefined;
RuleTester.describe = (_name, run) => {
  run();
};
RuleTester.it = () => undefined;
RuleTester.itOnly = () => undefined;
RuleTester.prototype.run = function capture(_name, _rule, tests) {
  captured.push(tests);
};
await import(pathToFileURL(testFile).href);
if (captured.length === 0) throw new Error(`${testFile} did not call RuleTester.run`);

const linter = new Linter({ configType: 'flat', cwd: fixtures });

function lint(testCase: Case): Linter.LintMessage[] {
  const filename = testCase.filename ?? path.join(fixtures, 'file.ts');
  return linter.verify(
    testCase.code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: fixtures } },
        plugins: { subject: { rules: { rule: rule as never } } },
        rules: { 'subject/rule': ['error', ...(testCase.options ?? [])] as Linter.RuleEntry },
      },
    ],
    filename,
  );
}

/** One pass of non-overlapping fixes, as RuleTester applies them. */
function applyFixes(code: string, fixes: readonly Linter.LintMessage['fix'][]): string {
  let result = '';
  let last = -1;
  let cursor = 0;
  for (const fix of [...fixes].filter((each) => each !== undefined).sort((a, b) => a.range[0] - b.range[0])) {
    if (fix.range[0] <= last) continue;
    result += code.slice(cursor, fix.range[0]) + fix.text;
    cursor = fix.range[1];
    last = fix.range[1];
  }
  return result + code.slice(cursor);
}

/** RuleTester's `output`: one text per fix pass (re-linting between) until no fix is left. */
function fixedOutputs(testCase: Case, firstMessages: Linter.LintMessage[]): string[] {
  const outputs: string[] = [];
  let code = testCase.code;
  let messages = firstMessages;
  for (let pass = 0; pass < 10; pass++) {
    const fixes = messages.map((message) => message.fix);
    if (!fixes.some(Boolean)) break;
    code = applyFixes(code, fixes);
    outputs.push(code);
    messages = lint({ ...testCase, code }).filter((message) => message.ruleId === 'subject/rule');
  }
  return outputs;
}

const bufDeclarations = 'declare class Buf { refCnt(): number; release(): boolean }\ndeclare function alloc(): Buf;';

function templateOf(text: string, indent: string): string {
  const compact = text.replace(bufDeclarations, 'BUF');
  const escaped = compact.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  const body = escaped
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
  return `dedent(\`\n${body}\`)`;
}

// Find each invalid case object in the file, by name, with the TypeScript parser.
const source = readFileSync(testFile, 'utf8');
const sourceFile = ts.createSourceFile(testFile, source, ts.ScriptTarget.Latest, true);
const caseObjects = new Map<string, ts.ObjectLiteralExpression>();
const visit = (node: ts.Node): void => {
  if (ts.isPropertyAssignment(node) && node.name.getText() === 'invalid') {
    // `invalid: [...]` or `invalid: inFixture([...])`
    const array = ts.isCallExpression(node.initializer) ? node.initializer.arguments[0] : node.initializer;
    if (array && ts.isArrayLiteralExpression(array)) {
      for (const element of array.elements) {
        if (!ts.isObjectLiteralExpression(element)) continue;
        const name = property(element, 'name');
        if (name && ts.isStringLiteralLike(name.initializer)) caseObjects.set(name.initializer.text, element);
      }
    }
  }
  ts.forEachChild(node, visit);
};
visit(sourceFile);

function property(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find(
    (each): each is ts.PropertyAssignment => ts.isPropertyAssignment(each) && each.name.getText() === name,
  );
}

const edits: { start: number; end: number; text: string }[] = [];
function setProperty(object: ts.ObjectLiteralExpression, name: string, value: string | undefined, indent: string): void {
  const existing = property(object, name);
  if (existing) {
    const end = source[existing.end] === ',' ? existing.end + 1 : existing.end;
    edits.push(
      value === undefined
        ? { start: existing.getFullStart(), end, text: '' }
        : { start: existing.initializer.getStart(), end: existing.initializer.end, text: value },
    );
    return;
  }
  if (value === undefined) return;
  if (!object.getText().includes('\n')) {
    // A one-line object gets one property per line once it holds a multi-line value.
    const closing = indent.slice(2);
    const properties = object.properties.map((each) => `${indent}${each.getText()},`);
    edits.push({
      start: object.getStart(),
      end: object.end,
      text: `{\n${properties.join('\n')}\n${indent}${name}: ${value},\n${closing}}`,
    });
    return;
  }
  const last = object.properties[object.properties.length - 1];
  if (!last) return;
  const end = source[last.end] === ',' ? last.end + 1 : last.end;
  edits.push({ start: end, end, text: `${source[last.end] === ',' ? '' : ','}\n${indent}${name}: ${value},` });
}

let recorded = 0;
for (const testCase of captured.flatMap((tests) => tests.invalid) as readonly Case[]) {
  const object = testCase.name === undefined ? undefined : caseObjects.get(testCase.name);
  if (!object) continue;
  const messages = lint(testCase).filter((message) => message.ruleId === 'subject/rule');
  const outputs = fixedOutputs(testCase, messages);
  const [onlyOutput] = outputs;
  setProperty(
    object,
    'output',
    outputs.length === 0
      ? undefined
      : outputs.length === 1 && onlyOutput !== undefined
        ? templateOf(onlyOutput, '        ')
        : `[\n${outputs.map((output) => `        ${templateOf(output, '          ')},`).join('\n')}\n      ]`,
    '      ',
  );
  const errors = property(object, 'errors');
  if (errors && ts.isArrayLiteralExpression(errors.initializer)) {
    errors.initializer.elements.forEach((element, index) => {
      if (!ts.isObjectLiteralExpression(element)) return;
      const suggestions = messages[index]?.suggestions ?? [];
      const text =
        suggestions.length === 0
          ? undefined
          : `[\n${suggestions
              .map(
                (suggestion) =>
                  `            {\n              messageId: '${suggestion.messageId ?? ''}',\n              output: ${templateOf(
                  applyFixes(testCase.code, [suggestion.fix]),
                  '                ',
                )},\n            },`,
              )
              .join('\n')}\n          ]`;
      setProperty(element, 'suggestions', text, '          ');
    });
  }
  recorded++;
}

let updated = source;
for (const edit of edits.sort((a, b) => b.start - a.start)) {
  updated = updated.slice(0, edit.start) + edit.text + updated.slice(edit.end);
}
writeFileSync(testFile, updated);
console.log(`recorded ${String(recorded)} invalid cases (${String(edits.length)} edits) in ${testFile}`);
