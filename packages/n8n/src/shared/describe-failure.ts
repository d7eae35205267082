import { ImageGateError } from '@imagegate/core';
import { LABELS } from './labels.js';

/** What a failure is about, from the node's side. */
export interface FailureContext {
  /** The provider's display name, e.g. `GPTProto`. */
  providerName: string;
  /** The model's size kind, to name the size parameter as the panel does. */
  sizeLabel?: string;
  /** Max Wait in seconds, when the run waited. */
  maxWaitSeconds?: number;
  /** True when the node offers several providers (its Provider parameter is shown). */
  choosesProvider?: boolean;
}

/** What to do, per error code, in the panel's words. */
const ADVICE: Record<string, string> = {
  AUTHENTICATION: 'Check the API Key in the credential.',
  PERMISSION: "This key may not use this model or endpoint; check the account's plan.",
  INSUFFICIENT_QUOTA: 'Top up the account balance, then run again.',
  RATE_LIMITED: 'Lower the request rate (fewer Parallel Requests, or a Wait node before this one), then retry.',
  CONTENT_POLICY: 'Change the Prompt (or the input image) and run again.',
  PROVIDER_ERROR: 'Retry later. A generation that may have been taken is not resubmitted, so it is not billed twice.',
  BAD_RESPONSE: 'Retry later; if it persists, report it with the execution.',
  TASK_FAILED: 'Change the Prompt or retry.',
  NETWORK: 'Check the Base URL in the credential and the network, then retry.',
  ABORTED: 'The execution was stopped.',
  STORAGE: "Check n8n's binary data storage (disk space, or N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE in database mode).",
};

/**
 * How a workflow collects a task by its id, in the panel's words: a node of
 * the same type as `like` (`this one`, or a node's name), set to collect.
 */
export function howToCollect(
  taskId: string,
  like: string,
  context: Pick<FailureContext, 'providerName' | 'choosesProvider'>,
): string {
  const provider = context.choosesProvider ? `${LABELS.provider} "${context.providerName}", ` : '';
  return (
    `add a node like ${like} with ${provider}Resource "Task", Operation "${LABELS.waitOperation}" ` +
    `and ${LABELS.task} set to ${taskId}`
  );
}

/**
 * The n8n message and description of an ImageGate failure: a headline in the
 * panel's terms, then what the vendor said and what to do, once each. Library
 * field names (`outputCompression`) become the panel's (`Output Compression`);
 * a task that may still finish says how to collect it with this node.
 */
export function describeFailure(error: unknown, context: FailureContext): { message: string; description?: string } {
  if (!ImageGateError.is(error)) return { message: error instanceof Error ? error.message : String(error) };
  const vendor = context.providerName;
  const said =
    error.vendorMessage && !error.message.startsWith(error.vendorMessage)
      ? `${vendor} said: ${sentence(error.vendorMessage)}`
      : '';
  const join = (...parts: string[]) => parts.filter(Boolean).join(' ') || undefined;
  const task = error.task ?? (error.tasks?.length === 1 ? error.tasks[0] : undefined);
  const collect = task
    ? `To collect it later, ${howToCollect(task.taskId, 'this one', context)} ` +
      `(or to this item's "task" field with Continue On Fail on).`
    : '';
  switch (error.code) {
    case 'INVALID_REQUEST':
    case 'UNSUPPORTED':
      return {
        message: inPanelTerms(error.message, context),
        description: error.field ? `Check ${labelOf(error.field, context)}.` : undefined,
      };
    case 'TIMEOUT':
      return task
        ? {
            message:
              `The task did not finish within ${LABELS.maxWait.replace(' (Seconds)', '')} ` +
              `(${context.maxWaitSeconds ?? '?'} s)`,
            description: join(`Task ${task.taskId} may still finish.`, collect, `Or raise ${LABELS.maxWait}.`),
          }
        : {
            message: `${vendor} did not answer in time`,
            description: join(
              error.maybeBilled
                ? 'The request was under way and was not resent: the vendor may have taken (and billed) it.'
                : '',
              `Raise ${LABELS.maxWait}, or retry later.`,
            ),
          };
    case 'AUTHENTICATION':
      return { message: `${vendor} refused the API key`, description: join(said, ADVICE.AUTHENTICATION!) };
    case 'INSUFFICIENT_QUOTA':
      return {
        message: `The ${vendor} account has no balance left`,
        description: join(said, ADVICE.INSUFFICIENT_QUOTA!),
      };
    case 'RATE_LIMITED':
      return { message: `${vendor} is limiting the request rate`, description: join(said, ADVICE.RATE_LIMITED!) };
    case 'CONTENT_POLICY':
      return {
        message: `${vendor} refused the prompt or image on safety grounds`,
        description: join(said, ADVICE.CONTENT_POLICY!),
      };
    case 'TASK_FAILED':
      return {
        message: `The ${vendor} task${task ? ` ${task.taskId}` : error.taskId ? ` ${error.taskId}` : ''} failed`,
        description: join(said, ADVICE.TASK_FAILED!),
      };
    case 'PROVIDER_ERROR':
      return {
        message: `${vendor} failed${error.status !== undefined ? ` (HTTP ${error.status})` : ''}`,
        description: join(said, ADVICE.PROVIDER_ERROR!, collect),
      };
    case 'BAD_RESPONSE':
      return {
        message: `${vendor}'s answer could not be read`,
        description: join(inPanelTerms(error.message, context), ADVICE.BAD_RESPONSE!, collect),
      };
    case 'NETWORK':
      return { message: `Could not reach ${vendor}`, description: join(ADVICE.NETWORK!, collect) };
    case 'STORAGE':
      return {
        message: 'n8n could not store the image',
        description: join(sentence(error.message), ADVICE.STORAGE!, collect),
      };
    default:
      return { message: error.message, description: join(said, ADVICE[error.code] ?? '', collect) };
  }
}

/** The panel's name of a request field (`images[0]` → `Input Binary Field(s)`). */
export function labelOf(field: string, context: Pick<FailureContext, 'sizeLabel'>): string {
  const key = field.replace(/\[\d+\].*$/, '').replace(/\..*$/, '');
  if (key === 'size') return context.sizeLabel ?? LABELS.size;
  if (key === 'apiKey') return 'the API Key in the credential';
  if (key === 'providerOptions') return [LABELS.providerOptions, ...field.split('.').slice(1)].join(' → ');
  return (LABELS as Record<string, string>)[key] ?? field;
}

/** A library message with its quoted field names replaced by the panel's. */
function inPanelTerms(message: string, context: Pick<FailureContext, 'sizeLabel'>): string {
  return sentence(
    message.replace(/"([a-zA-Z]+)(\[\d+\]|(?:\.\w+)+)?"/g, (whole, field: string, rest?: string) => {
      if (!(field in LABELS)) return whole;
      return rest?.startsWith('.')
        ? `"${labelOf(field + rest, context)}"`
        : `"${labelOf(field, context)}${rest ?? ''}"`;
    }),
  );
}

/** Text ending in a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
