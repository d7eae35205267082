import { nodeProvider } from '@imagegate/n8n';
import { gptProto } from '@imagegate/provider-gptproto';
import { toApis } from '@imagegate/provider-toapis';
import { ImageGateGptProtoApi } from './credentials/ImageGateGptProtoApi.credentials.js';
import { ImageGateToApisApi } from './credentials/ImageGateToApisApi.credentials.js';

/** The providers of the combined node; adding one is one line here (and its credential file). */
export const PROVIDERS = [
  nodeProvider(gptProto, { defaultModel: 'gpt-image-2', credential: ImageGateGptProtoApi }),
  nodeProvider(toApis, { defaultModel: 'gemini-3-pro-image-preview', credential: ImageGateToApisApi }),
];
