import {
  executeImageNode,
  imageNodeDescription,
  imageNodeMethods,
  imageNodeSubtitle,
  nodeProvider,
} from '@imagegate/n8n';
import { gptProto } from '@imagegate/provider-gptproto';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { GptProtoImageApi } from '../../credentials/GptProtoImageApi.credentials.js';

const PROVIDERS = [nodeProvider(gptProto, { defaultModel: 'gpt-image-2', credential: GptProtoImageApi })];

/** GPTProto Image: generate and edit AI images through GPTProto, on the ImageGate node kit. */
export class GptProtoImage implements INodeType {
  description: INodeTypeDescription = {
    ...imageNodeDescription({
      name: 'gptProtoImage',
      displayName: 'GPTProto Image',
      description: 'Generate and edit AI images through GPTProto',
      providers: PROVIDERS,
    }),
    icon: { light: 'file:gptproto.svg', dark: 'file:gptproto.dark.svg' },
    subtitle: imageNodeSubtitle(PROVIDERS),
    usableAsTool: true,
  };

  methods = imageNodeMethods(PROVIDERS);

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeImageNode(this, PROVIDERS);
  }
}
