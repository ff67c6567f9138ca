import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint, Linter } from 'eslint';

/** The parts of SARIF 2.1.0 this writer produces (https://docs.oasis-open.org/sarif/sarif/v2.1.0/). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

interface SarifRun {
  tool: { driver: SarifDriver };
  invocations: SarifInvocation[];
  originalUriBaseIds: Record<string, { uri: string }>;
  artifacts: { location: SarifArtifactLocation }[];
  results: SarifResult[];
  columnKind: 'utf16CodeUnits';
}

interface SarifDriver {
  name: string;
  version: string;
  informationUri: string;
  rules: SarifRule[];
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  properties?: { problem?: { severity: string } };
}

interface SarifInvocation {
  executionSuccessful: boolean;
  toolExecutionNotifications: {
    level: 'error' | 'warning';
    message: { text: string };
    locations?: SarifLocation[];
  }[];
}

interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

interface SarifLocation {
  physicalLocation: {
    artifactLocation: SarifArtifactLocation;
    region?: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
  };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning';
  message: { text: string };
  locations: SarifLocation[];
}

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
}

const sourceRoot = '%SRCROOT%';

/**
 * Turns ESLint results into one SARIF run. Paths are relative to `baseDirectory` (the repository
 * root in CI), which is what GitHub code scanning matches against its checkout. Fatal errors
 * (a file that does not parse or is not in any tsconfig) are tool notifications, not results.
 */
export function toSarif(
  results: readonly ESLint.LintResult[],
  rulesMeta: Readonly<Record<string, { docs?: { description?: string; url?: string }; type?: string } | undefined>>,
  baseDirectory: string,
  tool: SarifTool,
  /** Warnings about the run as a whole (such as imports typed `any`), so that code scanning shows them too. */
  runWarnings: readonly string[] = [],
): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const artifacts: { location: SarifArtifactLocation }[] = [];
  const sarifResults: SarifResult[] = [];
  const notifications: SarifInvocation['toolExecutionNotifications'] = runWarnings.map((text) => ({
    level: 'warning',
    message: { text },
  }));

  for (const result of results) {
    if (result.messages.length === 0) continue;
    const artifactLocation = { ...artifactUri(result.filePath, baseDirectory), index: artifacts.length };
    artifacts.push({ location: artifactUri(result.filePath, baseDirectory) });
    for (const message of result.messages) {
      const location: SarifLocation = { physicalLocation: { artifactLocation, region: regionOf(message) } };
      const level = message.severity === 2 ? 'error' : 'warning';
      if (message.ruleId === null || message.fatal === true) {
        // A fatal error (the file was not checked) is an error; "file ignored" notes keep their warning level.
        notifications.push({ level: message.fatal === true ? 'error' : level, message: { text: message.message }, locations: [location] });
        continue;
      }
      let index = ruleIndex.get(message.ruleId);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(message.ruleId, index);
        rules.push(sarifRule(message.ruleId, rulesMeta[message.ruleId]));
      }
      sarifResults.push({
        ruleId: message.ruleId,
        ruleIndex: index,
        level,
        message: { text: message.message },
        locations: [location],
      });
    }
  }

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...tool, rules } },
        invocations: [
          {
            executionSuccessful: notifications.every((notification) => notification.level !== 'error'),
            toolExecutionNotifications: notifications,
          },
        ],
        originalUriBaseIds: { [sourceRoot]: { uri: directoryUri(baseDirectory) } },
        artifacts,
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

function sarifRule(
  id: string,
  meta: { docs?: { description?: string; url?: string }; type?: string } | undefined,
): SarifRule {
  return {
    id,
    shortDescription: { text: meta?.docs?.description ?? id },
    ...(meta?.docs?.url === undefined ? {} : { helpUri: meta.docs.url }),
    ...(meta?.type === 'problem' ? { properties: { problem: { severity: 'error' } } } : {}),
  };
}

function regionOf(message: Linter.LintMessage): NonNullable<SarifLocation['physicalLocation']['region']> {
  // ESLint columns are 1-based UTF-16 offsets, as SARIF's utf16CodeUnits expects; line 0 means "whole file".
  const startLine = Math.max(1, message.line);
  return {
    startLine,
    startColumn: Math.max(1, message.column),
    ...(message.endLine === undefined ? {} : { endLine: message.endLine }),
    ...(message.endColumn === undefined ? {} : { endColumn: message.endColumn }),
  };
}

function artifactUri(filePath: string, baseDirectory: string): SarifArtifactLocation {
  const fromBase = relative(baseDirectory, filePath);
  if (fromBase.startsWith('..') || isAbsolute(fromBase)) return { uri: pathToFileURL(filePath).href };
  return { uri: fromBase.split(sep).map(encodeURIComponent).join('/'), uriBaseId: sourceRoot };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
