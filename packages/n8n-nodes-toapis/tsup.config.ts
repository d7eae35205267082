import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodePackageConfig } from '@imagegate/n8n/build';

export default nodePackageConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  entries: {
    'nodes/ToApisImage/ToApisImage.node': 'src/nodes/ToApisImage/ToApisImage.node.ts',
    'credentials/ToApisImageApi.credentials': 'src/credentials/ToApisImageApi.credentials.ts',
  },
  assets: Object.fromEntries(
    ['ToApisImage.node.json', 'toapis.svg', 'toapis.dark.svg'].map((f) => [
      `src/nodes/ToApisImage/${f}`,
      `dist/nodes/ToApisImage/${f}`,
    ]),
  ),
});
