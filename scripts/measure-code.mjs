#!/usr/bin/env node
// `pnpm measure:code`: size and shape of the code in packages/*/src,
// packages/*/test and scripts/ (dist/ and node_modules/ left out): files,
// lines, line lengths, the longest line and the largest file, and import
// cycles between files and between the folders of a package's src/ (from
// dependency-cruiser's graph, see scripts/check-folder-cycles.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { cruiseRepository, fileCycles, folderCycles, ROOT } from './check-folder-cycles.mjs';

const WIDTH = 120;
/** The issue's own measure (lines past 140 columns), for comparison. */
const WIDE = 140;
const EXTENSIONS = ['.ts', '.mts', '.cts', '.mjs', '.cjs', '.js'];
const SKIP = new Set(['node_modules', 'dist', 'coverage', '.turbo']);

function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return EXTENSIONS.includes(extname(entry.name)) ? [path] : [];
  });
}

const packages = readdirSync(join(ROOT, 'packages'));
const roots = [
  ...packages.flatMap((name) => ['src', 'test'].map((sub) => join(ROOT, 'packages', name, sub))),
  join(ROOT, 'scripts'),
];
const files = roots.flatMap(walk).sort();

const byExtension = {};
let lines = 0;
let characters = 0;
let long = 0;
let wide = 0;
let longest = { length: 0, where: '' };
let largest = { lines: 0, where: '' };
for (const file of files) {
  const rel = relative(ROOT, file);
  byExtension[extname(file)] = (byExtension[extname(file)] ?? 0) + 1;
  const text = readFileSync(file, 'utf8');
  const fileLines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  lines += fileLines.length;
  if (fileLines.length > largest.lines) largest = { lines: fileLines.length, where: rel };
  fileLines.forEach((line, i) => {
    characters += line.length;
    if (line.length > WIDTH) long++;
    if (line.length > WIDE) wide++;
    if (line.length > longest.length) longest = { length: line.length, where: `${rel}:${i + 1}` };
  });
}

const graph = cruiseRepository();
const fileLoops = fileCycles(graph);
const folderLoops = folderCycles(graph);

const counts = Object.entries(byExtension)
  .map(([ext, n]) => `${n} ${ext}`)
  .join(', ');
console.log(`files: ${files.length} (${counts}) in packages/*/src, packages/*/test and scripts/`);
console.log(`lines: ${lines}, average length ${(characters / Math.max(lines, 1)).toFixed(1)} characters`);
console.log(`lines over ${WIDTH} columns: ${long} (over ${WIDE}: ${wide})`);
console.log(`longest line: ${longest.length} characters (${longest.where})`);
console.log(`largest file: ${largest.lines} lines (${largest.where})`);
console.log(`file import cycles: ${fileLoops.length}`);
for (const cycle of fileLoops) console.log(`  ${cycle.join(' <-> ')}`);
console.log(`folder import cycles: ${folderLoops.length}`);
for (const cycle of folderLoops) console.log(`  ${cycle.join(' <-> ')}`);
