// OpenTelemetry is an optional peer: the published build must not load it unless a call asks for traces. These
// checks read and run the build (dist/), as an application gets it.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** Every JavaScript file of the build, by path under dist/. */
function builtFiles(): string[] {
  if (!existsSync(join(dist, 'index.js'))) throw new Error('dist/ is missing: run `pnpm build` first.');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(dist, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (/\.c?js$/.test(entry.name)) files.push(path);
    }
  };
  walk('');
  return files;
}

/**
 * A child process in which `@opentelemetry/api` cannot be resolved (a resolve hook refuses it and reports each try
 * to the parent thread): one call without telemetry, then one with it. Prints what happened as JSON.
 */
const CHILD = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const hook = \`
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@opentelemetry/')) {
    port.postMessage(specifier);
    throw Object.assign(new Error('Cannot find package ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return next(specifier, context);
}\`;
const { port1, port2 } = new MessageChannel();
const tries = [];
port1.on('message', (specifier) => tries.push(specifier));
port1.unref();
register('data:text/javascript,' + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

const { generateImage } = await import(process.argv[1]);
// A 1×1 PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const provider = {
  specificationVersion: 'v1', id: 'local', name: 'Local',
  models: [{ id: 'm', name: 'M', operations: ['generate'], sizes: { kind: 'pixels', presets: ['1x1'] },
    maxImagesPerCall: 1, maxImages: 1, options: {}, async: false, output: { delivery: 'bytes' } }],
  async submit() { return { type: 'images', images: [{ data: new Uint8Array(png) }] }; },
};
const plain = await generateImage({ provider, model: 'm', prompt: 'a dot' });
await settle();
const triesWithout = tries.length;
let traced;
try {
  await generateImage({ provider, model: 'm', prompt: 'a dot', telemetry: {} });
  traced = 'succeeded';
} catch (error) {
  traced = { code: error.code, field: error.field, message: error.message };
}
await settle();
console.log(JSON.stringify({ images: plain.images.length, triesWithout, triesWith: tries.length, traced }));
`;

describe('@opentelemetry/api stays optional', () => {
  it('is imported nowhere in the build but by the platform module, and only there lazily', () => {
    const files = builtFiles();
    const staticImport = /(?:\bfrom\s*|\brequire\(\s*|^\s*import\s*)["']@opentelemetry\//m;
    const lazyImport = /\bimport\(\s*["']@opentelemetry\/api["']\s*\)/;
    for (const file of files) {
      const text = readFileSync(join(dist, file), 'utf8');
      expect(staticImport.test(text), file).toBe(false);
      expect(lazyImport.test(text), file).toBe(/^platform\/open-telemetry\.c?js$/.test(file));
    }
    expect(files).toEqual(expect.arrayContaining(['index.js', 'index.cjs', 'platform/open-telemetry.js']));
  });

  it.each(['index.js', 'index.cjs'])(
    'runs a call without telemetry where it cannot be resolved (%s), and refuses one with it',
    (entry) => {
      builtFiles();
      const out = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', CHILD, pathToFileURL(join(dist, entry)).href],
        { encoding: 'utf8', timeout: 30_000 },
      );
      const seen = JSON.parse(out.trim().split('\n').pop()!);
      expect(seen).toMatchObject({ images: 1, triesWithout: 0 });
      // The hook did refuse it (the package is installed here): the traced call fails before any request.
      expect(seen.triesWith).toBeGreaterThan(0);
      expect(seen.traced).toMatchObject({ code: 'INVALID_REQUEST', field: 'telemetry' });
      expect(seen.traced.message).toMatch(/install it, or pass your tracer as telemetry\.tracer/);
    },
  );
});
