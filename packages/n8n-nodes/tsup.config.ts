import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodePackageConfig } from '@imagegate/n8n/build';

export default nodePackageConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  entries: {
    'nodes/ImageGate/ImageGate.node': 'src/nodes/ImageGate/ImageGate.node.ts',
    'credentials/ImageGateGptProtoApi.credentials': 'src/credentials/ImageGateGptProtoApi.credentials.ts',
    'credentials/ImageGateToApisApi.credentials': 'src/credentials/ImageGateToApisApi.credentials.ts',
  },
  assets: Object.fromEntries(
    ['ImageGate.node.json', 'imagegate.svg', 'imagegate.dark.svg'].map((f) => [
      `src/nodes/ImageGate/${f}`,
      `dist/nodes/ImageGate/${f}`,
    ]),
  ),
});
