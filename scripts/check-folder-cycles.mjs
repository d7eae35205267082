#!/usr/bin/env node
// `node scripts/check-folder-cycles.mjs` (part of `pnpm deps:check`): import
// cycles between the folders of each package's src/, on the graph that
// dependency-cruiser builds with .dependency-cruiser.cjs (type-only imports
// included). A folder is the first level under src/ (src/engine,
// src/operations); files directly in src/ (the entries) and test files are left
// out, as are imports between packages. Core's layer rules already forbid such
// cycles there; this covers every package. Exits 1 on a cycle.
//
// Also a module: `cruiseRepository()`, `fileCycles()` and `folderCycles()` feed
// scripts/measure-code.mjs.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]s$/;

/** dependency-cruiser's JSON result over packages/ and scripts/, with the repository's configuration. */
export function cruiseRepository(paths = ['packages', 'scripts']) {
  const bin = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const args = [bin, ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'];
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  // It exits non-zero when a rule is broken; the JSON is there all the same.
  if (!run.stdout) throw new Error(`dependency-cruiser failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The strongly connected components of `graph` (Map node → Set of nodes) that are cycles, each sorted. */
export function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node), index.get(to)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** File import cycles (one list of files per cycle) over every cruised module. */
export function fileCycles(result) {
  const graph = new Map();
  for (const module of result.modules) {
    if (module.coreModule || module.couldNotResolve || module.source.includes('node_modules/')) continue;
    const local = module.dependencies.filter((d) => !d.coreModule && !d.couldNotResolve);
    graph.set(module.source, new Set(local.map((d) => d.resolved)));
  }
  return cycles(graph);
}

/** `packages/<name>/src/<folder>` of a file, or undefined (a file outside a src folder, an entry, a test). */
function folderOf(path) {
  if (TEST_FILE.test(path)) return undefined;
  const match = /^packages\/[^/]+\/src\/[^/]+(?=\/)/.exec(path);
  return match?.[0];
}

/** Folder import cycles (one list of folders per cycle) inside each package's src/. */
export function folderCycles(result) {
  const graph = new Map();
  for (const module of result.modules) {
    const from = folderOf(module.source);
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    for (const dependency of module.dependencies) {
      const to = folderOf(dependency.resolved);
      if (to && to !== from && to.split('/')[1] === from.split('/')[1]) graph.get(from).add(to);
    }
  }
  return cycles(graph);
}

function main() {
  const found = folderCycles(cruiseRepository());
  for (const cycle of found) console.error(`folder cycle: ${cycle.join(' <-> ')}`);
  console.log(`folder import cycles: ${found.length}`);
  if (found.length > 0) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
