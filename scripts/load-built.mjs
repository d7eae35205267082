// Import a workspace package's built entry from a root script (the demo, `pnpm prices`).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A package that is not built, or has no such entry: the message says what to run. */
export class NotBuiltError extends Error {}

/**
 * Import a workspace package's built ESM entry, found through its `exports`
 * map: the repository root depends on no package, so bare names do not
 * resolve here.
 *
 * @param {string} folder - the package's folder under packages/
 * @param {string} [entry] - the export, `.` or a subpath such as `./provider`
 */
export async function loadBuilt(folder, entry = '.') {
  const dir = join(ROOT, 'packages', folder);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const target = manifest.exports?.[entry]?.import?.default;
  if (!target) throw new NotBuiltError(`${manifest.name} has no "${entry}" export.`);
  const file = join(dir, target);
  if (!existsSync(file))
    throw new NotBuiltError(
      `${manifest.name} is not built (${relative(ROOT, file)} is missing): ` +
        `run \`pnpm build\`, or use \`pnpm demo\`, which builds first.`,
    );
  return import(pathToFileURL(file).href);
}
