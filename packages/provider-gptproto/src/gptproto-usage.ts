import type { Usage } from '@imagegate/core/provider';
import * as z from 'zod/mini';

/** A token count; anything else is dropped: a bad count must not fail an answer whose images are paid for. */
const count = z.catch(z.optional(z.number().check(z.nonnegative())), undefined);

/**
 * OpenAI-style `usage` (`/v1/images/*` answers, stream `completed` events) as core's Usage; Seedream's answers there
 * also count the images made (`generated_images`), which core prices per image.
 */
export const openAiUsageSchema = usageSchema('input_tokens', 'output_tokens', 'total_tokens', 'generated_images');

/** Gemini `usageMetadata` (generateContent answers) as core's Usage. */
export const geminiUsageSchema = usageSchema('promptTokenCount', 'candidatesTokenCount', 'totalTokenCount');

/**
 * A usage object with counts under these names, as core's Usage; one that is not an object is dropped like a bad
 * {@link count}.
 */
function usageSchema(input: string, output: string, total: string, images?: string) {
  const counts = z.object({ [input]: count, [output]: count, [total]: count, ...(images ? { [images]: count } : {}) });
  return z.catch(
    z.optional(
      z.pipe(
        counts,
        z.transform((u) => tokenUsage(u[input], u[output], u[total], images ? u[images] : undefined)),
      ),
    ),
    undefined,
  );
}

/** Add usages up (streamed answers report one per completed image). */
export function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a || !b) return a ?? b;
  const sum = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  return strip({
    inputTokens: sum(a.inputTokens, b.inputTokens),
    outputTokens: sum(a.outputTokens, b.outputTokens),
    totalTokens: sum(a.totalTokens, b.totalTokens),
    images: sum(a.images, b.images),
  });
}

/** The counts the vendor gave (the total, when missing, is input plus output); undefined when it gave none. */
function tokenUsage(
  inputTokens?: number,
  outputTokens?: number,
  totalTokens?: number,
  images?: number,
): Usage | undefined {
  totalTokens ??= inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined;
  const usage = strip({ inputTokens, outputTokens, totalTokens, images });
  return Object.keys(usage).length > 0 ? usage : undefined;
}

function strip(usage: Usage): Usage {
  for (const key of Object.keys(usage) as Array<keyof Usage>) if (usage[key] === undefined) delete usage[key];
  return usage;
}
