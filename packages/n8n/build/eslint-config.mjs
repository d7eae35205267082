// `@imagegate/n8n/eslint`: the ESLint configuration of a node package on the
// kit: n8n's community-node rules (the ones n8n's verification applies) on
// the node sources and on package.json.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const recommended = n8nCommunityNodesPlugin.configs.recommended;

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', 'e2e/**', '*.config.ts', '*.config.mjs'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommended, recommended],
  },
  {
    files: ['package.json'],
    extends: [recommended],
    languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
  },
);
