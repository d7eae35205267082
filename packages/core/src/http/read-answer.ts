import { ImageGateError } from '../errors/image-gate-error.js';
import { checkSchema, type Schema } from '../spec/schema.js';

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
export function readAnswer<T>(schema: Schema<T>, value: unknown, context: AnswerContext): T {
  const checked = checkSchema(schema, value);
  if (checked.ok) return checked.value;
  const field = checked.path ? `"${checked.path}"` : 'the body';
  const where = context.what ?? (context.status !== undefined ? `HTTP ${context.status}` : 'a call');
  return badAnswer(`answered ${where} with an unexpected body: ${field}: ${checked.message}.`, context, checked.path);
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
