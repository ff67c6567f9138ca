import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from './arguments.js';

/** The nearest tsconfig.json at or above `path` (a file or a directory), if any. */
export function findNearestTsconfig(path: string): string | undefined {
  let directory = isDirectory(path) ? path : dirname(path);
  for (;;) {
    const candidate = join(directory, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

export interface LintTargets {
  /** Absolute paths to lint. */
  paths: string[];
  /** The directory ESLint runs in: the working directory, or the closest one containing every path. */
  baseDirectory: string;
  /** An explicit tsconfig.json (from --project), absolute. */
  project: string | undefined;
}

/** The files the command checks: what configs.recommended covers, minus declaration files (no assignments). */
export function isCheckableFile(path: string): boolean {
  return /\.(?:ts|tsx|mts|cts)$/.test(path) && !/\.d\.(?:ts|mts|cts)$/.test(path);
}

/**
 * The absolute path to write the report to, checked before linting: a report that cannot be
 * written would otherwise be lost after the whole run.
 */
export function resolveOutputFile(cwd: string, outputFile: string | undefined): string | undefined {
  if (outputFile === undefined) return undefined;
  const absolute = resolve(cwd, outputFile);
  if (isDirectory(absolute)) throw new UsageError(`--output-file ${outputFile}: is a directory`);
  if (!isDirectory(dirname(absolute))) {
    throw new UsageError(`--output-file ${outputFile}: directory ${dirname(outputFile)} does not exist`);
  }
  return absolute;
}

/** Checks the paths and the TypeScript project before anything runs; a mistake is a UsageError. */
export function resolveLintTargets(
  cwd: string,
  paths: readonly string[],
  project: string | undefined,
): LintTargets {
  const absolutePaths = paths.map((path) => resolve(cwd, path));
  absolutePaths.forEach((absolute, index) => {
    const given = paths[index] ?? absolute;
    if (!existsSync(absolute)) throw new UsageError(`path does not exist: ${given}`);
    // Asked for by name, a file that is not checked would otherwise pass as "clean".
    if (!isDirectory(absolute) && !isCheckableFile(absolute)) {
      throw new UsageError(`not a TypeScript file: ${given} (resource-leak checks .ts, .tsx, .mts and .cts files)`);
    }
  });
  let projectFile: string | undefined;
  if (project !== undefined) {
    projectFile = resolve(cwd, project);
    // Like `tsc -p`: a directory means the tsconfig.json in it.
    if (isDirectory(projectFile)) projectFile = join(projectFile, 'tsconfig.json');
    if (!existsSync(projectFile) || isDirectory(projectFile)) {
      throw new UsageError(`--project ${project}: no such file${isDirectory(resolve(cwd, project)) ? ' (no tsconfig.json in that directory)' : ''}`);
    }
  } else {
    absolutePaths.forEach((absolute, index) => {
      if (findNearestTsconfig(absolute) === undefined) {
        throw new UsageError(
          `no tsconfig.json found for ${paths[index] ?? absolute} or any directory above it (typed linting needs one; pass --project)`,
        );
      }
    });
  }
  return { paths: absolutePaths, baseDirectory: commonBase(cwd, absolutePaths), project: projectFile };
}

function commonBase(cwd: string, paths: readonly string[]): string {
  if (paths.every((path) => isInside(cwd, path))) return cwd;
  let base = paths[0] === undefined ? cwd : isDirectory(paths[0]) ? paths[0] : dirname(paths[0]);
  while (!paths.every((path) => isInside(base, path))) base = dirname(base);
  return base;
}

function isInside(directory: string, path: string): boolean {
  const fromDirectory = relative(directory, path);
  return (
    fromDirectory === '' ||
    (fromDirectory !== '..' && !fromDirectory.startsWith(`..${sep}`) && !isAbsolute(fromDirectory))
  );
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
