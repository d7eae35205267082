import {
  executeImageNode,
  imageNodeDescription,
  imageNodeMethods,
  imageNodeSubtitle,
  nodeProvider,
} from '@imagegate/n8n';
import { toApis } from '@imagegate/provider-toapis';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { ToApisImageApi } from '../../credentials/ToApisImageApi.credentials.js';

const PROVIDERS = [nodeProvider(toApis, { defaultModel: 'gemini-3-pro-image-preview', credential: ToApisImageApi })];

/** ToAPIs Image: generate and edit AI images through ToAPIs, on the ImageGate node kit. */
export class ToApisImage implements INodeType {
  description: INodeTypeDescription = {
    ...imageNodeDescription({
      name: 'toApisImage',
      displayName: 'ToAPIs Image',
      description: 'Generate and edit AI images through ToAPIs',
      providers: PROVIDERS,
    }),
    icon: { light: 'file:toapis.svg', dark: 'file:toapis.dark.svg' },
    subtitle: imageNodeSubtitle(PROVIDERS),
    usableAsTool: true,
  };

  methods = imageNodeMethods(PROVIDERS);

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeImageNode(this, PROVIDERS);
  }
}
