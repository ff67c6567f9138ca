import { parseArgs } from 'node:util';

export const outputFormats = ['stylish', 'json', 'sarif'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export interface CliArguments {
  paths: string[];
  fix: boolean;
  format: OutputFormat;
  /** A tsconfig.json to type-check with; without it, each file uses its nearest tsconfig.json. */
  project: string | undefined;
  outputFile: string | undefined;
  help: boolean;
  version: boolean;
}

/** Where the command reads and writes; tests pass their own. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const exitCodes = { clean: 0, findings: 1, usage: 2 } as const;

/** A mistake in how the command was called: exit code 2 and one line naming it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const usage = `Usage: resource-leak [paths…] [--fix] [--format stylish|json|sarif] [--project tsconfig.json] [--output-file file]

Finds release-able values (TLS contexts, Disposables, reference-counted buffers, …) that a field
overwrites without releasing, with typed linting and no ESLint config of your own.

  paths                 files or directories to check (default: the current directory)
  --fix                 apply the autofixes (nothing is changed without it)
  --format <name>       stylish (default), json, or sarif (SARIF 2.1.0 for GitHub code scanning)
  --project <file>      type-check with this tsconfig.json (or a directory's) instead of each file's nearest one
  -o, --output-file <f> write the report to a file instead of standard output
  -h, --help            show this help
  -v, --version         show the version

Exit codes: 0 no findings, 1 findings, 2 a usage error, or files that could not be checked
(no tsconfig.json includes them, or they do not parse) and no findings elsewhere.`;

export function parseCliArguments(argv: readonly string[]): CliArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        fix: { type: 'boolean', default: false },
        format: { type: 'string', short: 'f', default: 'stylish' },
        project: { type: 'string', short: 'p' },
        'output-file': { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  const format = values.format;
  if (!isOutputFormat(format)) {
    throw new UsageError(`unknown format '${format}' for --format (expected stylish, json or sarif)`);
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    fix: values.fix,
    format,
    project: values.project,
    outputFile: values['output-file'],
    help: values.help,
    version: values.version,
  };
}

function isOutputFormat(name: string): name is OutputFormat {
  return (outputFormats as readonly string[]).includes(name);
}

/** Node's parseArgs messages run to several sentences; keep the part that names the problem. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const option = /(--[\w-]+)/.exec(message)?.[1] ?? /'(-\w)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    return `unknown option ${option} (see --help)`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    return `option ${option} needs a value`;
  }
  return message.split('. ')[0] ?? message;
}
