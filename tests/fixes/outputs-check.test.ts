import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fixCases, repairedOutputs } from './fix-cases.js';
import { fixtureFile, fixturesDir } from './lint-harness.js';

// The fixed code must parse and type-check under `strict` with no error the original did not
// have, and typescript-eslint's strictTypeChecked must find nothing new in it (the native
// SecureContext close is typed `any`; `?.` only where the value may be empty).

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ['node'],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Each program as its own module (so that the cases' classes do not clash), next to file.ts. */
function typeErrorsOf(programs: Map<string, string>): Map<string, string[]> {
  const host = ts.createCompilerHost(compilerOptions);
  const original = {
    getSourceFile: host.getSourceFile.bind(host),
    fileExists: host.fileExists.bind(host),
    readFile: host.readFile.bind(host),
  };
  const textOf = (fileName: string): string | undefined => programs.get(path.resolve(fileName));
  host.fileExists = (fileName) => textOf(fileName) !== undefined || original.fileExists(fileName);
  host.readFile = (fileName) => textOf(fileName) ?? original.readFile(fileName);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = textOf(fileName);
    return text === undefined
      ? original.getSourceFile(fileName, languageVersion, ...rest)
      : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  const program = ts.createProgram([...programs.keys()], compilerOptions, host);
  const errors = new Map<string, string[]>();
  for (const fileName of programs.keys()) {
    const sourceFile = program.getSourceFile(fileName);
    if (!sourceFile) throw new Error(`not in the program: ${fileName}`);
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    errors.set(
      fileName,
      diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
    );
  }
  return errors;
}

/** What `after` reports that `before` did not (as a multiset of messages). */
function newMessages(before: readonly string[], after: readonly string[]): string[] {
  const remaining = [...before];
  return after.filter((message) => {
    const index = remaining.indexOf(message);
    if (index === -1) return true;
    remaining.splice(index, 1);
    return false;
  });
}

const pairs = fixCases.flatMap((testCase, caseIndex) =>
  repairedOutputs(testCase).map((output, outputIndex) => ({
    name: `${testCase.name ?? ''} (output ${String(outputIndex + 1)})`,
    input: testCase.code,
    output,
    inputFile: path.join(fixturesDir, `case-${String(caseIndex)}.ts`),
    outputFile: path.join(fixturesDir, `case-${String(caseIndex)}-fixed-${String(outputIndex)}.ts`),
  })),
);

describe('every fixed or suggested output', () => {
  it('covers every case', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(fixCases.length);
  });

  it('type-checks under strict with no new errors', () => {
    const programs = new Map<string, string>();
    for (const pair of pairs) {
      programs.set(pair.inputFile, `${pair.input}\nexport {};\n`);
      programs.set(pair.outputFile, `${pair.output}\nexport {};\n`);
    }
    const errors = typeErrorsOf(programs);
    const introduced = pairs.flatMap((pair) =>
      newMessages(errors.get(pair.inputFile) ?? [], errors.get(pair.outputFile) ?? []).map(
        (message) => `${pair.name}: ${message}`,
      ),
    );
    expect(introduced).toEqual([]);
  });

  it("adds nothing that typescript-eslint's strictTypeChecked reports", () => {
    const linter = new Linter({ configType: 'flat', cwd: fixturesDir });
    const config: Linter.Config[] = [
      ...(tseslint.configs.strictTypeChecked as Linter.Config[]),
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: fixturesDir } },
      },
    ];
    const reported = (code: string): string[] =>
      linter.verify(code, config, { filename: fixtureFile }).map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`);
    const introduced = pairs.flatMap((pair) =>
      newMessages(reported(pair.input), reported(pair.output)).map((message) => `${pair.name}: ${message}`),
    );
    expect(introduced).toEqual([]);
  }, 300_000);
});
