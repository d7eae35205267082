// The n8n community package `create-provider --n8n` writes beside the
// provider: a package of this workspace (`@imagegate/n8n-nodes-<id>`, from
// n8n/), or a third party's own (from n8n/ with n8n-standalone/ over it),
// which installs from the published core, node kit and its provider.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { AUTHOR_PLACEHOLDER, repositoryFor } from './publisher.mjs';
import { UsageError } from './usage-error.mjs';

const HERE = dirname(new URL(import.meta.url).pathname);

/** n8n installs community packages named `n8n-nodes-<name>` or `@<scope>/n8n-nodes-<name>` only. */
export function checkN8nPackageName(name) {
  if (!/^(@[a-z0-9][a-z0-9._-]*\/)?n8n-nodes-[a-z0-9][a-z0-9._-]*$/.test(name))
    throw new UsageError(
      `--n8n-package "${name}" is not an n8n community package name: n8n installs only ` +
        'n8n-nodes-<name> or @<scope>/n8n-nodes-<name> (lower case, e.g. @someone/n8n-nodes-acme).',
    );
  return name;
}

/** A standalone provider's n8n package: in the provider's npm scope, if it has one. */
export function n8nPackageNameFor(packageName, id) {
  const scope = /^(@[^/]+)\//.exec(packageName)?.[1];
  return scope ? `${scope}/n8n-nodes-${id}` : `n8n-nodes-${id}`;
}

/** Every file under `dir`, as paths relative to it. */
function walk(dir, prefix = '') {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    const rel = prefix ? `${prefix}/${entry}` : entry;
    return statSync(path).isDirectory() ? walk(path, rel) : [rel];
  });
}

/**
 * Add the n8n package's files to `files` (absolute path → content), in
 * `n8n-nodes-<id>` beside the provider at `target`. `values` are the
 * provider's template values; a standalone package takes its name, author and
 * repository from `publisher` and the kit's version range from `kitRange`.
 */
export function planN8nPackage({ files, target, names, values, standalone, publisher = {}, kitRange, root }) {
  const n8nTarget = join(dirname(target), `n8n-nodes-${names.id}`);
  const n8nPackage = standalone
    ? checkN8nPackageName(publisher.n8nPackageName ?? n8nPackageNameFor(values.__PACKAGE__, names.id))
    : `@imagegate/n8n-nodes-${names.id}`;
  const repository = standalone ? (publisher.n8nRepository ?? repositoryFor(n8nPackage)) : '';
  const n8nValues = {
    ...values,
    __N8N_PACKAGE__: n8nPackage,
    __N8N_REPOSITORY__: repository,
    __N8N_DOCS__: standalone
      ? repository
      : `https://github.com/imagegate/imagegate/tree/main/packages/n8n-nodes-${names.id}`,
    __AUTHOR__: publisher.author ?? AUTHOR_PLACEHOLDER,
    __KIT_RANGE__: kitRange ?? '',
    // The provider, next door: npm links the folder, and the kit bundles it from its sources.
    __PROVIDER_SPEC__: `file:${relative(n8nTarget, target).split(sep).join('/')}`,
    __PROVIDER_DIR__: basename(target),
    __TSCONFIG_BASE__: relative(n8nTarget, join(root, 'tsconfig.base.json')).split(sep).join('/'),
  };
  const fill = (text) => text.replace(/__[A-Z0-9_]+?__/g, (token) => n8nValues[token] ?? token);
  const add = (dir, rel) =>
    files.set(
      join(n8nTarget, fill(rel === 'gitignore' ? '.gitignore' : rel)),
      fill(readFileSync(join(dir, rel), 'utf8')),
    );
  for (const rel of walk(join(HERE, 'n8n'))) add(join(HERE, 'n8n'), rel);
  // Standalone versions replace package.json, tsconfig.json, eslint.config.mjs, LICENSE and README.md.
  if (standalone) for (const rel of walk(join(HERE, 'n8n-standalone'))) add(join(HERE, 'n8n-standalone'), rel);
  return { n8nTarget, n8nPackage };
}
