import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GPTPROTO_MODELS } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README model table', () => {
  it('has one row per manifest model, with its aliases and its documentation page', () => {
    const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
    for (const model of GPTPROTO_MODELS) {
      const row = rows.find((line) => line.startsWith(`| \`${model.id}\` |`));
      expect(row, `no row for ${model.id}`).toBeDefined();
      for (const alias of model.aliases ?? []) expect(row, `${model.id} alias ${alias}`).toContain(`\`${alias}\``);
      expect(row, `${model.id} doc page`).toContain(`(${model.docsUrl})`);
      expect(row, `${model.id} async`).toMatch(model.async ? /\| yes \| \[page\]/ : /\| no \| \[page\]/);
    }
  });
});
