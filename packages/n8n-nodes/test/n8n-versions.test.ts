import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const packages = join(__dirname, '..', '..');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
/** The one place the supported n8n releases are written down (the e2e's oldest and newest come from it). */
const versions = read(join(__dirname, '..', 'e2e', 'n8n-versions.json')) as {
  supported: string;
  oldest: string;
  newest: string;
};

describe('the n8n releases the packages support', () => {
  it('is one range, from the oldest release the e2e runs on, below n8n 3', () => {
    expect(versions.supported).toBe(`>=${versions.oldest} <3`);
    const [major, minor] = versions.newest.split('.').map(Number);
    expect(major).toBe(2);
    expect(minor).toBeGreaterThanOrEqual(Number(versions.oldest.split('.')[1]));
  });

  it.each(['n8n', 'n8n-nodes', 'n8n-nodes-gptproto', 'n8n-nodes-toapis'])(
    "is what packages/%s's manifest says (engines.n8n)",
    (dir) => {
      expect(read(join(packages, dir, 'package.json')).engines).toEqual({
        node: '>=20.19.0',
        n8n: versions.supported,
      });
    },
  );

  it.each(['n8n-nodes', 'n8n-nodes-gptproto', 'n8n-nodes-toapis'])('is stated in packages/%s/README.md', (dir) => {
    const readme = readFileSync(join(packages, dir, 'README.md'), 'utf8');
    expect(readme).toContain(versions.supported);
    expect(readme).toContain(versions.oldest);
    expect(readme).toContain(versions.newest);
  });
});
