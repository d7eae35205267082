// Who publishes a standalone package and from where: its author and its
// repository, from flags, asked for on a terminal, or a placeholder that the
// kit's package checks refuse (so nothing is published under it). Never
// ImageGate's: a third party's packages are theirs.
import { createInterface } from 'node:readline/promises';
import { UsageError } from './usage-error.mjs';

/** What a package says while nobody has named its author (refused by `@imagegate/n8n/checks`). */
export const AUTHOR_PLACEHOLDER = 'Your Name <you@example.com>';
/** The owner a repository URL gets while nobody has named it (refused by `@imagegate/n8n/checks`). */
export const OWNER_PLACEHOLDER = 'your-github-user';

/** `--author`: a name, optionally followed by `<email>`. */
export function checkAuthor(author) {
  if (!/^[^<>\s][^<>]*?( <[^<>\s@]+@[^<>\s@]+>)?$/.test(author ?? ''))
    throw new UsageError(
      `--author "${author}" is not an author: give a name and optionally an email, e.g. "Jane Doe <jane@example.com>".`,
    );
  return author.trim();
}

/** `--repository` / `--n8n-repository`: an https URL (a `git+` prefix or `.git` suffix is dropped). */
export function checkRepository(url, flag = '--repository') {
  const plain = (url ?? '')
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/\/$/, '');
  if (!/^https:\/\/[^\s/]+\/\S+$/.test(plain))
    throw new UsageError(
      `${flag} "${url}" is not a repository URL: give its https address, ` +
        'e.g. https://github.com/someone/imagegate-provider-acme.',
    );
  if (/github\.com\/imagegate\/imagegate(\/|$)/.test(plain))
    throw new UsageError(`${flag} names ImageGate's repository: give your own, which npm provenance checks.`);
  return plain;
}

/** https://github.com/<scope>/<name> for `@scope/name`; a placeholder owner otherwise. */
export function repositoryFor(packageName) {
  const scoped = /^@([^/]+)\/(.+)$/.exec(packageName);
  return scoped
    ? `https://github.com/${scoped[1]}/${scoped[2]}`
    : `https://github.com/${OWNER_PLACEHOLDER}/${packageName}`;
}

/**
 * On a terminal, ask for the author and the repositories not given as flags
 * (Enter keeps the guess shown, from `guesses`: `{ repository, n8nRepository }`,
 * the latter only with --n8n); elsewhere (CI, tests) they stay as they are.
 */
export async function askPublisher(options, guesses, { input = process.stdin, output = process.stdout } = {}) {
  if (!input.isTTY) return options;
  const rl = createInterface({ input, output });
  const ask = async (question, check) => {
    const answer = (await rl.question(question)).trim();
    return answer ? check(answer) : undefined;
  };
  try {
    const asked = { ...options };
    asked.author ??= await ask('Author of the packages ("Name <email>"): ', checkAuthor);
    asked.repository ??= await ask(`Repository of the provider (${guesses.repository}): `, checkRepository);
    if (guesses.n8nRepository)
      asked.n8nRepository ??= await ask(`Repository of the n8n package (${guesses.n8nRepository}): `, (url) =>
        checkRepository(url, '--n8n-repository'),
      );
    return asked;
  } finally {
    rl.close();
  }
}
