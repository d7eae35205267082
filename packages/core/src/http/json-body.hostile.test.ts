/**
 * Vendor text stays text: the JSON reader's placeholder cannot be spoofed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encodePng, toBase64 } from '@imagegate/testing/fakes';
import { parseJsonBody } from '../provider.js';
import { generateImage } from '../index.js';
import { hostileProvider, json, type HostileServer } from '../../test-support/hostile-server.js';
import { useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

const png = encodePng(8, 8);

describe('vendor text stays text; secrets stay secret', () => {
  it("keeps a revised prompt that spells the parser's placeholder", async () => {
    const sneaky = '$imagegate-binary:0';
    vendor.handle((_req, res) => json(res, 200, { data: [{ b64_json: toBase64(png), revised_prompt: sneaky }] }));
    const { images } = await generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' });
    expect(images[0]!.revisedPrompt).toBe(sneaky);
    const parsed = parseJsonBody<{ a: string; b: Uint8Array }>(
      new TextEncoder().encode(`{"a":"${sneaky}","b":"${toBase64(png)}"}`),
      { binaryFields: ['b'] },
    );
    expect(parsed.a).toBe(sneaky);
  });
});
