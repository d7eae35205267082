// n8n's community-node rules, as the ImageGate node kit sets them for every
// node package (the ones n8n's verification applies), on src/ and package.json.
import n8nNodePackage from '@imagegate/n8n/eslint';

export default n8nNodePackage;
