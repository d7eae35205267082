import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('README', () => {
  it('runs the toy-provider example as written, against the built package', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const code = /<!-- example:toy-provider -->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeTruthy();
    const lines = code!.trim().split('\n').length;
    expect(lines).toBeLessThanOrEqual(45);
    // A fresh folder that resolves @imagegate/core (and the test kit the example paints with) to this workspace's
    // builds.
    const dir = mkdtempSync(join(tmpdir(), 'imagegate-readme-'));
    mkdirSync(join(dir, 'node_modules', '@imagegate'), { recursive: true });
    symlinkSync(root, join(dir, 'node_modules', '@imagegate', 'core'));
    symlinkSync(join(root, '..', 'testing'), join(dir, 'node_modules', '@imagegate', 'testing'));
    writeFileSync(join(dir, 'example.mjs'), code!);
    const out = execFileSync(process.execPath, [join(dir, 'example.mjs')], { encoding: 'utf8' });
    expect(out.trim()).toBe('image/png 256x256, image/png 256x256, image/png 256x256');
  });
});
