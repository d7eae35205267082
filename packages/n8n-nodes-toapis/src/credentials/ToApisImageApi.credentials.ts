import { credentialAuthentication, credentialProperties, credentialTest } from '@imagegate/n8n';
import { TOAPIS_ACCOUNT } from '@imagegate/provider-toapis';
import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** The ToAPIs API key and base URL, as the provider's account describes them. */
export class ToApisImageApi implements ICredentialType {
  name = 'toApisImageApi';

  displayName = 'ToAPIs Image API';

  icon = { light: 'file:../nodes/ToApisImage/toapis.svg', dark: 'file:../nodes/ToApisImage/toapis.dark.svg' } as const;

  documentationUrl = 'https://github.com/imagegate/imagegate/tree/main/packages/n8n-nodes-toapis#credentials';

  properties: INodeProperties[] = credentialProperties(TOAPIS_ACCOUNT);

  authenticate: IAuthenticateGeneric = credentialAuthentication(TOAPIS_ACCOUNT);

  test: ICredentialTestRequest = credentialTest(TOAPIS_ACCOUNT);
}
