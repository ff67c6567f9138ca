import { createRequire } from 'node:module';
import { exitCodes, parseCliArguments, usage, UsageError, type CliArguments, type CliIo } from './arguments.js';
import { resolveLintTargets, resolveOutputFile, type LintTargets } from './project.js';

export { exitCodes, type CliIo } from './arguments.js';

/** `resource-leak [paths…] [--fix] [--format …] [--project …]`; resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let cliArguments: CliArguments;
  let targets: LintTargets;
  try {
    cliArguments = parseCliArguments(argv);
    if (cliArguments.help) {
      io.stdout(`${usage}\n`);
      return exitCodes.clean;
    }
    if (cliArguments.version) {
      const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
      io.stdout(`${version}\n`);
      return exitCodes.clean;
    }
    targets = resolveLintTargets(io.cwd, cliArguments.paths, cliArguments.project);
    cliArguments = { ...cliArguments, outputFile: resolveOutputFile(io.cwd, cliArguments.outputFile) };
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`resource-leak: ${error.message}\n`);
      return exitCodes.usage;
    }
    throw error;
  }

  // ESLint, TypeScript and the parser load only once the arguments are known to be good.
  let lint: typeof import('./lint.js');
  try {
    lint = await import('./lint.js');
  } catch (error) {
    // ERR_MODULE_NOT_FOUND from an import; MODULE_NOT_FOUND from require(), which loads TypeScript (src/commonjs.ts).
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    const firstLine = error instanceof Error ? (error.message.split('\n')[0] ?? '') : '';
    io.stderr(
      `resource-leak: ${firstLine}; install eslint, typescript and typescript-eslint next to this package (npm i -D eslint typescript typescript-eslint)\n`,
    );
    return exitCodes.usage;
  }
  return lint.lintAndReport(cliArguments, targets, io);
}
