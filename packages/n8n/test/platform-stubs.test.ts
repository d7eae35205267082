// The stubs stand in for core's platform modules (`#platform/<name>`) in every
// node bundle: one per module, exporting the same names, and swapped in
// whether core is bundled from its sources (this workspace) or from its
// published dist (a third party's node package).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { nodePackageConfig } from '../build/node-package.mjs';
import { scannerFindings } from '../build/package-checks.mjs';

const stubs = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'platform-stubs');
const core = dirname(createRequire(import.meta.url).resolve('@imagegate/core/package.json'));
const platform = join(core, 'src', 'platform');
const modulesIn = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();

/** Every name a module exports, values and types alike. */
function exportedNames(files: string[]): Map<string, string[]> {
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  return new Map(
    files.map((file) => {
      const symbol = checker.getSymbolAtLocation(program.getSourceFile(file)!);
      return [
        file,
        symbol
          ? checker
              .getExportsOfModule(symbol)
              .map((s) => s.name)
              .sort()
          : [],
      ];
    }),
  );
}

describe("core's platform modules and the kit's stubs", () => {
  it('has a stub for every platform module and none for a module core does not have', () => {
    expect(modulesIn(platform).length).toBeGreaterThan(0);
    expect(modulesIn(stubs)).toEqual(modulesIn(platform));
  });

  it('each stub exports exactly the names of the module it replaces', () => {
    const names = modulesIn(platform);
    const exports = exportedNames(names.flatMap((name) => [join(platform, `${name}.ts`), join(stubs, `${name}.ts`)]));
    for (const name of names) {
      const expected = exports.get(join(platform, `${name}.ts`))!;
      expect(expected.length, `#platform/${name} exports nothing`).toBeGreaterThan(0);
      expect(exports.get(join(stubs, `${name}.ts`)), `platform-stubs/${name}.ts`).toEqual(expected);
    }
  });

  it("swaps them in a node bundled from core's published dist, which then passes the scanner's rules", async () => {
    const root = mkdtempSync(join(tmpdir(), 'imagegate-stubs-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'stub-probe', private: true }));
      mkdirSync(join(root, 'src'));
      // Core's dist, as a third party's node package would have it: the engine, the default transport, the sleep, the
      // registry.
      writeFileSync(
        join(root, 'src', 'probe.ts'),
        `export { generateImage } from ${JSON.stringify(join(core, 'dist', 'index.js'))};\n` +
          `export { createFetchTransport } from ${JSON.stringify(join(core, 'dist', 'provider.js'))};\n`,
      );
      await build({
        ...nodePackageConfig({ root, entries: { probe: 'src/probe.ts' } }),
        silent: true,
        onSuccess: undefined,
      });
      const bundle = readFileSync(join(root, 'dist', 'probe.js'), 'utf8');
      // Asserted as booleans: a failure should not print a minified bundle.
      expect(bundle.includes('ImageGate in n8n sends HTTP through n8n'), 'the transport stub is in the bundle').toBe(
        true,
      );
      expect(/undici|#platform\//.test(bundle), 'undici or a #platform import is in the bundle').toBe(false);
      expect(await scannerFindings(root, [join(root, 'dist', 'probe.js')])).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
