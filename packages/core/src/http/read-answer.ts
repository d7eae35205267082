import type { ZodType, ZodTypeDef } from 'zod';
import { ImageGateError } from '../errors/image-gate-error.js';

/** Who answered, for the error. */
export interface AnswerContext {
  provider: string;
  model?: string;
  taskId?: string;
  /** The HTTP status the answer came with. */
  status?: number;
  /** What was being read, e.g. "the task poll". */
  what?: string;
}

/**
 * Read a vendor answer with its zod schema: the schema's output, or
 * BAD_RESPONSE naming the first field that is not what the vendor documents
 * (never a TypeError further down).
 */
export function readAnswer<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown, context: AnswerContext): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the body';
  const where = context.what ?? (context.status !== undefined ? `HTTP ${context.status}` : 'a call');
  return badAnswer(
    `answered ${where} with an unexpected body: ${field}: ${issue.message}.`,
    context,
    issue.path.join('.'),
  );
}

/** BAD_RESPONSE: `${provider} ${message}`, with the context and, when known, the field at fault. */
export function badAnswer(message: string, context: AnswerContext, field?: string): never {
  throw new ImageGateError('BAD_RESPONSE', `${context.provider} ${message}`, {
    provider: context.provider,
    model: context.model,
    taskId: context.taskId,
    status: context.status,
    field: field || undefined,
    retryable: false,
  });
}
