#!/usr/bin/env node
// `pnpm create-provider <id> [--dir <path>] [--package <name>]`: generate a
// provider package from the templates in scripts/create-provider/ (see
// docs/writing-a-provider.md). Plain Node, no dependencies.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planN8nPackage } from './create-provider/n8n-package.mjs';
import {
  AUTHOR_PLACEHOLDER,
  askPublisher,
  checkAuthor,
  checkRepository,
  repositoryFor,
} from './create-provider/publisher.mjs';
import { UsageError } from './create-provider/usage-error.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HERE = join(ROOT, 'scripts', 'create-provider');
const USAGE = `Usage: pnpm create-provider <id> [--dir <path>] [--package <name>] [--n8n] [--n8n-package <name>]
                            [--author "<name> <email>"] [--repository <url>] [--n8n-repository <url>]

  <id>              lower-case letters, digits and dashes, starting with a letter (e.g. acme, my-vendor)
  --dir <path>      generate there instead of packages/provider-<id>; outside this repository the
                    package is standalone (named imagegate-provider-<id> unless --package names it)
  --package <name>  a standalone package for your own repository (e.g. @someone/imagegate-provider-acme):
                    @imagegate/core becomes a peer dependency, and a changesets set-up and a release
                    workflow with npm provenance are added
  --n8n             also an n8n community package for the provider on the ImageGate node kit, beside it
                    (n8n-nodes-<id>): its node and credential, build, lint and package checks; in this
                    workspace @imagegate/n8n-nodes-<id>, for a standalone provider a package of its own
  --n8n-package <name>  the standalone n8n package's name: n8n-nodes-<name> or @<scope>/n8n-nodes-<name>
                    (default: n8n-nodes-<id> in the scope of --package)
  --author "<name> <email>"  the standalone packages' author (asked on a terminal; a placeholder otherwise,
                    which the n8n package's checks refuse until you replace it)
  --repository <url>      the standalone provider's repository (default guessed from --package's scope)
  --n8n-repository <url>  the standalone n8n package's repository (default guessed from its name's scope)`;

const VALUE_FLAGS = {
  '--dir': 'dir',
  '--package': 'packageName',
  '--n8n-package': 'n8nPackageName',
  '--author': 'author',
  '--repository': 'repository',
  '--n8n-repository': 'n8nRepository',
};
/** What only a standalone package takes (a workspace package is ImageGate's). */
const PUBLISHER_FLAGS = ['--n8n-package', '--author', '--repository', '--n8n-repository'];

