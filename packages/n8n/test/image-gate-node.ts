// The combined node and its credentials, built on the kit (from its sources)
// with the real providers, as n8n-nodes-imagegate builds them: the node the
// kit's behaviour tests run. Same names, so requests, logs and errors read as
// they do in that package.
import { gptProto, GPTPROTO_ACCOUNT } from '@imagegate/provider-gptproto';
import { toApis, TOAPIS_ACCOUNT } from '@imagegate/provider-toapis';
import type {
  IAuthenticateGeneric,
  ICredentialTestRequest,
  ICredentialType,
  IExecuteFunctions,
  INodeExecutionData,
  INodeProperties,
  INodeType,
  INodeTypeDescription,
} from 'n8n-workflow';
import {
  credentialAuthentication,
  credentialProperties,
  credentialTest,
  executeImageNode,
  imageNodeDescription,
  imageNodeMethods,
  imageNodeSubtitle,
  nodeProvider,
} from '../src/index.js';

export class ImageGateGptProtoApi implements ICredentialType {
  name = 'imageGateGptProtoApi';
  displayName = 'ImageGate: GPTProto API';
  properties: INodeProperties[] = credentialProperties(GPTPROTO_ACCOUNT);
  authenticate: IAuthenticateGeneric = credentialAuthentication(GPTPROTO_ACCOUNT);
  test: ICredentialTestRequest = credentialTest(GPTPROTO_ACCOUNT);
}

export class ImageGateToApisApi implements ICredentialType {
  name = 'imageGateToApisApi';
  displayName = 'ImageGate: ToAPIs API';
  properties: INodeProperties[] = credentialProperties(TOAPIS_ACCOUNT);
  authenticate: IAuthenticateGeneric = credentialAuthentication(TOAPIS_ACCOUNT);
  test: ICredentialTestRequest = credentialTest(TOAPIS_ACCOUNT);
}

export const PROVIDERS = [
  nodeProvider(gptProto, { defaultModel: 'gpt-image-2', credential: ImageGateGptProtoApi }),
  nodeProvider(toApis, { defaultModel: 'gemini-3-pro-image-preview', credential: ImageGateToApisApi }),
];

export class ImageGate implements INodeType {
  description: INodeTypeDescription = {
    ...imageNodeDescription({
      name: 'imageGate',
      displayName: 'ImageGate',
      description: 'Generate and edit AI images through GPTProto and ToAPIs',
      providers: PROVIDERS,
    }),
    subtitle: imageNodeSubtitle(PROVIDERS),
    usableAsTool: true,
  };

  methods = imageNodeMethods(PROVIDERS);

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeImageNode(this, PROVIDERS);
  }
}
