import type { Options } from 'tsup';

/** Options of {@link nodePackageConfig}. */
export interface NodePackageOptions {
  /** The node package's directory. */
  root: string;
  /** Output path without `.js` → source file, relative to `root`. */
  entries: Record<string, string>;
  /** Files copied after the build (icons, codex): source → destination, relative to `root`. */
  assets?: Record<string, string>;
}

/** The tsup configuration of an n8n node package built on the kit. */
export function nodePackageConfig(options: NodePackageOptions): Options;
