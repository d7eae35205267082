import {
  executeImageNode,
  imageNodeDescription,
  imageNodeMethods,
  imageNodeSubtitle,
  nodeProvider,
} from '@imagegate/n8n';
import { __CAMEL__ } from '__PACKAGE__';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { __NAME__ImageApi } from '../../credentials/__NAME__ImageApi.credentials.js';

const PROVIDERS = [nodeProvider(__CAMEL__, { defaultModel: '__ID__-image-1', credential: __NAME__ImageApi })];

/** __NAME__ Image: generate and edit AI images through __NAME__, on the ImageGate node kit. */
export class __NAME__Image implements INodeType {
  description: INodeTypeDescription = {
    ...imageNodeDescription({
      name: '__CAMEL__Image',
      displayName: '__NAME__ Image',
      description: 'Generate and edit AI images through __NAME__',
      providers: PROVIDERS,
    }),
    icon: { light: 'file:__ID__.svg', dark: 'file:__ID__.dark.svg' },
    subtitle: imageNodeSubtitle(PROVIDERS),
    usableAsTool: true,
  };

  methods = imageNodeMethods(PROVIDERS);

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeImageNode(this, PROVIDERS);
  }
}
