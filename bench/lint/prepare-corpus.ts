// Copies each corpus package's sources into bench/corpus/ and prints how much of it typechecks.
// Usage: npx tsx bench/lint/prepare-corpus.ts [package…]
import { corpusPackage, corpusPackages, installedVersion, percent, prepareCorpusCopy, typecheckCorpus } from './corpus.js';

const names = process.argv.slice(2);
for (const pkg of names.length > 0 ? names.map(corpusPackage) : corpusPackages) {
  const dir = prepareCorpusCopy(pkg);
  const started = performance.now();
  const report = typecheckCorpus(dir);
  console.log(
    `${pkg.name}@${installedVersion(pkg.name)}: ${String(report.files)} files, ` +
      `${percent(report.resolvedFiles, report.files)} with no unresolved import, ` +
      `${percent(report.cleanFiles, report.files)} with no error, ${String(report.errors)} errors ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  for (const line of report.unresolved.slice(0, 10)) console.log(`  unresolved: ${line}`);
  for (const line of report.diagnostics.slice(0, 10)) console.log(`  error: ${line}`);
}
