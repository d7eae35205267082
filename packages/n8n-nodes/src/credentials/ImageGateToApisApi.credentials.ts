import { credentialAuthentication, credentialProperties, credentialTest } from '@imagegate/n8n';
import { TOAPIS_ACCOUNT } from '@imagegate/provider-toapis';
import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** The ToAPIs API key and base URL, as the provider's account describes them. */
export class ImageGateToApisApi implements ICredentialType {
  name = 'imageGateToApisApi';

  displayName = 'ImageGate: ToAPIs API';

  icon = {
    light: 'file:../nodes/ImageGate/imagegate.svg',
    dark: 'file:../nodes/ImageGate/imagegate.dark.svg',
  } as const;

  documentationUrl = 'https://github.com/imagegate/imagegate/tree/main/packages/n8n-nodes#credentials';

  properties: INodeProperties[] = credentialProperties(TOAPIS_ACCOUNT);

  authenticate: IAuthenticateGeneric = credentialAuthentication(TOAPIS_ACCOUNT);

  test: ICredentialTestRequest = credentialTest(TOAPIS_ACCOUNT);
}
