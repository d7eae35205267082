import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** ToAPIs API key, sent as `Authorization: Bearer <key>`. */
export class ImageGateToApisApi implements ICredentialType {
  name = 'imageGateToApisApi';

  displayName = 'ImageGate: ToAPIs API';

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
      description: 'Your ToAPIs API key, from the API Key Management page',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://toapis.com',
      description: 'Change only for a proxy or a local emulator',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
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
