import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodePackageConfig } from '@imagegate/n8n/build';

export default nodePackageConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  entries: {
    'nodes/GptProtoImage/GptProtoImage.node': 'src/nodes/GptProtoImage/GptProtoImage.node.ts',
    'credentials/GptProtoImageApi.credentials': 'src/credentials/GptProtoImageApi.credentials.ts',
  },
  assets: Object.fromEntries(
    ['GptProtoImage.node.json', 'gptproto.svg', 'gptproto.dark.svg'].map((f) => [
      `src/nodes/GptProtoImage/${f}`,
      `dist/nodes/GptProtoImage/${f}`,
    ]),
  ),
});
