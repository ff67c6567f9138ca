import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { ts } from '../commonjs.js';
import { skipTypeWrappers } from './field-target.js';
import { isNodeTypesFile } from './node-types.js';

/**
 * Methods of the standard library's interfaces that read their arguments to print or serialize
 * them and keep no reference: `console.log(this.f)`, `JSON.stringify(this.f)`. By interface, as
 * TypeScript's default library and @types/node declare them.
 */
const readerMethods = new Map<string, ReadonlySet<string>>([
  [
    'Console',
    new Set(['assert', 'debug', 'dir', 'dirxml', 'error', 'group', 'groupCollapsed', 'info', 'log', 'table', 'timeLog', 'trace', 'warn']),
  ],
  ['JSON', new Set(['stringify'])],
]);

/** Functions of `node:util` that format a value into a string (`util.inspect(this.f)`). */
const nodeUtilReaders: ReadonlySet<string> = new Set(['format', 'formatWithOptions', 'inspect']);

const readerNames: ReadonlySet<string> = new Set([...[...readerMethods.values()].flatMap((names) => [...names]), ...nodeUtilReaders]);

/**
 * Whether a call only reads its arguments: the callee is one of the standard library's printers
 * or serializers (console methods, `JSON.stringify` without a replacer function, `node:util`'s
 * `inspect`/`format`), as the checker resolves it, with no declaration of the user's beside the
 * library's. A field's value passed to such a call is still the field's, like one passed to an
 * assertion function. A console of the user's own, or a method the user's code declares under one
 * of these names, stays a hand-off.
 */
export function onlyReadsArguments(call: TSESTree.CallExpression, services: ParserServicesWithTypeInformation): boolean {
  const callee = skipTypeWrappers(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee
      : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier
        ? callee.property
        : undefined;
  // The names first: most calls that take a field's value are to none of these. A function
  // imported under another name (`import { inspect as show }`) has a local name of its own.
  if (!name || (!readerNames.has(name.name) && name !== callee)) return false;
  const checker = services.program.getTypeChecker();
  let symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(name));
  if (symbol && (symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
  // Asked by the name it is declared under (`import { promisify as inspect }` is no reader).
  const readerName = symbol?.name;
  if (readerName === undefined || !readerNames.has(readerName)) return false;
  // A replacer function sees every value that JSON.stringify visits, and may keep it.
  if (readerName === 'stringify' && !isNoReplacer(call.arguments[1])) return false;
  const declarations = symbol?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => isStandardReader(declaration, readerName, services.program));
}

/** No replacer, or one that is not a function: `null`, `undefined`, a list of keys. */
function isNoReplacer(replacer: TSESTree.CallExpressionArgument | undefined): boolean {
  if (replacer === undefined) return true;
  const value = skipTypeWrappers(replacer);
  return (
    (value.type === AST_NODE_TYPES.Literal && value.value === null) ||
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') ||
    value.type === AST_NODE_TYPES.ArrayExpression
  );
}

function isStandardReader(declaration: TS.Declaration, name: string, program: TS.Program): boolean {
  const file = declaration.getSourceFile();
  const nodeTypes = isNodeTypesFile(file);
  if (!nodeTypes && !program.isSourceFileDefaultLibrary(file)) return false;
  const owner = declaration.parent;
  if (ts.isInterfaceDeclaration(owner)) return readerMethods.get(owner.name.text)?.has(name) ?? false;
  return nodeTypes && /[\\/]util\.d\.ts$/.test(file.fileName) && nodeUtilReaders.has(name);
}
