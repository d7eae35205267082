import { join } from 'node:path';
import { describeNodePackage } from '@imagegate/n8n/checks';
import { describe, expect, it } from 'vitest';

describeNodePackage(join(__dirname, '..'), { describe, it, expect });

describe('GPTProto Image', () => {
  it('integrates GPTProto alone: one credential, no Provider choice, its flagship preselected', async () => {
    const { GptProtoImage } = await import('../src/nodes/GptProtoImage/GptProtoImage.node.js');
    const { description } = new GptProtoImage();
    expect(description.credentials).toEqual([{ name: 'gptProtoImageApi', required: true }]);
    expect(description.properties.find((p) => p.name === 'provider')).toMatchObject({
      type: 'hidden',
      default: 'gptproto',
    });
    expect(description.properties.find((p) => p.name === 'model')?.default).toEqual({
      mode: 'list',
      value: 'gpt-image-2',
    });
  });
});
