import path from 'node:path';
import ts from 'typescript';

// The TypeScript checker over programs held in memory, with the fixture project's options.

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

/**
 * Type errors of each program (path -> text), each compiled as its own module so that the
 * programs' classes do not clash; paths next to tests/fixtures/file.ts resolve its packages.
 */
export function typeErrorsOf(programs: Map<string, string>): Map<string, string[]> {
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

