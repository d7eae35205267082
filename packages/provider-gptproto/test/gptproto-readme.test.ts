import { modelTableProblems } from '@imagegate/testing/fakes';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GPTPROTO_MODELS } from '../src/index.js';

describe('the README model table', () => {
  it('has one row per manifest model, with its aliases, async or not, and its documentation page', () => {
    expect(modelTableProblems(readFileSync(new URL('../README.md', import.meta.url), 'utf8'), GPTPROTO_MODELS)).toEqual(
      [],
    );
  });

  it('would notice a row that drifted', () => {
    const [first] = GPTPROTO_MODELS;
    expect(modelTableProblems('', GPTPROTO_MODELS)[0]).toBe(`no row for ${first!.id}`);
  });
});
