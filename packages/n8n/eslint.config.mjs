// The repository's shared rules (../../eslint.config.mjs) on everything, and
// n8n's community-node rules (the ones n8n's verification applies) on the kit
// sources: they ship inside every node package.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import shared from '../../eslint.config.mjs';

const recommended = n8nCommunityNodesPlugin.configs.recommended;

// Tests sit beside the sources but are not bundled: the shared rules only.
export default [
  ...shared,
  { ...recommended, files: ['src/**/*.ts'], ignores: [...recommended.ignores, 'src/**/*.test.ts'] },
];
