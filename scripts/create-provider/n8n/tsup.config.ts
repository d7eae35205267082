import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodePackageConfig } from '@imagegate/n8n/build';

export default nodePackageConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  entries: {
    'nodes/__NAME__Image/__NAME__Image.node': 'src/nodes/__NAME__Image/__NAME__Image.node.ts',
    'credentials/__NAME__ImageApi.credentials': 'src/credentials/__NAME__ImageApi.credentials.ts',
  },
  assets: Object.fromEntries(
    ['__NAME__Image.node.json', '__ID__.svg', '__ID__.dark.svg'].map((f) => [
      `src/nodes/__NAME__Image/${f}`,
      `dist/nodes/__NAME__Image/${f}`,
    ]),
  ),
});
