import { isBuiltin } from 'node:module';
import { relative } from 'node:path';
import type { Rule } from 'eslint';
import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';

/** Module imports in one file, and which of them the TypeScript program could not resolve. */
interface FileImports {
  total: number;
  unresolved: string[];
  /** The tsconfig the file was type-checked with, and whether its `types` list names node. */
  tsconfig: string | undefined;
  typesOption: readonly string[] | undefined;
}

/**
 * Collects, per linted file, how many imports resolve in the TypeScript program. An import that
 * does not resolve is typed `any`, and a typed rule cannot see through `any`: a clean result over
 * such code would be a false all-clear.
 */
export class TypeCoverage {
  private readonly files = new Map<string, FileImports>();

  /** An internal rule that records and never reports. */
  readonly probeRule = ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', messages: {}, schema: [], defaultOptions: [] },
    create: (context) => {
      const services = ESLintUtils.getParserServices(context);
      const checker = services.program.getTypeChecker();
      const imports: FileImports = {
        total: 0,
        unresolved: [],
        tsconfig: configFileOf(services.program.getCompilerOptions()),
        typesOption: services.program.getCompilerOptions().types,
      };
      const record = (source: TSESTree.StringLiteral): void => {
        imports.total++;
        const symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(source));
        if (symbol === undefined) imports.unresolved.push(source.value);
      };
      return {
        ImportDeclaration: (node) => {
          record(node.source);
        },
        ExportAllDeclaration: (node) => {
          record(node.source);
        },
        ExportNamedDeclaration: (node) => {
          if (node.source !== null) record(node.source);
        },
        TSExternalModuleReference: (node) => {
          record(node.expression);
        },
        'Program:exit': () => {
          // --fix lints a file several times; the last pass wins.
          this.files.set(context.filename, imports);
        },
      };
    },
  }) as unknown as Rule.RuleModule;

  /** A warning to print, or undefined when the imports resolve well enough to trust the result. */
  warning(baseDirectory: string, typescriptMajor: number): string | undefined {
    let total = 0;
    const unresolved: { file: string; specifier: string; info: FileImports }[] = [];
    for (const [file, info] of this.files) {
      total += info.total;
      for (const specifier of info.unresolved) unresolved.push({ file, specifier, info });
    }
    const builtins = unresolved.filter(({ specifier }) => isBuiltin(specifier));
    if (builtins.length === 0 && (unresolved.length < 3 || unresolved.length * 4 < total)) return undefined;

    const example = builtins[0] ?? unresolved[0];
    if (example === undefined) return undefined;
    const where = relative(baseDirectory, example.file) || example.file;
    const tsconfig = example.info.tsconfig === undefined ? 'the tsconfig.json' : relative(baseDirectory, example.info.tsconfig) || example.info.tsconfig;
    const lines = [
      `resource-leak: warning: ${String(unresolved.length)} of ${String(total)} imports did not resolve (e.g. '${example.specifier}' in ${where}); their types are \`any\` and the rule cannot see through them, so a clean result here does not mean there are no leaks.`,
    ];
    // Before TypeScript 6 an absent "types" meant "every @types package"; since 6 it means none.
    const typesOption = example.info.typesOption ?? (typescriptMajor >= 6 ? [] : undefined);
    if (builtins.length > 0 && typesOption !== undefined && !typesOption.includes('node')) {
      lines.push(
        `  Likely cause: ${tsconfig} does not list "types": ["node"]. TypeScript 6 defaults "types" to [], so Node's built-in modules (node:tls, node:fs, …) have no types. Add "types": ["node"] to compilerOptions and install @types/node.`,
      );
    } else if (builtins.length > 0) {
      lines.push(
        `  Likely cause: ${tsconfig} lists "types": ["node"] but @types/node is not installed where TypeScript looks for it. Install it (npm i -D @types/node).`,
      );
    } else {
      lines.push(
        '  Likely cause: dependencies are not installed (run npm ci first), or the tsconfig.json\'s moduleResolution/paths do not match how the code imports them.',
      );
    }
    return lines.join('\n');
  }
}

function configFileOf(options: Readonly<Record<string, unknown>>): string | undefined {
  const configFile = options.configFilePath;
  return typeof configFile === 'string' ? configFile : undefined;
}
