import { modelTableProblems } from '@imagegate/testing/fakes';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOAPIS_MODELS } from '../src/index.js';

describe('the README model table', () => {
  it('has one row per manifest model, with its aliases, async or not, and its documentation page', () => {
    expect(modelTableProblems(readFileSync(new URL('../README.md', import.meta.url), 'utf8'), TOAPIS_MODELS)).toEqual(
      [],
    );
  });

  it('would notice a row that drifted', () => {
    const [first] = TOAPIS_MODELS;
    expect(modelTableProblems('', TOAPIS_MODELS)[0]).toBe(`no row for ${first!.id}`);
  });
});
