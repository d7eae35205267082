import { join } from 'node:path';
import { describeNodePackage } from '@imagegate/n8n/checks';
import { describe, expect, it } from 'vitest';

describeNodePackage(join(__dirname, '..'), { describe, it, expect });

describe('ToAPIs Image', () => {
  it('integrates ToAPIs alone: one credential, no Provider choice, its flagship preselected', async () => {
    const { ToApisImage } = await import('../src/nodes/ToApisImage/ToApisImage.node.js');
    const { description } = new ToApisImage();
    expect(description.credentials).toEqual([{ name: 'toApisImageApi', required: true }]);
    expect(description.properties.find((p) => p.name === 'provider')).toMatchObject({
      type: 'hidden',
      default: 'toapis',
    });
    expect(description.properties.find((p) => p.name === 'model')?.default).toEqual({
      mode: 'list',
      value: 'gemini-3-pro-image-preview',
    });
  });
});
