// Printed by `pnpm build`: the size of every file n8n loads from dist/.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../dist/', import.meta.url).pathname;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push({ file: relative(root, path), kB: +(statSync(path).size / 1024).toFixed(1) });
  }
};
walk(root);
console.log('n8n-nodes-imagegate bundle:');
console.table(files);
console.log(`total ${files.reduce((a, f) => a + f.kB, 0).toFixed(1)} kB`);
