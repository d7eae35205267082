// `pnpm prices`: the README's price table is the manifests', and the report
// ages each price. Run by `pnpm test:prices` (in `pnpm test`, after the build).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const prices = (...args) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'prices.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

test("the root README's price table is the one the manifests make", () => {
  const run = prices('--check');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /matches the manifests, \d+ of \d+ models priced/);
});

test('--check fails on a stale table, and --write brings it up to date', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imagegate-prices-'));
  try {
    const file = join(dir, 'README.md');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    writeFileSync(file, readme.replace('| $0.064 per image |', '| $0.06 per image |'));
    const stale = prices('--check', '--readme', file);
    assert.equal(stale.status, 1);
    assert.match(stale.stderr, /not the manifests'.*pnpm prices --write/);
    assert.equal(prices('--write', '--readme', file).status, 0);
    assert.equal(readFileSync(file, 'utf8'), readme);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the report gives each price its age and marks those past 90 days "re-check"', () => {
  const line = (stdout, model, provider) => {
    const section = stdout.split('\n\n').find((s) => s.startsWith(provider));
    return section.split('\n').find((l) => l.trim().startsWith(`${model} `));
  };
  const fresh = prices('--today', '2026-12-23');
  assert.equal(fresh.status, 0, fresh.stderr);
  assert.match(line(fresh.stdout, 'gpt-image-2', 'GPTProto'), /2026-09-25 \(89 days\) +https:\/\/gptproto\.com\//);
  assert.match(line(fresh.stdout, 'flux-kontext-max', 'ToAPIs'), /2026-05-02 \(235 days, re-check\)/);
  assert.match(line(fresh.stdout, 'gpt-image-2-plus', 'GPTProto'), /no published price/);
  assert.match(fresh.stdout, /\d+ of \d+ models priced \(GPTProto \d+ of 19, ToAPIs \d+ of 17\); 2 older than 90 days/);
  const later = prices('--today', '2026-12-25');
  assert.match(line(later.stdout, 'gpt-image-2', 'GPTProto'), /\(91 days, re-check\)/);
});
