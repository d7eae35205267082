import { credentialAuthentication, credentialProperties, credentialTest } from '@imagegate/n8n';
import { __CONST___ACCOUNT } from '__PACKAGE__';
import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** The __NAME__ API key and base URL, as the provider's account describes them. */
export class __NAME__ImageApi implements ICredentialType {
  name = '__CAMEL__ImageApi';

  displayName = '__NAME__ Image API';

  icon = {
    light: 'file:../nodes/__NAME__Image/__ID__.svg',
    dark: 'file:../nodes/__NAME__Image/__ID__.dark.svg',
  } as const;

  documentationUrl = '__N8N_DOCS__#credentials';

  properties: INodeProperties[] = credentialProperties(__CONST___ACCOUNT);

  authenticate: IAuthenticateGeneric = credentialAuthentication(__CONST___ACCOUNT);

  test: ICredentialTestRequest = credentialTest(__CONST___ACCOUNT);
}
