import { join } from 'node:path';
import { describeNodePackage } from '@imagegate/n8n/checks';
import { describe, expect, it } from 'vitest';

describeNodePackage(join(__dirname, '..'), { describe, it, expect });

describe('__NAME__ Image', () => {
  it('integrates __NAME__ alone: one credential, no Provider choice, its flagship preselected', async () => {
    const { __NAME__Image } = await import('../src/nodes/__NAME__Image/__NAME__Image.node.js');
    const { description } = new __NAME__Image();
    expect(description.credentials).toEqual([{ name: '__CAMEL__ImageApi', required: true }]);
    expect(description.properties.find((p) => p.name === 'provider')).toMatchObject({
      type: 'hidden',
      default: '__ID__',
    });
    expect(description.properties.find((p) => p.name === 'model')?.default).toEqual({
      mode: 'list',
      value: '__ID__-image-1',
    });
  });
});
