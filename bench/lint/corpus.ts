// The benchmark corpus: TypeScript sources shipped inside pinned npm packages (bench/package.json),
// copied into bench/corpus/<package>/ next to a tsconfig of ours so that typed linting and `tsc`
// see them as a project of their own. Imports of the packages' dependencies resolve upward into
// bench/node_modules; ESLint, typescript-eslint and TypeScript come from the repository root.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(benchDir, '..');
export const corpusDir = join(benchDir, 'corpus');

export interface CorpusPackage {
  name: string;
  /** What the package contributes to the corpus, in the issue's words. */
  why: string;
  /** Extra files or folders to copy beside src/: [from inside the package, to inside the corpus copy]. */
  extraCopies: [string, string][];
}

export const corpusPackages: CorpusPackage[] = [
  { name: 'mongodb', why: 'connection pools, monitors, sessions, cursors', extraCopies: [] },
  {
    name: 'mediabunny',
    why: 'VideoFrame/AudioData that must be closed',
    // Its sources import ../shared/*, which the package ships only as declarations.
    extraCopies: [['dist/modules/shared', 'shared']],
  },
  { name: 'rxjs', why: 'subscriptions', extraCopies: [] },
  { name: 'lexical', why: 'an editor framework (no resource types expected)', extraCopies: [] },
];

export function corpusPackage(name: string): CorpusPackage {
  const found = corpusPackages.find((p) => p.name === name);
  if (!found) {
    throw new Error(`Unknown corpus package "${name}"; expected one of ${corpusPackages.map((p) => p.name).join(', ')}`);
  }
  return found;
}

/** A fresh clone has no bench/node_modules: install exactly what bench/package-lock.json pins. */
export function installCorpusDependencies(): void {
  console.log('bench/node_modules is missing; running `npm ci --prefix bench` …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawnSync(npm, ['ci', '--prefix', benchDir, '--no-audit', '--no-fund'], { stdio: 'inherit', timeout: 600_000 });
  if (child.status !== 0) throw new Error(`npm ci --prefix bench failed (${String(child.status ?? child.signal)})`);
}

export function installedVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** Copies the package's src/ (TypeScript only) and our tsconfig into `dest` (default bench/corpus/<name>). */
export function prepareCorpusCopy(pkg: CorpusPackage, dest = join(corpusDir, pkg.name)): string {
  const installed = join(benchDir, 'node_modules', pkg.name);
  if (!existsSync(installed)) installCorpusDependencies();
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  cpSync(join(installed, 'src'), join(dest, 'src'), {
    recursive: true,
    // The packages' own tsconfig*.json files inside src/ would compete with ours in the project service.
    filter: (source) => !/tsconfig[^/]*\.json$/.test(source),
  });
  for (const [from, to] of pkg.extraCopies) {
    cpSync(join(installed, from), join(dest, to), { recursive: true, filter: (s) => !s.endsWith('.map') && !s.endsWith('.js') });
  }
  writeFileSync(join(dest, 'tsconfig.json'), readFileSync(join(benchDir, 'corpus-tsconfigs', `${pkg.name}.json`)));
  // Keep the package's module kind: bench/ is ESM, but mongodb's sources are CommonJS (extensionless imports).
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { type?: string };
  writeFileSync(
    join(dest, 'package.json'),
    `${JSON.stringify({ name: `corpus-${pkg.name}`, private: true, type: manifest.type ?? 'commonjs' }, null, 2)}\n`,
  );
  return dest;
}

export function ensureCorpusCopy(pkg: CorpusPackage): string {
  const dest = join(corpusDir, pkg.name);
  const marker = join(dest, '.version');
  if (!existsSync(join(benchDir, 'node_modules', pkg.name))) installCorpusDependencies();
  const version = installedVersion(pkg.name);
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== version) {
    prepareCorpusCopy(pkg, dest);
    writeFileSync(marker, version);
  }
  return dest;
}

/** Every .ts source (not .d.ts) under `dir`/src, sorted, as absolute paths. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(join(dir, 'src'));
  return out.sort();
}

export interface TypecheckReport {
  files: number;
  /** Files with no unresolved import (TS2307/TS2792/TS7016 absent). */
  resolvedFiles: number;
  /** Files with no error at all. */
  cleanFiles: number;
  errors: number;
  unresolved: string[];
  /** Every error, as `file|code|message` without line numbers (stable when a fix shifts lines). */
  diagnostics: string[];
}

const unresolvedImportCodes = new Set([2307, 2792, 7016]);

/** Type-checks a corpus copy with the TypeScript API, as `tsc --noEmit -p dir` would. */
export function typecheckCorpus(dir: string): TypecheckReport {
  const configPath = join(dir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`Cannot read ${configPath}`);
  if (parsed.errors.length > 0) {
    throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  }
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  const sources = sourceFiles(dir);
  let resolvedFiles = 0;
  let cleanFiles = 0;
  let errors = global.length;
  const unresolved: string[] = [];
  // Messages may quote absolute paths (import("…/corpus/lexical/src/X")); make them copy-independent.
  const text = (d: ts.Diagnostic): string => ts.flattenDiagnosticMessageText(d.messageText, ' ').replaceAll(`${dir}/`, './');
  const diagnostics = global.map((d) => `(global)|${String(d.code)}|${text(d)}`);
  for (const file of sources) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`${file} is not in the program of ${configPath}`);
    const fileDiagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].filter(
      (d) => d.category === ts.DiagnosticCategory.Error,
    );
    errors += fileDiagnostics.length;
    const rel = relative(dir, file);
    for (const d of fileDiagnostics) {
      diagnostics.push(`${rel}|${String(d.code)}|${text(d)}`);
    }
    const missing = fileDiagnostics.filter((d) => unresolvedImportCodes.has(d.code));
    if (missing.length === 0) resolvedFiles++;
    else unresolved.push(...missing.map((d) => `${rel}: ${text(d)}`));
    if (fileDiagnostics.length === 0) cleanFiles++;
  }
  return { files: sources.length, resolvedFiles, cleanFiles, errors, unresolved, diagnostics: diagnostics.sort() };
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}