/** Parse argv into { id, n8n, and the value of each flag of VALUE_FLAGS }. */
export function parseArgs(argv) {
  const options = { id: undefined, n8n: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new UsageError('');
    if (arg === '--n8n') {
      options.n8n = true;
      continue;
    }
    if (arg in VALUE_FLAGS) {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      options[VALUE_FLAGS[arg]] = value;
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
    else if (options.id === undefined) options.id = arg;
    else throw new UsageError(`Unexpected argument "${arg}".`);
  }
  if (options.id === undefined) throw new UsageError('The provider id is missing.');
  if (options.n8nPackageName !== undefined && !options.n8n)
    throw new UsageError('--n8n-package names the n8n package: add --n8n.');
  if (options.n8nRepository !== undefined && !options.n8n)
    throw new UsageError("--n8n-repository is the n8n package's repository: add --n8n.");
  if (options.author !== undefined) options.author = checkAuthor(options.author);
  if (options.repository !== undefined) options.repository = checkRepository(options.repository);
  if (options.n8nRepository !== undefined)
    options.n8nRepository = checkRepository(options.n8nRepository, '--n8n-repository');
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

/** The version of this checkout's packages/<dir>. */
const versionOf = (dir) => JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')).version;

/**
 * The version range a standalone package gives `@imagegate/core` (and
 * `@imagegate/testing`, released in lockstep with it): the core of this
 * checkout and its successors of the same major. Below 1.0 that is every 0.x,
 * written out (`^0.0.0` would accept 0.0.0 alone), so that a core packed from
 * an unreleased checkout (0.0.0) installs as well.
 */
export function coreRange(version = versionOf('core')) {
  const major = Number(version.split('.')[0]);
  return major === 0 ? `>=${version} <1.0.0` : `^${version}`;
}

/**
 * Plan the files to write: a map of absolute path → content. Nothing is
 * written, so every check can fail before the first file exists.
 */
export function plan(
  { id, dir, packageName, workspace = false, n8n = false, n8nPackageName, author, repository, n8nRepository },
  cwd = process.cwd(),
) {
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
  const given = [n8nPackageName, author, repository, n8nRepository];
  const misplaced = PUBLISHER_FLAGS.find((flag, i) => given[i] !== undefined);
  if (misplaced && !standalone)
    throw new UsageError(
      `${misplaced} is for a standalone package, which you publish yourself: add --package ` +
        "(or --dir outside this repository); a package of this workspace is ImageGate's.",
    );
  const values = {
    __ID__: names.id,
    __NAME__: names.name,
    __FACTORY__: names.factory,
    __CONST__: names.constant,
    __CAMEL__: names.camel,
    __PACKAGE__: packageName ?? `@imagegate/provider-${id}`,
    __TSCONFIG_BASE__: relative(target, join(ROOT, 'tsconfig.base.json')).split(sep).join('/'),
    __CORE_RANGE__: standalone ? coreRange() : '',
    __REPOSITORY__: standalone ? (repository ?? repositoryFor(packageName)) : '',
    __AUTHOR__: author ?? AUTHOR_PLACEHOLDER,
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

  let n8nTarget;
  if (n8n) {
    const kitRange = standalone ? coreRange(versionOf('n8n')) : undefined;
    ({ n8nTarget } = planN8nPackage({
      files,
      target,
      names,
      values,
      standalone,
      kitRange,
      root: ROOT,
      publisher: { n8nPackageName, n8nRepository, author },
    }));
    if (existsSync(n8nTarget)) throw new UsageError(`${n8nTarget} already exists; pick another id or --dir.`);
    if (dirname(target) === join(ROOT, 'packages')) {
      files.set(
        join(ROOT, '.changeset', `n8n-nodes-${id}-first.md`),
        `---\n"@imagegate/n8n-nodes-${id}": minor\n---\n\nThe ${names.name} ` +
          `Image node for n8n, on the ImageGate node kit.\n`,
      );
    }
  }

  for (const [path, content] of files) {
    const left = /__[A-Z0-9_]+?__/.exec(content);
    if (left) throw new Error(`template bug: ${relative(ROOT, path)} still holds ${left[0]}`);
    if (existsSync(path)) throw new UsageError(`${path} already exists.`);
  }
  return { target, files, names, standalone, n8nTarget };
}

/** Write the files of a {@link plan}. */
export function write({ files }) {
  for (const [path, content] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

async function main() {
  let result;
  try {
    const options = parseArgs(process.argv.slice(2));
    const cwd = process.env.INIT_CWD ?? process.cwd();
    // Plan once before asking anything, so that a wrong id or folder fails first.
    result = plan(options, cwd);
    if (result.standalone) {
      // The guesses shown when asking: the repositories the packages would get.
      const repositoryOf = (dir) =>
        dir && JSON.parse(result.files.get(join(dir, 'package.json'))).repository.url.replace(/^git\+|\.git$/g, '');
      const guesses = { repository: repositoryOf(result.target), n8nRepository: repositoryOf(result.n8nTarget) };
      result = plan(await askPublisher(options, guesses), cwd);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (!error.message) {
      console.log(USAGE);
      return;
    }
    console.error(`create-provider: ${error.message}\n\n${USAGE}`);
    process.exit(1);
  }
  const { target, files, names, standalone, n8nTarget } = result;
  write(result);
  console.log(`Created ${names.name} provider in ${target} (${files.size} files):`);
  for (const path of files.keys()) console.log(`  ${relative(dirname(target), path)}`);
  console.log('\nNext:');
  if (standalone) nextStandalone(result);
  else {
    // turbo builds core and the test kit first: a fresh clone has no dist/ yet.
    console.log(`  pnpm install && pnpm turbo run test --filter=${packageNameOf(result)}`);
    // The templates are formatted for a short id such as acme: a longer one can make Prettier wrap lines otherwise.
    console.log('  pnpm -w format');
    if (n8nTarget)
      console.log(
        `  the n8n package: pnpm install && pnpm turbo run build lint test --filter=@imagegate/n8n-nodes-${names.id}`,
      );
  }
  console.log(
    `  then make src/${names.id}-predictions-api.ts, src/${names.id}-tasks-api.ts, src/${names.id}-models.ts ` +
      `and test/${names.id}-contract.test.ts speak the real vendor (docs/writing-a-provider.md).`,
  );
}

/** A standalone provider's next steps (and its n8n package's): install, test, what to check before publishing. */
function nextStandalone(result) {
  const { target, n8nTarget } = result;
  const version = versionOf('core');
  const tarball = (name) => join(tmpdir(), `imagegate-${name}-${name === 'n8n' ? versionOf('n8n') : version}.tgz`);
  const kits = n8nTarget ? ['core', 'testing', 'n8n'] : ['core', 'testing'];
  // The n8n package's test imports the provider's build.
  const buildProvider = n8nTarget ? ' && npm run build' : '';
  // 0.0.0 is this checkout's unreleased core: nothing to install from npm yet.
  if (version !== '0.0.0') {
    console.log(`  cd ${target} && npm install && npm test${buildProvider}`);
    if (n8nTarget) console.log(`  cd ${n8nTarget} && npm install && npm run build && npm test`);
    console.log(`  or, to develop against this checkout of ${kits.map((k) => `@imagegate/${k}`).join(', ')}:`);
  }
  console.log(
    `  pnpm --dir ${ROOT} install && pnpm --dir ${ROOT} ${kits.map((k) => `--filter @imagegate/${k}`).join(' ')} build`,
  );
  console.log(
    `  ${kits.map((k) => `pnpm --dir ${ROOT}/packages/${k} pack --pack-destination ${tmpdir()}`).join(' && ')}`,
  );
  console.log(
    `  cd ${target} && npm install --save-dev ${tarball('core')} ${tarball('testing')} && npm test${buildProvider}`,
  );
  if (n8nTarget)
    console.log(
      `  cd ${n8nTarget} && npm install --save-dev ${tarball('core')} ${tarball('n8n')} && npm run build && npm test`,
    );
  const manifests = [target, n8nTarget]
    .filter(Boolean)
    .map((dir) => JSON.parse(result.files.get(join(dir, 'package.json'))));
  for (const pkg of manifests)
    console.log(
      `  before publishing ${pkg.name}, check "author" (${pkg.author}) and "repository" ` +
        `(${pkg.repository.url.replace(/^git\+|\.git$/g, '')}) in its package.json; npm provenance checks the latter.`,
    );
}

function packageNameOf(result) {
  return JSON.parse(result.files.get(join(result.target, 'package.json'))).name;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
