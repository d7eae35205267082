#!/usr/bin/env node
// `node scripts/run-node-tests.mjs <name> <test files…>`: run the files with
// Node's test runner, the spec output, and a closing `<name>: N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [name, ...files] = process.argv.slice(2);
if (!name || files.length === 0) {
  console.error('Usage: node scripts/run-node-tests.mjs <name> <test files…>');
  process.exit(2);
}
const reporter = join(dirname(fileURLToPath(import.meta.url)), 'test-summary-reporter.mjs');
const run = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, TEST_SUMMARY_NAME: name } },
);
process.exit(run.status ?? 1);
