import { CONTENT_POLICY_PATTERN } from './http-error-mapping.js';
import type { ImageGateErrorCode } from './error-codes.js';
import { ImageGateError } from './image-gate-error.js';

/** What a vendor says about a failed task: a code word and/or a message, either may be missing. */
export interface FailedTaskReport {
  code?: string;
  message?: string;
}

/**
 * The error for a task the vendor reports failed: CONTENT_POLICY when its
 * code or message speaks of a safety refusal, TASK_FAILED otherwise; never
 * retryable (a new call would be a new, paid task), always with the task id.
 */
export function taskFailedError(
  report: FailedTaskReport,
  context: { provider: string; model?: string; taskId: string },
): ImageGateError {
  const refused = CONTENT_POLICY_PATTERN.test(`${report.code ?? ''} ${report.message ?? ''}`);
  const code: ImageGateErrorCode = refused ? 'CONTENT_POLICY' : 'TASK_FAILED';
  const why = report.message ?? report.code ?? 'no reason given';
  const advice = refused ? ' The vendor refused the prompt or image on safety grounds; change the prompt.' : '';
  return new ImageGateError(
    code,
    `${context.provider} task ${context.taskId} failed: ${why.replace(/\.$/, '')}.${advice}`,
    {
      provider: context.provider,
      model: context.model,
      taskId: context.taskId,
      vendorMessage: report.message,
      vendorCode: report.code,
      retryable: false,
    },
  );
}
