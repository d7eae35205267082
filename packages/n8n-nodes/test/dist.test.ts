import { join } from 'node:path';
import { describeNodePackage } from '@imagegate/n8n/checks';
import { describe, expect, it } from 'vitest';

describeNodePackage(join(__dirname, '..'), { describe, it, expect });

describe('n8n-nodes-imagegate', () => {
  it('offers both providers in one node, with a credential each', async () => {
    const { ImageGate } = await import('../src/nodes/ImageGate/ImageGate.node.js');
    const node = new ImageGate();
    expect(node.description.name).toBe('imageGate');
    expect(node.description.credentials?.map((c) => c.name)).toEqual(['imageGateGptProtoApi', 'imageGateToApisApi']);
    expect(node.description.properties.find((p) => p.name === 'provider')?.type).toBe('options');
  });
});
