import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { PricedImageNode } from '../../test/priced-node.js';

const node = new PricedImageNode();
/** Model → From List, as the panel asks for it, with this credential (none when undefined). */
const search = async (filter: string, credential?: Record<string, unknown>) =>
  (
    await node.methods.listSearch.searchModels.call(
      {
        getCurrentNodeParameter: (name: string) => ({ operation: 'generate' })[name],
        getCredentials: async () => {
          if (!credential) throw new Error('Node does not have credentials of type imageGateGptProtoApi');
          return credential;
        },
      } as unknown as ILoadOptionsFunctions,
      filter,
    )
  ).results;

describe('Model → From List: prices', () => {
  it("shows a model's price beside its name (n8n's list shows only names), its date in the description", async () => {
    const [gpt2] = await search('gpt-image-2');
    expect(gpt2).toMatchObject({ name: 'GPT Image 2 · $0.04 per image', value: 'gpt-image-2' });
    expect(gpt2!.description).toMatch(/\$0\.04 per image \(price table of 2026-05-02\)\.$/);
    const [flash] = await search('gemini-2.5-flash-image');
    expect(flash!.name).toBe('Gemini 2.5 Flash Image · $0.039 per image at 1:1, $0.05 at 16:9');
    const [tokens] = await search('gpt-image-1');
    expect(tokens!.name).toBe('GPT Image 1 · $5.00 in / $40.00 out per 1M tokens');
  });

  it('says nothing about price for a model without one', async () => {
    const [unpriced] = await search('gpt-image-1.5');
    expect(unpriced!.name).toBe('GPT Image 1.5');
    expect(unpriced!.description ?? '').not.toMatch(/price|\$/i);
  });

  it("shows the credential's Prices where set, and the price table when they cannot be read", async () => {
    const prices = '{"gpt-image-2": {"per": "image", "amount": 0.012, "currency": "USD"}}';
    const [own] = await search('gpt-image-2', { apiKey: 'k', prices });
    expect(own!.name).toBe('GPT Image 2 · $0.012 per image (your price)');
    expect(own!.description).toMatch(/\$0\.012 per image \(your price, from the credential's Prices\)\.$/);
    const [broken] = await search('gpt-image-2', { apiKey: 'k', prices: '{"gpt-image-2": ' });
    expect(broken!.name).toBe('GPT Image 2 · $0.04 per image');
  });
});
