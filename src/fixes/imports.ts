import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Edit } from './layout.js';

/**
 * The edit that imports the release function (the first part of a dotted name) from `from`, or
 * nothing when that name is already in scope. Adds to an existing named import of the module
 * when there is one.
 */
export function importEdit(
  sourceCode: Readonly<TSESLint.SourceCode>,
  scope: TSESLint.Scope.Scope,
  functionName: string,
  from: string,
): Edit | undefined {
  const binding = functionName.split('.')[0] ?? functionName;
  for (let outer: TSESLint.Scope.Scope | null = scope; outer; outer = outer.upper) {
    if (outer.set.has(binding)) return undefined;
  }
  const program = sourceCode.ast;
  const imports = program.body.filter(
    (statement): statement is TSESTree.ImportDeclaration => statement.type === AST_NODE_TYPES.ImportDeclaration,
  );
  const sameModule = imports.find(
    (declaration) =>
      declaration.source.value === from &&
      declaration.importKind !== 'type' &&
      !declaration.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier),
  );
  if (sameModule) {
    const named = sameModule.specifiers.filter(
      (specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier,
    );
    const lastNamed = named.at(-1);
    if (lastNamed) return { range: [lastNamed.range[1], lastNamed.range[1]], text: `, ${binding}` };
    const defaultImport = sameModule.specifiers[0];
    if (defaultImport) return { range: [defaultImport.range[1], defaultImport.range[1]], text: `, { ${binding} }` };
  }
  const quote = imports[0]?.source.raw.startsWith('"') ? '"' : "'";
  const statement = `import { ${binding} } from ${quote}${from}${quote};`;
  const eol = sourceCode.text.includes('\r\n') ? '\r\n' : '\n';
  const lastImport = imports.at(-1);
  if (lastImport) return { range: [lastImport.range[1], lastImport.range[1]], text: `${eol}${statement}` };
  const first = sourceCode.getFirstToken(program, { includeComments: true });
  const at = first ? first.range[0] : 0;
  return { range: [at, at], text: `${statement}${eol}${eol}` };
}
