import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** GPTProto API key. The key goes in `Authorization` bare, as GPTProto documents it, or as `Bearer`. */
export class ImageGateGptProtoApi implements ICredentialType {
  name = 'imageGateGptProtoApi';

  displayName = 'ImageGate: GPTProto API';

  icon = { light: 'file:../nodes/ImageGate/imagegate.svg', dark: 'file:../nodes/ImageGate/imagegate.dark.svg' } as const;

  documentationUrl = 'https://github.com/imagegate/imagegate/tree/main/packages/n8n-nodes#credentials';

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description: 'Your GPTProto API key (sk-…), from the API Keys page of the GPTProto dashboard',
    },
    {
      displayName: 'Authorization Format',
      name: 'authScheme',
      type: 'options',
      options: [
        { name: 'Key Only (as documented)', value: 'bare' },
        { name: 'Bearer Key', value: 'bearer' },
      ],
      default: 'bare',
      description: 'How the key is written in the Authorization header',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://gptproto.com',
      description: 'Change only for a proxy or a local emulator',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      headers: {
        Authorization: '={{ $credentials.authScheme === "bearer" ? "Bearer " + $credentials.apiKey : $credentials.apiKey }}',
      },
    },
  };

  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
      url: '/v1/models',
      method: 'GET',
    },
  };
}
