// The repository's shared rules (../../eslint.config.mjs) on everything, and
// n8n's community-node rules, as the kit sets them for every node package
// (`@imagegate/n8n/eslint`), on src/ and package.json. The kit's config ignores
// test/ and e2e/ outright (a node package of its own lints only what it ships);
// here the shared rules cover those too, so that ignore is left out.
import n8nNodePackage from '@imagegate/n8n/eslint';
import shared from '../../eslint.config.mjs';

const ignoresOnly = (config) => Object.keys(config).every((key) => key === 'ignores' || key === 'name');

export default [...shared, ...n8nNodePackage.filter((config) => !ignoresOnly(config))];
