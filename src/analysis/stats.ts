import type { Finding } from './finding.js';

/**
 * Counters of how far the rule's questions got, for tests that must prove the rule looked at
 * real code (a rule blinded by `any` types would analyse stores but type none of them).
 */
export interface AnalysisStats {
  /** `=`/`&&=` stores into a named field that passed the syntax question. */
  overwritesSeen: number;
  /**
   * Of those, stores whose field type the checker resolved to something other than `any`. Types are
   * asked before the paths, except for a constructor's or init method's stores on `this`, whose
   * type is asked only when the paths call for a report.
   */
  fieldsTyped: number;
  /**
   * Of those, stores settled without the checker or the paths: a value the store did not make, into
   * a field that no class of the program releases, so that no class owns it.
   */
  unownedStores: number;
  /** Stores whose field type was release-able. */
  releasableFields: number;
  /** Reports made. */
  reports: number;
  /** Functions whose path events were worked out (replayed): those whose paths were asked about. */
  functionsReplayed: number;
}

export const analysisStats: AnalysisStats = {
  overwritesSeen: 0,
  fieldsTyped: 0,
  unownedStores: 0,
  releasableFields: 0,
  reports: 0,
  functionsReplayed: 0,
};

export function resetAnalysisStats(): void {
  analysisStats.overwritesSeen = 0;
  analysisStats.fieldsTyped = 0;
  analysisStats.unownedStores = 0;
  analysisStats.releasableFields = 0;
  analysisStats.reports = 0;
  analysisStats.functionsReplayed = 0;
}

/** Observers told of every finding before it is reported (tests read `mayBeEmpty`, `earlyRelease`, …). */
export const findingObservers = new Set<(finding: Finding) => void>();
