#!/usr/bin/env node
// `npx resource-leak`: the plugin's recommended setup with typed linting, no ESLint config needed.

async function main(): Promise<number> {
  let runCli: typeof import('./run.js').runCli;
  try {
    ({ runCli } = await import('./run.js'));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND') {
      process.stderr.write(
        `resource-leak: ${error instanceof Error ? error.message.split('\n')[0] ?? '' : ''}; install eslint, typescript and typescript-eslint next to this package (npm i -D eslint typescript typescript-eslint)\n`,
      );
      return 2;
    }
    throw error;
  }
  return runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

process.exitCode = await main();
