#!/usr/bin/env node
// `pnpm create-provider <id> [--dir <path>] [--package <name>]`: generate a
// provider package from the templates in scripts/create-provider/ (see
// docs/writing-a-provider.md). Plain Node, no dependencies.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HERE = join(ROOT, 'scripts', 'create-provider');
const USAGE = `Usage: pnpm create-provider <id> [--dir <path>] [--package <name>] [--n8n]

  <id>              lower-case letters, digits and dashes, starting with a letter (e.g. acme, my-vendor)
  --dir <path>      generate there instead of packages/provider-<id>; outside this repository the
                    package is standalone (named imagegate-provider-<id> unless --package names it)
  --package <name>  a standalone package for your own repository (e.g. @someone/imagegate-provider-acme):
                    @imagegate/core becomes a peer dependency, and a changesets set-up and a release
                    workflow with npm provenance are added
  --n8n             also an n8n community package for the provider on the ImageGate node kit, beside it
                    in this workspace (packages/n8n-nodes-<id>): its node and credential, build, lint
                    and package checks`;

class UsageError extends Error {}

/** Parse argv into { id, dir, packageName }. */
export function parseArgs(argv) {
  const options = { id: undefined, dir: undefined, packageName: undefined, n8n: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new UsageError('');
    if (arg === '--n8n') {
      options.n8n = true;
      continue;
    }
    if (arg === '--dir' || arg === '--package') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      if (arg === '--dir') options.dir = value;
      else options.packageName = value;
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
    else if (options.id === undefined) options.id = arg;
    else throw new UsageError(`Unexpected argument "${arg}".`);
  }
  if (options.id === undefined) throw new UsageError('The provider id is missing.');
  return options;
}

/** The names derived from an id: `my-vendor` → MyVendor, createMyVendor, MY_VENDOR, myVendor. */
export function namesFor(id) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) {
    throw new UsageError(
      `"${id}" is not a valid provider id: use lower-case letters, digits ` +
        `and single dashes, starting with a letter (e.g. acme, my-vendor).`,
    );
  }
  const parts = id.split('-');
  const pascal = parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  return {
    id,
    name: pascal,
    factory: `create${pascal}`,
    constant: parts.join('_').toUpperCase(),
    camel: pascal[0].toLowerCase() + pascal.slice(1),
  };
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
 * The version range a standalone package gives `@imagegate/core` (and
 * `@imagegate/testing`, released in lockstep with it): the core of this
 * checkout and its successors of the same major. Below 1.0 that is every 0.x,
 * written out (`^0.0.0` would accept 0.0.0 alone), so that a core packed from
 * an unreleased checkout (0.0.0) installs as well.
 */
export function coreRange(
  version = JSON.parse(readFileSync(join(ROOT, 'packages', 'core', 'package.json'), 'utf8')).version,
) {
  const major = Number(version.split('.')[0]);
  return major === 0 ? `>=${version} <1.0.0` : `^${version}`;
}

/** https://github.com/<scope>/<name> for `@scope/name`; a placeholder owner otherwise. */
function repositoryFor(packageName) {
  const scoped = /^@([^/]+)\/(.+)$/.exec(packageName);
  return scoped ? `https://github.com/${scoped[1]}/${scoped[2]}` : `https://github.com/your-github-user/${packageName}`;
}

/**
 * Plan the files to write: a map of absolute path → content. Nothing is
 * written, so every check can fail before the first file exists.
 */
