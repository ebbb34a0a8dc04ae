import { runLintCli } from './lintCommand';

// The `loss-lens-lint` bin (dist/cli/loss-lens-lint.js, built by esbuild.mjs).
process.exitCode = runLintCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
