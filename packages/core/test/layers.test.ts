/**
 * Core's layers, as README's "Inside core" states them: a module imports only
 * its own layer and the layers to its left (type-only imports included), the
 * platform modules only through `#platform/<name>`, and no two files import
 * each other, however indirectly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LAYERS = ['spec', 'platform', 'errors', 'http', 'manifest', 'authoring', 'engine'];
const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

const modules = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => file.split(sep).join('/'));

/** Every specifier a file imports or re-exports, type-only and dynamic imports included. */
function specifiers(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  return [
    ...text.matchAll(/(?:\bimport|\bexport)\s[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => (m[1] ?? m[2])!);
}

/** The module a specifier names inside src (relative, or `#platform/<name>`), or undefined for a package. */
function target(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('#platform/')) return `platform/${specifier.slice('#platform/'.length)}.ts`;
  if (!specifier.startsWith('.')) return undefined;
  return relative(src, resolve(src, dirname(file), specifier.replace(/\.js$/, '.ts')))
    .split(sep)
    .join('/');
}

const layerOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : undefined);
const edges = modules.flatMap((file) =>
  specifiers(file).map((specifier) => ({ file, specifier, to: target(file, specifier) })),
);

describe('core in layers: spec ← platform ← errors ← http ← manifest ← authoring ← engine', () => {
  it('has no other folders, and each module imports only its own layer and those to its left', () => {
    expect([...new Set(modules.map(layerOf).filter(Boolean))].sort()).toEqual([...LAYERS].sort());
    const wrong = edges.filter(({ file, to }) => {
      const from = layerOf(file);
      if (!to || !from) return false;
      const toLayer = layerOf(to)!;
      if (from === 'platform') return toLayer !== 'spec';
      return LAYERS.indexOf(toLayer) > LAYERS.indexOf(from);
    });
    expect(wrong.map(({ file, specifier }) => `${file} imports ${specifier}`)).toEqual([]);
  });

  it('reaches the platform modules only through #platform/<name>, and each exists', () => {
    const relativeIntoPlatform = edges.filter(
      ({ file, specifier, to }) =>
        specifier.startsWith('.') && to?.startsWith('platform/') && !file.startsWith('platform/'),
    );
    expect(relativeIntoPlatform.map(({ file, specifier }) => `${file} imports ${specifier}`)).toEqual([]);
    const missing = edges.filter(({ specifier, to }) => specifier.startsWith('#platform/') && !modules.includes(to!));
    expect(missing.map(({ file, specifier }) => `${file} imports ${specifier}`)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    const graph = new Map(
      modules.map((file) => [
        file,
        edges.filter((e) => e.file === file && e.to && modules.includes(e.to)).map((e) => e.to!),
      ]),
    );
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of modules) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