export function plan({ id, dir, packageName, workspace = false, n8n = false }, cwd = process.cwd()) {
  const names = namesFor(id);
  if (packageName !== undefined && !/^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/.test(packageName)) {
    throw new UsageError(
      `"${packageName}" is not a valid npm package name (lower case, e.g. @someone/imagegate-provider-${id}).`,
    );
  }
  const target = dir === undefined ? join(ROOT, 'packages', `provider-${id}`) : resolve(cwd, dir);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    throw new UsageError(
      `${target} already exists; pick another id or --dir (an existing folder is used only when empty).`,
    );
  }
  // Outside this repository a workspace package cannot install (`workspace:` ranges, a tsconfig of the repo):
  // such a folder gets the standalone package, named `imagegate-provider-<id>` unless --package says otherwise.
  const insideRepository = !relative(ROOT, target).startsWith('..') && !isAbsolute(relative(ROOT, target));
  // (`workspace: true` keeps the workspace flavor anywhere: this
  // repository's own scaffold test links it to the workspace.)
  if (packageName === undefined && !insideRepository && !workspace) packageName = `imagegate-provider-${id}`;
  const standalone = packageName !== undefined;
  const values = {
    __ID__: names.id,
    __NAME__: names.name,
    __FACTORY__: names.factory,
    __CONST__: names.constant,
    __CAMEL__: names.camel,
    __PACKAGE__: packageName ?? `@imagegate/provider-${id}`,
    __TSCONFIG_BASE__: relative(target, join(ROOT, 'tsconfig.base.json')).split(sep).join('/'),
    __CORE_RANGE__: standalone ? coreRange() : '',
    __REPOSITORY__: standalone ? repositoryFor(packageName) : '',
    __YEAR__: String(new Date().getFullYear()),
  };
  const fill = (text) => text.replace(/__[A-Z_]+?__/g, (token) => values[token] ?? token);

  const files = new Map();
  const add = (from, rel) => files.set(join(target, fill(rel)), fill(readFileSync(from, 'utf8')));
  for (const rel of walk(join(HERE, 'template'))) add(join(HERE, 'template', rel), rel);
  if (standalone) {
    // Standalone versions replace package.json, tsconfig.json and LICENSE, and add the release set-up.
    for (const rel of walk(join(HERE, 'standalone')))
      add(join(HERE, 'standalone', rel), rel === 'gitignore' ? '.gitignore' : rel);
    add(join(HERE, 'changeset.md'), `.changeset/provider-${id}-first.md`);
  } else if (dirname(target) === join(ROOT, 'packages')) {
    // A workspace package of this repository: its changeset goes to the root .changeset/.
    add(join(HERE, 'changeset.md'), join('..', '..', '.changeset', `provider-${id}-first.md`));
  }

  if (n8n) {
    // The node kit builds node packages of this workspace; a standalone provider's n8n package is not generated (yet).
    if (standalone)
      throw new UsageError(
        '--n8n generates a package of this workspace, beside the provider ' +
          'in packages/; drop --package (or --dir outside the repository).',
      );
    const n8nTarget = join(dirname(target), `n8n-nodes-${id}`);
    if (existsSync(n8nTarget)) throw new UsageError(`${n8nTarget} already exists; pick another id.`);
    const n8nValues = {
      ...values,
      __N8N_PACKAGE__: `@imagegate/n8n-nodes-${id}`,
      __TSCONFIG_BASE__: relative(n8nTarget, join(ROOT, 'tsconfig.base.json')).split(sep).join('/'),
    };
    const fillN8n = (text) => text.replace(/__[A-Z0-9_]+?__/g, (token) => n8nValues[token] ?? token);
    for (const rel of walk(join(HERE, 'n8n')))
      files.set(join(n8nTarget, fillN8n(rel)), fillN8n(readFileSync(join(HERE, 'n8n', rel), 'utf8')));
    if (dirname(target) === join(ROOT, 'packages')) {
      files.set(
        join(ROOT, '.changeset', `n8n-nodes-${id}-first.md`),
        `---\n"@imagegate/n8n-nodes-${id}": minor\n---\n\nThe ${names.name} ` +
          `Image node for n8n, on the ImageGate node kit.\n`,
      );
    }
  }

  for (const [path, content] of files) {
    const left = /__[A-Z_]+?__/.exec(content);
    if (left) throw new Error(`template bug: ${relative(ROOT, path)} still holds ${left[0]}`);
    if (existsSync(path)) throw new UsageError(`${path} already exists.`);
  }
  return { target, files, names, standalone };
}

/** Write the files of a {@link plan}. */
export function write({ files }) {
  for (const [path, content] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

function main() {
  let result;
  try {
    result = plan(parseArgs(process.argv.slice(2)), process.env.INIT_CWD ?? process.cwd());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (!error.message) {
      console.log(USAGE);
      return;
    }
    console.error(`create-provider: ${error.message}\n\n${USAGE}`);
    process.exit(1);
  }
  const { target, files, names, standalone } = result;
  write(result);
  const shown = target;
  console.log(`Created ${names.name} provider in ${shown} (${files.size} files):`);
  for (const path of files.keys()) console.log(`  ${relative(target, path)}`);
  console.log('\nNext:');
  if (standalone) {
    const version = JSON.parse(readFileSync(join(ROOT, 'packages', 'core', 'package.json'), 'utf8')).version;
    const tarball = (name) => join(tmpdir(), `imagegate-${name}-${version}.tgz`);
    // 0.0.0 is this checkout's unreleased core: nothing to install from npm yet.
    if (version !== '0.0.0') console.log(`  cd ${shown} && npm install && npm test`);
    if (version !== '0.0.0')
      console.log('  or, to develop against this checkout of @imagegate/core and @imagegate/testing:');
    console.log(
      `  pnpm --dir ${ROOT} install && pnpm --dir ${ROOT} --filter @imagegate/core --filter @imagegate/testing build`,
    );
    console.log(
      `  pnpm --dir ${ROOT}/packages/core pack --pack-destination ${tmpdir()} && ` +
        `pnpm --dir ${ROOT}/packages/testing pack --pack-destination ${tmpdir()}`,
    );
    console.log(`  cd ${shown} && npm install --save-dev ${tarball('core')} ${tarball('testing')} && npm test`);
    console.log(
      `  before publishing, check "repository" in package.json ` +
        `(guessed: ${repositoryFor(packageNameOf(result))}); npm provenance checks it.`,
    );
  } else {
    // turbo builds core and the test kit first: a fresh clone has no dist/ yet.
    console.log(`  pnpm install && pnpm turbo run test --filter=${packageNameOf(result)}`);
    // The templates are formatted for a short id such as acme: a longer one can make Prettier wrap lines otherwise.
    console.log('  pnpm -w format');
  }
  if (files.size && [...files.keys()].some((path) => path.includes(`${sep}n8n-nodes-${names.id}${sep}`))) {
    console.log(
      `  the n8n package: pnpm install && pnpm turbo run build lint test --filter=@imagegate/n8n-nodes-${names.id}`,
    );
  }
  console.log(
    `  then make src/${names.id}-predictions-api.ts, src/${names.id}-tasks-api.ts, src/${names.id}-models.ts ` +
      `and test/${names.id}-contract.test.ts speak the real vendor (docs/writing-a-provider.md).`,
  );
}

function packageNameOf(result) {
  return JSON.parse(result.files.get(join(result.target, 'package.json'))).name;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
