// n8n's community-node rules, as the kit sets them for every node package.
export { default } from '@imagegate/n8n/eslint';
