// Parses a snippet as tests/fixtures/file.ts, with the fixture project's real type information,
// and with parent pointers set the way ESLint sets them, for unit tests of src/analysis.
import { parseAndGenerateServices, simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

export interface Parsed {
  ast: TSESTree.Program;
  services: ParserServicesWithTypeInformation;
}

export function parseTyped(code: string): Parsed {
  const { ast, services } = parseAndGenerateServices(code, {
    filePath: path.join(fixtures, 'file.ts'),
    projectService: true,
    tsconfigRootDir: fixtures,
    range: true,
    loc: true,
  });
  simpleTraverse(ast, { enter: () => undefined }, true);
  if (!services.program) throw new Error('the fixture project gave no type information');
  return { ast, services };
}

/** Every node of a type, in source order. */
export function nodesOfType<Type extends TSESTree.AST_NODE_TYPES>(
  ast: TSESTree.Node,
  type: Type,
): Extract<TSESTree.Node, { type: Type }>[] {
  const found: Extract<TSESTree.Node, { type: Type }>[] = [];
  simpleTraverse(ast, {
    enter(node) {
      if (node.type === type) found.push(node as Extract<TSESTree.Node, { type: Type }>);
    },
  });
  return found;
}
