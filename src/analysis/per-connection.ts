import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Whether a class reads `field` afresh for every TLS handshake (inside an SNICallback, or passed
 * to each new TLSSocket), so that closing the old native context right after the swap cannot pull
 * it from under a server that still hands it out. (Placeholder until the fix issue lands.)
 */
export function isPerConnectionSource(
  _classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined,
  _fieldName: string,
): boolean {
  return false;
}
