import { executeImageNode, imageNodeDescription, imageNodeMethods, imageNodeSubtitle } from '@imagegate/n8n';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { PROVIDERS } from '../../providers.js';

/** ImageGate for n8n: generate and edit images through GPTProto and ToAPIs, waiting on asynchronous tasks. */
export class ImageGate implements INodeType {
  description: INodeTypeDescription = {
    ...imageNodeDescription({
      name: 'imageGate',
      displayName: 'ImageGate',
      description: 'Generate and edit AI images through GPTProto and ToAPIs',
      providers: PROVIDERS,
    }),
    icon: { light: 'file:imagegate.svg', dark: 'file:imagegate.dark.svg' },
    subtitle: imageNodeSubtitle(PROVIDERS),
    usableAsTool: true,
  };

  methods = imageNodeMethods(PROVIDERS);

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeImageNode(this, PROVIDERS);
  }
}
