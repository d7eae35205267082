/**
 * @imagegate/n8n: the kit that turns ImageGate provider definitions into n8n
 * nodes and credentials. A node package lists its providers with
 * `nodeProvider` and writes two small classes; the panel, the model list,
 * per-model options, validation, execution, waiting, binary handling, errors
 * and the credential test all come from here. Bundled into each node package
 * at build time (`@imagegate/n8n/build`), so the package ships with no
 * runtime dependencies.
 * @packageDocumentation
 */
export {
  nodeProvider,
  findNodeProvider,
  type NodeProvider,
  type NodeProviderOptions,
} from './provider/node-provider.js';
export {
  imageNodeDescription,
  imageNodeSubtitle,
  imageNodeMethods,
  executeImageNode,
  type ImageNodeOptions,
} from './node/image-node.js';
export { credentialProperties, credentialAuthentication, credentialTest } from './provider/credential.js';
export { LABELS } from './shared/labels.js';
