import type { TSESLint } from '@typescript-eslint/utils';
import type { Finding } from '../analysis/finding.js';
import type { RuleOptions } from '../rules/options.js';

export interface Repair {
  fix?: TSESLint.ReportFixFunction;
  suggest?: TSESLint.SuggestionReportDescriptor<string>[];
}

/**
 * The save-old / assign / release rewrite for one finding: an autofix where behaviour cannot
 * change, suggestions otherwise. (Placeholder until the fix issue lands: offers nothing.)
 */
export function planRepair(
  _context: Readonly<TSESLint.RuleContext<string, readonly [RuleOptions]>>,
  _finding: Finding,
): Repair {
  return {};
}
