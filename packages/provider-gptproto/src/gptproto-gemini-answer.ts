import { ImageGateError, type Usage, type VendorImage } from '@imagegate/core/provider';
import * as z from 'zod/mini';
import { bodyErrorSchema, checkedImage, errorInBody, unusableAnswer, type AnswerContext } from './gptproto-errors.js';
import { geminiUsageSchema } from './gptproto-usage.js';

/** The fields whose base64 core decodes straight from the body bytes. */
export const GEMINI_BINARY_FIELDS = ['data'] as const;

const inlineBytes = z.instanceof(Uint8Array, { error: 'must be base64 text' });

const partSchema = z.object({
  text: z.nullish(z.string()),
  thought: z.nullish(z.boolean()),
  inlineData: z.nullish(z.object({ mimeType: z.nullish(z.string()), data: inlineBytes })),
  // How some gateways write it.
  inline_data: z.nullish(z.object({ mime_type: z.nullish(z.string()), data: inlineBytes })),
});

/**
 * A Gemini generateContent answer: candidates whose parts are text or inline images, or a block reason, or
 * `{ error }`.
 */
export const geminiAnswerSchema = z.object({
  // Parts are read one by one: an unreadable part is skipped while others hold images.
  candidates: z.nullish(
    z.array(
      z.object({
        content: z.nullish(z.object({ parts: z.nullish(z.array(z.unknown())) })),
        finishReason: z.nullish(z.string()),
      }),
    ),
  ),
  promptFeedback: z.nullish(
    z.object({ blockReason: z.nullish(z.string()), blockReasonMessage: z.nullish(z.string()) }),
  ),
  usageMetadata: geminiUsageSchema,
  error: z.nullish(bodyErrorSchema),
});

/** What {@link geminiAnswerSchema} reads. */
export type GeminiAnswer = z.output<typeof geminiAnswerSchema>;

/**
 * Gemini reasons for an answer without an image that mean "refused on safety
 * grounds". RECITATION (the output would reproduce protected material) is
 * counted as a refusal too: the remedy is the same, change the prompt.
 */
export const GEMINI_SAFETY_REASONS: ReadonlySet<string> = new Set([
  'SAFETY',
  'PROHIBITED_CONTENT',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'IMAGE_RECITATION',
]);

/**
 * Every image part of every candidate (`thought` parts skipped); text parts
 * become the images' `revisedPrompt` (Gemini's commentary on what it drew).
 * No image: the block or finish reason decides between CONTENT_POLICY and
 * BAD_RESPONSE.
 */
export function readGeminiAnswer(
  answer: GeminiAnswer,
  context: AnswerContext,
): { images: VendorImage[]; usage?: Usage } {
  const candidates = answer.candidates ?? [];
  if (candidates.length === 0 && answer.error) throw errorInBody(answer.error, context);
  const images: VendorImage[] = [];
  const texts: string[] = [];
  let finishReason: string | undefined;
  let firstProblem: unknown;
  candidates.forEach((candidate, c) => {
    if (candidate.finishReason && candidate.finishReason !== 'STOP') finishReason ??= candidate.finishReason;
    const found: VendorImage[] = [];
    const said: string[] = [];
    (candidate.content?.parts ?? []).forEach((raw, p) => {
      const field = `candidates[${c}].content.parts[${p}]`;
      try {
        const parsed = partSchema.safeParse(raw);
        if (!parsed.success)
          unusableAnswer(
            `with ${field} that is not a text or an image: ` +
              `${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}.`,
            context,
            field,
          );
        const part = parsed.data;
        if (part.thought) return;
        const key = part.inlineData ? 'inlineData' : 'inline_data';
        const data = part[key]?.data;
        if (data) found.push({ data: checkedImage(data, `${field}.${key}.data`, context) });
        else if (part.text?.trim()) said.push(part.text.trim());
      } catch (problem) {
        firstProblem ??= problem;
      }
    });
    const text = said.join('\n');
    if (text) texts.push(text);
    images.push(...found.map((image) => (text ? { ...image, revisedPrompt: text } : image)));
  });
  if (images.length > 0) return { images, usage: answer.usageMetadata };
  if (firstProblem) throw firstProblem;

  const { blockReason, blockReasonMessage } = answer.promptFeedback ?? {};
  const reason = blockReason ?? finishReason ?? (candidates.length > 0 ? 'STOP' : undefined);
  throw noImageError(reason, [blockReasonMessage, ...texts].filter(Boolean).join(' ') || undefined, context);
}

/** The error for an answer without an image, naming the reason the vendor gave and quoting the model's text. */
function noImageError(reason: string | undefined, text: string | undefined, context: AnswerContext): ImageGateError {
  const said = text ? ` The model said: "${text.length > 300 ? `${text.slice(0, 300)}…` : text}"` : '';
  const details = {
    status: context.status,
    provider: context.provider,
    model: context.model,
    vendorCode: reason,
    vendorMessage: text,
    retryable: false,
  };
  const answered = `${context.provider} answered HTTP ${context.status} without an image`;
  if (reason && GEMINI_SAFETY_REASONS.has(reason)) {
    return new ImageGateError(
      'CONTENT_POLICY',
      `${answered}: blocked for ${reason}.${said} ` +
        'The vendor refused the prompt or image on safety grounds; change the prompt.',
      details,
    );
  }
  return new ImageGateError(
    'BAD_RESPONSE',
    `${answered} (${reason ? `finish reason ${reason}` : 'no reason given'}).${said}`,
    details,
  );
}
