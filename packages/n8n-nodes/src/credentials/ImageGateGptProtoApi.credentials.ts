import { credentialAuthentication, credentialProperties, credentialTest } from '@imagegate/n8n';
import { GPTPROTO_ACCOUNT } from '@imagegate/provider-gptproto';
import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** The GPTProto API key and base URL, as the provider's account describes them. */
export class ImageGateGptProtoApi implements ICredentialType {
  name = 'imageGateGptProtoApi';

  displayName = 'ImageGate: GPTProto API';

  icon = {
    light: 'file:../nodes/ImageGate/imagegate.svg',
    dark: 'file:../nodes/ImageGate/imagegate.dark.svg',
  } as const;

  documentationUrl = 'https://github.com/imagegate/imagegate/tree/main/packages/n8n-nodes#credentials';

  properties: INodeProperties[] = credentialProperties(GPTPROTO_ACCOUNT);

  authenticate: IAuthenticateGeneric = credentialAuthentication(GPTPROTO_ACCOUNT);

  test: ICredentialTestRequest = credentialTest(GPTPROTO_ACCOUNT);
}
