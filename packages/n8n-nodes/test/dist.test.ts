import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  n8n: { nodes: string[]; credentials: string[] };
  dependencies?: Record<string, string>;
};
const load = createRequire(join(root, 'package.json'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

describe('dist/ as n8n loads it', () => {
  it('has no runtime dependencies, and its bundles require only n8n-workflow and Node built-ins', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    const allowed = new Set(['n8n-workflow', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const required = files(join(root, 'dist'))
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!));
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((r) => !allowed.has(r))).toEqual([]);
    // The default undici transport and timer-based sleep are not bundled: the node passes n8n's own.
    const bundle = readFileSync(join(root, 'dist/nodes/ImageGate/ImageGate.node.js'), 'utf8');
    expect(bundle).not.toMatch(/undici/);
    expect(bundle).not.toMatch(/\bsetTimeout\(/);
  });

  it('loads every credential named in the n8n field, with a test request and authentication', () => {
    expect(pkg.n8n.credentials).toHaveLength(2);
    for (const file of pkg.n8n.credentials) {
      const exports = load(join(root, file)) as Record<string, new () => { name: string; properties: unknown[]; authenticate: unknown; test: unknown }>;
      const [className, Credential] = Object.entries(exports)[0]!;
      const credential = new Credential();
      expect(file).toContain(`${className}.credentials.js`);
      expect(credential.name).toBe(className.charAt(0).toLowerCase() + className.slice(1));
      expect(credential.properties.length).toBeGreaterThanOrEqual(2);
      expect(credential.authenticate).toBeTruthy();
      expect(credential.test).toBeTruthy();
    }
  });

  it('loads the node named in the n8n field, with its icons and codex beside it', () => {
    const [file] = pkg.n8n.nodes;
    const { ImageGate } = load(join(root, file!)) as { ImageGate: new () => { description: { name: string; properties: Array<{ name: string }>; credentials: unknown[]; usableAsTool: boolean; icon: { light: string; dark: string } }; methods: { listSearch: Record<string, unknown> } } };
    const node = new ImageGate();
    expect(node.description.name).toBe('imageGate');
    expect(node.description.usableAsTool).toBe(true);
    expect(node.description.credentials).toHaveLength(2);
    expect(Object.keys(node.methods.listSearch)).toEqual(['searchModels']);
    const names = new Set(node.description.properties.map((p) => p.name));
    for (const name of ['provider', 'resource', 'operation', 'model', 'prompt', 'size', 'task', 'waitForCompletion', 'options']) expect(names).toContain(name);
    const dir = join(root, 'dist/nodes/ImageGate');
    for (const icon of [node.description.icon.light, node.description.icon.dark]) expect(statSync(join(dir, icon.replace('file:', ''))).size).toBeGreaterThan(100);
    const codex = JSON.parse(readFileSync(join(dir, 'ImageGate.node.json'), 'utf8')) as { node: string };
    expect(codex.node).toBe('n8n-nodes-imagegate.imageGate');
  });
});
