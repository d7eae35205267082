import type { TaskStatus } from '@imagegate/core/provider';
import * as z from 'zod/mini';
import { predictionFailed } from './__ID__-errors.js';

/**
 * A prediction, as every predictions endpoint answers it. Read with this schema by core's `http.json`:
 * a field of another shape (an unknown status too) is BAD_RESPONSE naming it, never a TypeError.
 */
export const predictionSchema = z.object({
  id: z.string().check(z.minLength(1)),
  status: z.enum(['starting', 'processing', 'succeeded', 'failed', 'canceled']),
  progress: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  output: z.nullish(z.array(z.string().check(z.regex(/^https?:\/\//i, 'an http(s) URL')))),
  error: z.nullish(z.string()),
});

/** A prediction in core's terms: starting is queued, processing running, succeeded its output URLs. */
export function predictionStatus(
  prediction: z.infer<typeof predictionSchema>,
  context: { provider: string; model: string },
): TaskStatus {
  switch (prediction.status) {
    case 'starting':
      return { state: 'queued', progress: prediction.progress };
    case 'processing':
      return { state: 'running', progress: prediction.progress };
    case 'succeeded':
      return { state: 'succeeded', images: (prediction.output ?? []).map((url) => ({ url })) };
    case 'failed':
      return {
        state: 'failed',
        error: predictionFailed(prediction.error ?? undefined, { ...context, taskId: prediction.id }),
      };
    case 'canceled':
      return { state: 'canceled' };
  }
}
