import { badResponse, parseJsonBody, type ClientRequest, type HttpClient, type ProviderCallContext } from '@imagegate/core';

/** The fields whose base64 core decodes straight from the body bytes. */
export const BINARY_FIELDS = ['data', 'b64_json'] as const;

/**
 * Core's `http.json`, keeping the HTTP status for the errors raised while
 * reading the answer: a body that is not JSON (or is truncated) is
 * BAD_RESPONSE with its status; `b64_json` and Gemini's `data` come back as
 * bytes, decoded without an intermediate string.
 */
export async function jsonCall<T>(http: HttpClient, ctx: ProviderCallContext, request: ClientRequest, provider: string): Promise<{ answer: T; status: number }> {
  const response = await http.send(ctx, request);
  try {
    return { answer: parseJsonBody<T>(response.body, { binaryFields: BINARY_FIELDS }), status: response.status };
  } catch (error) {
    throw badResponse(response, error, { provider, model: request.model });
  }
}
