#!/usr/bin/env node
// `node scripts/create-provider/sync-guide.mjs`: rewrite the code blocks of
// docs/writing-a-provider.md that carry a `<!-- scaffold: <file> -->` marker
// with the file the scaffold writes for the guide's standalone example
// (`pnpm create-provider acme --package @someone/imagegate-provider-acme`).
// Run it after changing (or formatting) the templates in
// scripts/create-provider/: the scaffold test compares each block with the
// generated file byte for byte. Nothing is written but the guide.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plan } from '../create-provider.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GUIDE = join(ROOT, 'docs', 'writing-a-provider.md');

// A folder outside the repository that does not exist: plan() only computes the files.
const target = join(tmpdir(), `imagegate-sync-guide-${process.pid}`, 'imagegate-provider-acme');
const { files } = plan({ id: 'acme', dir: target, packageName: '@someone/imagegate-provider-acme' });

const lines = readFileSync(GUIDE, 'utf8').split('\n');
const changed = [];
for (let i = 0; i < lines.length; i++) {
  const open = /^```(\S*)/.exec(lines[i]);
  if (!open) continue;
  const end = lines.indexOf('```', i + 1);
  if (end < 0) throw new Error(`docs/writing-a-provider.md: unclosed code block at line ${i + 1}`);
  const marker = /^<!-- scaffold: (\S+) -->$/.exec(lines[i - 1] ?? '');
  if (marker && open[1] !== 'sh') {
    const content = files.get(join(target, marker[1]));
    if (content === undefined) throw new Error(`docs/writing-a-provider.md:${i}: the scaffold writes no ${marker[1]}`);
    const body = content.replace(/\n$/, '').split('\n');
    if (body.join('\n') !== lines.slice(i + 1, end).join('\n')) changed.push(marker[1]);
    lines.splice(i + 1, end - i - 1, ...body);
    i += body.length + 1;
  } else {
    i = end;
  }
}
if (changed.length) writeFileSync(GUIDE, lines.join('\n'));
console.log(
  changed.length
    ? `docs/writing-a-provider.md: updated ${changed.join(', ')}`
    : 'docs/writing-a-provider.md: already in step with the scaffold',
);
