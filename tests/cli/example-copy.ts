import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
export const exampleDirectory = join(repositoryRoot, 'examples', 'tls-reload');
export const cliBin = join(repositoryRoot, 'dist', 'cli', 'bin.js');

/**
 * A copy of examples/tls-reload outside the repository, laid out like a user's project: its own
 * package.json and a node_modules (linked to ours, for @types/node). Remove it with `dispose()`.
 */
export function copyExample(): { directory: string; dispose: () => void } {
  const parent = mkdtempSync(join(tmpdir(), 'resource-leak-cli-'));
  const directory = join(parent, 'tls-reload');
  cpSync(exampleDirectory, directory, { recursive: true });
  writeFileSync(join(directory, 'package.json'), '{ "private": true, "type": "module" }\n');
  symlinkSync(join(repositoryRoot, 'node_modules'), join(directory, 'node_modules'), 'dir');
  return {
    directory,
    dispose: () => {
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `resource-leak` bin, as `npx resource-leak` would. */
export function resourceLeak(
  args: readonly string[],
  cwd: string,
  environment: Readonly<Record<string, string | undefined>> = {},
): CommandResult {
  const env = { ...process.env, ...environment };
  const result = spawnSync(process.execPath, [cliBin, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `tsc -p <directory>` with the repository's TypeScript. */
export function typecheck(directory: string): CommandResult {
  const tsc = join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', directory], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** 1-based line of the first line in `text` that contains `needle` (after `after`, if given). */
export function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  const index = lines.findIndex((line, lineIndex) => lineIndex >= after && line.includes(needle));
  if (index === -1) throw new Error(`"${needle}" not found`);
  return index + 1;
}
