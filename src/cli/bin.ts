#!/usr/bin/env node
// `npx resource-leak`: the plugin's recommended setup with typed linting, no ESLint config needed.
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
