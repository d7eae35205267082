import type { HttpClient, ImageRequest, ProviderCallContext, ProviderImage, SubmitResult } from '@imagegate/core';
import type { __NAME__ModelId } from './__ID__-models.js';
import type { __NAME__ProviderOptions } from './__ID__-options.js';

/** The body of `POST /v1/images/generations`. */
export interface __NAME__GenerationBody {
  model: string;
  prompt: string;
  n: number;
  size?: string;
  quality?: string;
  user?: string;
  response_format: 'b64_json';
}

/** The answer, with `b64_json` already decoded to bytes by core's JSON reader. */
interface GenerationAnswer {
  data?: Array<{ b64_json?: unknown; revised_prompt?: unknown }>;
}

/** The request body for one call (core has validated the request against the manifest). */
export function generationBody(request: ImageRequest<__NAME__ModelId>): __NAME__GenerationBody {
  // Core checked providerOptions against the provider's schema before submit.
  const options = (request.providerOptions ?? {}) as __NAME__ProviderOptions;
  return {
    model: request.model,
    prompt: request.prompt,
    n: request.n ?? 1,
    size: request.size,
    quality: request.quality,
    user: options.user,
    response_format: 'b64_json',
  };
}

/**
 * `POST /v1/images/generations`: billable, so core's client never resubmits
 * it after a timeout or a 5xx. An answer without images is left to core,
 * which reports it as BAD_RESPONSE.
 */
export async function generateImages(http: HttpClient, request: ImageRequest<__NAME__ModelId>, ctx: ProviderCallContext): Promise<SubmitResult> {
  const answer = await http.json<GenerationAnswer | null>(
    ctx,
    { method: 'POST', url: '/v1/images/generations', json: generationBody(request), kind: 'billable', model: request.model },
    { binaryFields: ['b64_json'] },
  );
  const data = Array.isArray(answer?.data) ? answer.data : [];
  const images: ProviderImage[] = data.flatMap((item) =>
    item?.b64_json instanceof Uint8Array
      ? [{ data: item.b64_json, revisedPrompt: typeof item.revised_prompt === 'string' ? item.revised_prompt : undefined }]
      : [],
  );
  return { type: 'images', images };
}
