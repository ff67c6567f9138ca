import { ESLintUtils } from '@typescript-eslint/utils';

export interface ResourceLeakDocs {
  description: string;
  recommended?: boolean;
  requiresTypeChecking?: boolean;
}

export const docsUrl = (name: string): string =>
  `https://github.com/eslint-plugin-resource-leak/eslint-plugin-resource-leak/blob/main/docs/rules/${name}.md`;

/** Every rule is built through this, so `meta.docs.url` always points at the rule's page. */
export const createRule = ESLintUtils.RuleCreator<ResourceLeakDocs>(docsUrl);
