import { ImageGateError } from './image-gate-error.js';

/** Said of every billable call that may have reached the vendor and was not sent again. */
export const NOT_RESUBMITTED =
  'It was not resubmitted: the vendor may have accepted the job (and billed it), ' +
  'and a second submit could be billed twice.';

/**
 * The error for a call cut short by its signal: the caller's abort (ABORTED)
 * or a deadline (TIMEOUT: the signal's reason is a TimeoutError). When a
 * billable submit was under way the job may already be with the vendor: the
 * error says so, is marked `maybeBilled`, and is not retryable.
 */
export function interruptedError(
  signal: AbortSignal,
  billableInFlight: boolean,
  context: { provider?: string; model?: string; taskId?: string },
  cause: unknown = signal.reason,
): ImageGateError {
  const deadline = (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
  const note = billableInFlight ? ` The submit was under way. ${NOT_RESUBMITTED} The job may still be running.` : '';
  const waiting = context.provider ? ` while waiting for ${context.provider}` : '';
  return new ImageGateError(
    deadline ? 'TIMEOUT' : 'ABORTED',
    `${deadline ? 'The deadline passed' : 'The operation was aborted'}${waiting}.${note}`,
    {
      ...context,
      retryable: billableInFlight ? false : undefined,
      maybeBilled: billableInFlight || undefined,
      cause,
    },
  );
}
